// Package store saves through txutil.WithTx, which owns the transaction:
// what txvet knows about WithTx comes from a fact exported by txutil.
package store

import (
	"context"
	"database/sql"

	"example.com/facts/txutil"
)

// Save commits inside the callback, so WithTx's own Commit fails.
func Save(ctx context.Context, db *sql.DB, query string) error {
	return txutil.WithTx(ctx, db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, query); err != nil {
			return err
		}
		return tx.Commit()
	})
}

// SaveNil lets WithTx commit: nothing to report.
func SaveNil(ctx context.Context, db *sql.DB, query string) error {
	return txutil.WithTx(ctx, db, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, query)
		return err
	})
}
