package helper

import "database/sql"

// Finish releases its parameter.
func Finish(tx *sql.Tx) { tx.Rollback() }

// Keep does not.
func Keep(tx *sql.Tx) {}
