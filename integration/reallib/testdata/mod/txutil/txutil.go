// Package txutil holds a project's own transaction helpers; txvet learns
// what they do through analysis facts, across the package boundary.
package txutil

import (
	"context"
	"database/sql"
)

// WithTx runs fn in a transaction that it commits when fn returns nil and
// rolls back otherwise.
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

// Finish commits tx when *errp is nil and rolls it back otherwise; it is
// meant to be deferred.
func Finish(tx *sql.Tx, errp *error) {
	if *errp != nil {
		_ = tx.Rollback()
		return
	}
	*errp = tx.Commit()
}
