// Package broken does not type-check: no diagnostics, no panic.
package broken

import "database/sql"

func redundantButBroken(db *sql.DB) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.Exec("UPDATE t SET x = 1"); err != nil {
		tx.Rollback()
		return undefinedVariable
	}
	return tx.Commit(42)
}
