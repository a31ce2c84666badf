// Package store owns transactions for its callers.
package store

import (
	"context"
	"database/sql"
)

// Tx lets callers name the transaction without importing database/sql.
type Tx = *sql.Tx

var DB *sql.DB

// WithTx runs fn in a transaction that it commits, or rolls back when fn
// fails.
func WithTx(ctx context.Context, db *sql.DB, fn func(Tx) error) error {
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
