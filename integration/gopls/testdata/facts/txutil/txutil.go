// Package txutil runs functions in database/sql transactions.
package txutil

import (
	"context"
	"database/sql"
)

// WithTx runs fn in a transaction: it commits when fn returns nil and rolls
// back otherwise.
func WithTx(ctx context.Context, db *sql.DB, fn func(tx *sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}
