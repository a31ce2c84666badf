// Package billing commits inside a helper of a dependency that already
// commits.
package billing

import (
	"context"
	"database/sql"

	"example.com/dbutil"
)

// Charge commits the transaction WithTx owns: WithTx then commits a
// finished transaction and returns sql.ErrTxDone for committed work.
func Charge(ctx context.Context, db *sql.DB) error {
	return dbutil.WithTx(ctx, db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "UPDATE invoice SET paid = true"); err != nil {
			return err
		}
		return tx.Commit()
	})
}
