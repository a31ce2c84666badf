// Package billing imports no database library itself: only store, which
// does, makes it database code.
package billing

import (
	"context"

	"example.com/prefilter/money"
	"example.com/prefilter/store"
)

func Charge(ctx context.Context, cents int) error {
	return store.WithTx(ctx, store.DB, func(tx store.Tx) error {
		if _, err := tx.ExecContext(ctx, "UPDATE invoice SET paid = $1", money.Format(cents)); err != nil {
			return err
		}
		return tx.Commit()
	})
}
