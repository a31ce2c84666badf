// Package nolaunch uses a pool but never releases nor launches: no
// inspector.
package nolaunch // want "none"

import "database/sql"

func count(db *sql.DB) (n int, err error) {
	err = db.QueryRow("SELECT count(*) FROM t").Scan(&n)
	return n, err
}
