// Package history runs queries on one transaction from two goroutines.
package history

import (
	"context"
	"database/sql"

	"golang.org/x/sync/errgroup"
)

// Touch starts two goroutines on one transaction.
func Touch(tx *sql.Tx) {
	go func() { tx.Exec("UPDATE a SET t = now()") }()
	go func() { tx.Exec("UPDATE b SET t = now()") }()
}

// Counts runs two queries at once on one transaction: the seed's gather.
func Counts(ctx context.Context, tx *sql.Tx) (rows, total int, err error) {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		return tx.QueryRowContext(ctx, "SELECT count(*) FROM history WHERE day = current_date").Scan(&rows)
	})
	g.Go(func() error {
		return tx.QueryRowContext(ctx, "SELECT count(*) FROM history").Scan(&total)
	})
	err = g.Wait()
	return rows, total, err
}

// Pooled uses the pool, which is safe for concurrent use.
func Pooled(ctx context.Context, db *sql.DB) error {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { _, err := db.ExecContext(ctx, "SELECT 1"); return err })
	g.Go(func() error { _, err := db.ExecContext(ctx, "SELECT 2"); return err })
	return g.Wait()
}
