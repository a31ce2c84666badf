// Package noredundant is analysed with -redundant=false: the clean-up
// kind is off, the bug kinds stay.
package noredundant

import "database/sql"

func neverRedundantReleaseWhenOff(db *sql.DB) error {
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

func reportDoubleCommitWhenOff(db *sql.DB) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Commit() // @a
	return tx.Commit() // want `tx.Commit\(\) and the deferred tx.Commit\(\) at line 25 both commit tx`
}
