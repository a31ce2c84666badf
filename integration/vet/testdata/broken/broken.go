// Package broken does not type-check.
package broken

import "database/sql"

func Save(db *sql.DB) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return tx.Commit(undefined)
}
