// Package txutil runs functions inside transactions it owns. txvet learns
// that from an analysis fact, which must cross into package orders under
// golangci-lint as under the other drivers.
package txutil

import (
	"context"
	"database/sql"
)

// WithTx runs fn in a transaction: it commits when fn returns nil and
// rolls back otherwise.
func WithTx(ctx context.Context, db *sql.DB, fn func(*sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}
