// Package queries: goroutines inside the callback of a project helper
// share the sqlc Queries the helper bound to its transaction, known from
// the helper's fact across packages.
package queries

import (
	"context"

	"golang.org/x/sync/errgroup"

	"sharedtx/queries/store"
)

func SharedQueries(ctx context.Context, s *store.Store) error {
	return s.InTx(ctx, func(ctx context.Context, q *store.Queries) error {
		var g errgroup.Group
		var a, b int64
		g.Go(func() (err error) { a, err = q.CountUsers(ctx); return err }) // want `^transaction q is used at the same time by the goroutines launched at lines 18 and 19; `
		g.Go(func() (err error) { b, err = q.CountUsers(ctx); return err })
		if err := g.Wait(); err != nil || a != b {
			return err
		}
		return nil
	})
}

func SharedQueriesWithTx(ctx context.Context, s *store.Store) error {
	return s.ExecTx(ctx, func(q *store.Queries) error {
		var g errgroup.Group
		for range 3 {
			g.Go(func() error { _, err := q.CountUsers(ctx); return err }) // want `^transaction q is used at the same time by the goroutines launched in a loop at line 31; `
		}
		return g.Wait()
	})
}

// Queries on the pool are safe for concurrent use.
func PoolQueries(ctx context.Context, s *store.Store) error {
	return s.OnPool(ctx, func(ctx context.Context, q *store.Queries) error {
		var g errgroup.Group
		g.Go(func() error { _, err := q.CountUsers(ctx); return err })
		g.Go(func() error { _, err := q.CountUsers(ctx); return err })
		return g.Wait()
	})
}
