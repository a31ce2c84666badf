// Package brokentest is fine; its test does not compile (a mock that is
// generated, and not committed).
package brokentest

import "database/sql"

func Update(db *sql.DB) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.Exec("UPDATE t SET x = 1"); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}
