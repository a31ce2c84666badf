package handle // want "relevant"

import "database/sql"

type store struct{ db *sql.DB }

func (s store) ping() error { return s.db.Ping() }
