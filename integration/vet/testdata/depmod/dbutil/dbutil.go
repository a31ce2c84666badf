// Package dbutil is a dependency (another module) that owns transactions
// for its callers, like a third-party helper missing from the tables.
package dbutil

import (
	"context"
	"database/sql"
)

// WithTx runs fn in a transaction that it commits, or rolls back when fn
// fails.
func WithTx(ctx context.Context, db *sql.DB, fn func(*sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}
