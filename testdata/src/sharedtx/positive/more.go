package positive

import (
	"context"
	"sync"

	pgx4 "github.com/jackc/pgx/v4"
	"github.com/jackc/pgx/v5/pgxpool"
)

// ParentUsesWhenNothingWaitsPgx4: a pgx v4 transaction in a BeginFunc
// callback.
func ParentUsesWhenNothingWaitsPgx4(ctx context.Context, conn *pgx4.Conn) error {
	return conn.BeginFunc(ctx, func(tx pgx4.Tx) error {
		go tx.Query(ctx, "SELECT 1") // want `^transaction tx is used at the same time by the goroutine launched at line 15 and by this function at line 16 before it waits for them; `
		_, err := tx.Query(ctx, "SELECT 2")
		return err
	})
}

// TwoLaunchesOverlapPoolConn: a connection acquired from the pool is one
// connection.
func TwoLaunchesOverlapPoolConn(ctx context.Context, pool *pgxpool.Pool) error {
	c, err := pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer c.Release()
	var wg sync.WaitGroup
	wg.Go(func() { _, _ = c.Exec(ctx, "VACUUM a") }) // want `^connection c is used at the same time by the goroutines launched at lines 30 and 31; run its queries in turn, or use a pool connection per goroutine$`
	wg.Go(func() { _, _ = c.Exec(ctx, "VACUUM b") })
	wg.Wait()
	return nil
}

// EntTx stands for ent's generated transaction: Commit and Rollback make it
// a transaction.
type EntTx struct{}

func (*EntTx) Commit() error                            { return nil }
func (*EntTx) Rollback() error                          { return nil }
func (*EntTx) Exec(ctx context.Context, q string) error { return nil }

// LaunchInLoopGenerated: a generated transaction type.
func LaunchInLoopGenerated(ctx context.Context, tx *EntTx, tables []string) {
	var wg sync.WaitGroup
	for _, t := range tables {
		wg.Go(func() { _ = tx.Exec(ctx, "TRUNCATE "+t) }) // want `^transaction tx is used at the same time by the goroutines launched in a loop at line 48; `
	}
	wg.Wait()
}
