// Package negative holds the cases sharedtx must leave alone: each Never
// report bullet of docs/sharedtx.md, and each place the analyzer is deliberately
// silent because it cannot be sure.
package negative

import (
	"context"
	"database/sql"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jmoiron/sqlx"
	"github.com/sourcegraph/conc/pool"
	"github.com/uptrace/bun"
	"golang.org/x/sync/errgroup"
	"gorm.io/gorm"
)

type User struct{ ID int64 }

// GoroutinesUsePool: pools are safe for concurrent use.
func GoroutinesUsePool(ctx context.Context, db *sql.DB, xdb *sqlx.DB, pg *pgxpool.Pool, gdb *gorm.DB, bdb *bun.DB) error {
	g, ctx := errgroup.WithContext(ctx)
	for i := 0; i < 3; i++ {
		g.Go(func() error { _, err := db.ExecContext(ctx, "SELECT 1"); return err })
		g.Go(func() error { var n int; return xdb.Get(&n, "SELECT 1") })
		g.Go(func() error { _, err := pg.Exec(ctx, "SELECT 1"); return err })
		g.Go(func() error { return gdb.Create(&User{}).Error })
		g.Go(func() error { _, err := bdb.ExecContext(ctx, "SELECT 1"); return err })
	}
	_, err := db.ExecContext(ctx, "SELECT 2")
	_ = g.Wait()
	return err
}

// GoroutinesBeginOwnTx: each goroutine begins, and ends, a transaction of
// its own.
func GoroutinesBeginOwnTx(ctx context.Context, db *sql.DB, pg *pgxpool.Pool, gdb *gorm.DB) error {
	var g errgroup.Group
	for i := 0; i < 3; i++ {
		g.Go(func() error {
			tx, err := db.BeginTx(ctx, nil)
			if err != nil {
				return err
			}
			defer tx.Rollback()
			if _, err := tx.ExecContext(ctx, "SELECT 1"); err != nil {
				return err
			}
			return tx.Commit()
		})
		g.Go(func() error {
			return pgx.BeginFunc(ctx, pg, func(tx pgx.Tx) error {
				_, err := tx.Exec(ctx, "SELECT 1")
				return err
			})
		})
		g.Go(func() error {
			return gdb.Transaction(func(tx *gorm.DB) error { return tx.Create(&User{}).Error })
		})
	}
	return g.Wait()
}

// GoroutinesBeginOwnTxPerIteration: the transaction is begun in the loop,
// so each goroutine has its own.
func GoroutinesBeginOwnTxPerIteration(ctx context.Context, pg *pgxpool.Pool, ids []int64) {
	var wg sync.WaitGroup
	for _, id := range ids {
		tx, err := pg.Begin(ctx)
		if err != nil {
			continue
		}
		wg.Go(func() {
			defer tx.Rollback(ctx)
			_, _ = tx.Exec(ctx, "DELETE FROM a WHERE id = $1", id)
			_ = tx.Commit(ctx)
		})
	}
	wg.Wait()
}

// GoroutinesBeginOwnTxRange: one goroutine per transaction of a slice.
func GoroutinesBeginOwnTxRange(ctx context.Context, txs []pgx.Tx) {
	var wg sync.WaitGroup
	for _, tx := range txs {
		wg.Go(func() { _ = tx.Commit(ctx) })
	}
	wg.Wait()
}

// GroupLimitedToOne: g.SetLimit(1) before the launches runs them in turn.
func GroupLimitedToOne(ctx context.Context, tx pgx.Tx, ids []int64) error {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(1)
	for _, id := range ids {
		g.Go(func() error { _, err := tx.Exec(ctx, "DELETE FROM a WHERE id = $1", id); return err })
	}
	g.Go(func() error { _, err := tx.Exec(ctx, "DELETE FROM b"); return err })
	if err := g.Wait(); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// GroupLimitedToOneConcPool: a conc pool with one goroutine at most.
func GroupLimitedToOneConcPool(ctx context.Context, tx *sql.Tx, ids []int64) {
	p := pool.New().WithMaxGoroutines(1)
	for _, id := range ids {
		p.Go(func() { _, _ = tx.ExecContext(ctx, "DELETE FROM a WHERE id = $1", id) })
	}
	p.Wait()
}

// GroupLimitedToOneConcErrorPool: the limit holds through WithErrors.
func GroupLimitedToOneConcErrorPool(ctx context.Context, tx *sql.Tx, ids []int64) error {
	var p = pool.New().WithMaxGoroutines(1).WithErrors()
	for _, id := range ids {
		p.Go(func() error { _, err := tx.ExecContext(ctx, "DELETE FROM a WHERE id = $1", id); return err })
	}
	return p.Wait()
}

// OneLaunchWaitedFor: the launch is waited for before tx is used again.
func OneLaunchWaitedFor(ctx context.Context, tx pgx.Tx) error {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { _, err := tx.Exec(gctx, "DELETE FROM a"); return err })
	if err := g.Wait(); err != nil {
		return err
	}
	g.Go(func() error { _, err := tx.Exec(gctx, "DELETE FROM b"); return err })
	if err := g.Wait(); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// OneLaunchWaitedForWaitGroup: a go statement whose WaitGroup is waited
// for before the commit.
func OneLaunchWaitedForWaitGroup(ctx context.Context, tx *sql.Tx) error {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		_, _ = tx.ExecContext(ctx, "DELETE FROM a")
	}()
	wg.Wait()
	return tx.Commit()
}

// OneLaunchWaitedForChannel: the function receives the goroutine's result
// before it uses tx again.
func OneLaunchWaitedForChannel(ctx context.Context, tx *sql.Tx) error {
	done := make(chan error, 1)
	go func() {
		_, err := tx.ExecContext(ctx, "DELETE FROM a")
		done <- err
	}()
	if err := <-done; err != nil {
		return err
	}
	return tx.Commit()
}

// OneLaunchNoOtherUse: one goroutine, and the function never touches tx
// again.
func OneLaunchNoOtherUse(ctx context.Context, tx *sql.Tx) {
	go func() {
		_, _ = tx.ExecContext(ctx, "DELETE FROM a")
		_ = tx.Commit()
	}()
}

// LaunchesInExclusiveBranches: only one of the two goroutines is started.
func LaunchesInExclusiveBranches(ctx context.Context, tx *sql.Tx, full bool) {
	var wg sync.WaitGroup
	if full {
		wg.Go(func() { _, _ = tx.ExecContext(ctx, "DELETE FROM a") })
	} else {
		wg.Go(func() { _, _ = tx.ExecContext(ctx, "DELETE FROM b") })
	}
	wg.Wait()
}

// UseBeforeLaunch: the function's own query ends before the launch.
func UseBeforeLaunch(ctx context.Context, tx *sql.Tx) {
	_, _ = tx.ExecContext(ctx, "DELETE FROM a")
	var wg sync.WaitGroup
	wg.Go(func() { _, _ = tx.ExecContext(ctx, "DELETE FROM b") })
	wg.Wait()
}

// DeferredRollbackIsNotAUse: the deferred Rollback runs after Wait.
func DeferredRollbackIsNotAUse(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var g errgroup.Group
	g.Go(func() error { _, err := tx.ExecContext(ctx, "DELETE FROM a"); return err })
	if err := g.Wait(); err != nil {
		return err
	}
	return tx.Commit()
}
