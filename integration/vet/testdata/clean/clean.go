// Package clean holds only code that txvet leaves alone.
package clean

import (
	"context"
	"database/sql"
)

// Save is the canonical idiom: a deferred rollback and a checked commit.
func Save(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE t SET n = 1"); err != nil {
		return err
	}
	return tx.Commit()
}
