// Package seed is the origin incident in Go: the query-history endpoint ran
// its rows query and its count query at once on one transaction.
package seed

import (
	"context"

	"github.com/jackc/pgx/v5"
	"golang.org/x/sync/errgroup"
)

type Query struct {
	ID  int64
	SQL string
}

// QueryHistory is the seed's get_query_history, with errgroup in the role
// of asyncio.gather.
func QueryHistory(ctx context.Context, tx pgx.Tx, limit int) ([]Query, int, error) {
	var (
		history []Query
		total   int
	)
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { // want `^transaction tx is used at the same time by the goroutines launched at lines 25 and 40; run its queries in turn, or use a pool connection per goroutine for reads outside the transaction$`
		rows, err := tx.Query(ctx, "SELECT id, sql FROM query_history ORDER BY id DESC LIMIT $1", limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var q Query
			if err := rows.Scan(&q.ID, &q.SQL); err != nil {
				return err
			}
			history = append(history, q)
		}
		return rows.Err()
	})
	g.Go(func() error {
		return tx.QueryRow(ctx, "SELECT count(*) FROM query_history").Scan(&total)
	})
	if err := g.Wait(); err != nil {
		return nil, 0, err
	}
	return history, total, nil
}
