package stdsql

import (
	"context"
	"database/sql"

	"golang.org/x/sync/errgroup"

	"reallib.test/mod/stdsql/queries"
)

// --- sharedtx through sqlc-style derived values ---

func sqlcOnTx(ctx context.Context, db *sql.DB, ids []int64) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	q := queries.New(db).WithTx(tx)
	g, gctx := errgroup.WithContext(ctx)
	for _, id := range ids {
		g.Go(func() error { return q.DeleteAuthor(gctx, id) }) // want `^transaction tx is used at the same time by the goroutines launched in a loop at line \d+`
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return tx.Commit()
}

// Never report: sqlc queries on the pool.
func sqlcOnPool(ctx context.Context, db *sql.DB, ids []int64) error {
	q := queries.New(db)
	g, gctx := errgroup.WithContext(ctx)
	for _, id := range ids {
		g.Go(func() error { return q.DeleteAuthor(gctx, id) })
	}
	return g.Wait()
}
