// Package app loads, though a test of the package of its module that it
// imports cannot.
package app

import (
	"database/sql"

	"example.com/robust/lib"
)

func Update(db *sql.DB) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.Exec("UPDATE t SET x = 1"); err != nil {
		tx.Rollback()
		return lib.Wrap(err)
	}
	return tx.Commit()
}
