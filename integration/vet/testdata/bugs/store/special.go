//go:build txvetspecial

package store

import (
	"context"
	"database/sql"
)

// SpecialTransfer is only built with -tags txvetspecial.
func SpecialTransfer(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE account SET n = n + 1"); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}
