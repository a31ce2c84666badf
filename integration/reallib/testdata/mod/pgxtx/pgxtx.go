// Package pgxtx holds native pgx v5 cases: pgx.Tx is an interface, *pgx.Conn
// and *pgxpool.Conn single connections, *pgxpool.Pool a pool.
package pgxtx

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"golang.org/x/sync/errgroup"
)

// --- doublerelease: report ---

func redundantRollback(ctx context.Context, pool *pgxpool.Pool, id int64) error {
	tx, err := pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, "DELETE FROM t WHERE id = $1", id); err != nil {
		tx.Rollback(ctx) // want `^tx\.Rollback\(ctx\) is redundant: the deferred tx\.Rollback\(ctx\) at line \d+ already releases tx`
		return fmt.Errorf("delete: %w", err)
	}
	return tx.Commit(ctx)
}

func redundantPoolConnRelease(ctx context.Context, pool *pgxpool.Pool) error {
	c, err := pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer c.Release()
	if err := c.Ping(ctx); err != nil {
		c.Release() // want `^c\.Release\(\) is redundant: the deferred c\.Release\(\) at line \d+ already releases c`
		return err
	}
	return nil
}

func redundantConnClose(ctx context.Context, dsn string) error {
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "LISTEN jobs"); err != nil {
		conn.Close(ctx) // want `^conn\.Close\(ctx\) is redundant: the deferred conn\.Close\(ctx\) at line \d+ already releases conn`
		return err
	}
	return nil
}

// BeginFunc commits; a Commit inside makes it return "tx is closed".
func commitInsideBeginFunc(ctx context.Context, pool *pgxpool.Pool) error {
	return pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "INSERT INTO t VALUES (1)"); err != nil {
			return err
		}
		return tx.Commit(ctx) // want `^tx\.Commit\(ctx\) inside the callback of pgx\.BeginFunc at line \d+: BeginFunc commits again and returns pgx\.ErrTxClosed for committed work; return nil instead$`
	})
}

func rollbackInsideBeginTxFunc(ctx context.Context, conn *pgx.Conn, dryRun bool) error {
	return pgx.BeginTxFunc(ctx, conn, pgx.TxOptions{IsoLevel: pgx.Serializable}, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "DELETE FROM t"); err != nil {
			return err
		}
		if dryRun {
			tx.Rollback(ctx) // want `^tx\.Rollback\(ctx\) inside the callback of pgx\.BeginTxFunc at line \d+: with nil returned after it, BeginTxFunc returns pgx\.ErrTxClosed for rolled-back work; return an error$`
		}
		return nil
	})
}

// --- doublerelease: never report ---

func canonical(ctx context.Context, pool *pgxpool.Pool) error {
	tx, err := pool.BeginTx(ctx, pgx.TxOptions{})
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, "UPDATE t SET n = 1"); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

func checkedRollback(ctx context.Context, pool *pgxpool.Pool) error {
	tx, err := pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, "UPDATE t SET n = 2"); err != nil {
		if rbErr := tx.Rollback(ctx); rbErr != nil && !errors.Is(rbErr, pgx.ErrTxClosed) {
			return errors.Join(err, rbErr)
		}
		return err
	}
	return tx.Commit(ctx)
}

// A savepoint begun inside the callback is not the callback's transaction.
func savepointInsideBeginFunc(ctx context.Context, pool *pgxpool.Pool) error {
	return pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		sp, err := tx.Begin(ctx)
		if err != nil {
			return err
		}
		defer sp.Rollback(ctx)
		if _, err := sp.Exec(ctx, "INSERT INTO t VALUES (3)"); err != nil {
			return err
		}
		return sp.Commit(ctx)
	})
}

func beginFuncCorrect(ctx context.Context, pool *pgxpool.Pool) error {
	return pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, "INSERT INTO t VALUES (4)")
		return err
	})
}

// --- sharedtx: report ---

// The measured crash: one pgx.Tx shared by an errgroup.
func pageAndCount(ctx context.Context, pool *pgxpool.Pool) ([]int64, int64, error) {
	tx, err := pool.Begin(ctx)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback(ctx)
	var ids []int64
	var total int64
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { // want `^transaction tx is used at the same time by the goroutines launched at lines \d+ and \d+`
		rows, err := tx.Query(gctx, "SELECT id FROM t LIMIT 50")
		if err != nil {
			return err
		}
		ids, err = pgx.CollectRows(rows, pgx.RowTo[int64])
		return err
	})
	g.Go(func() error {
		return tx.QueryRow(gctx, "SELECT count(*) FROM t").Scan(&total)
	})
	if err := g.Wait(); err != nil {
		return nil, 0, err
	}
	return ids, total, tx.Commit(ctx)
}

// A *pgx.Conn handed to goroutines in a loop.
func connInLoop(ctx context.Context, conn *pgx.Conn, tables []string) {
	done := make(chan struct{}, len(tables))
	for _, table := range tables {
		go func() { // want `^connection conn is used at the same time by the goroutines launched in a loop at line \d+`
			conn.Exec(ctx, "VACUUM "+pgx.Identifier{table}.Sanitize())
			done <- struct{}{}
		}()
	}
	for range tables {
		<-done
	}
}

// --- sharedtx: never report ---

func poolPerGoroutine(ctx context.Context, pool *pgxpool.Pool) (int64, int64, error) {
	var a, b int64
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return pool.QueryRow(gctx, "SELECT count(*) FROM a").Scan(&a) })
	g.Go(func() error { return pool.QueryRow(gctx, "SELECT count(*) FROM b").Scan(&b) })
	return a, b, g.Wait()
}

func limitedToOne(ctx context.Context, tx pgx.Tx, ids []int64) error {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(1)
	for _, id := range ids {
		g.Go(func() error {
			_, err := tx.Exec(gctx, "DELETE FROM t WHERE id = $1", id)
			return err
		})
	}
	return g.Wait()
}

func waitedBeforeReuse(ctx context.Context, tx pgx.Tx) (int64, error) {
	var n int64
	var g errgroup.Group
	g.Go(func() error { return tx.QueryRow(ctx, "SELECT count(*) FROM t").Scan(&n) })
	if err := g.Wait(); err != nil {
		return 0, err
	}
	_, err := tx.Exec(ctx, "UPDATE stats SET n = $1", n)
	return n, err
}

// A pooled connection held by the function is one connection too.
func acquiredConnShared(ctx context.Context, pool *pgxpool.Pool) {
	c, err := pool.Acquire(ctx)
	if err != nil {
		return
	}
	defer c.Release()
	var wg sync.WaitGroup
	wg.Go(func() { c.Exec(ctx, "ANALYZE a") }) // want `^connection c is used at the same time by the goroutines launched at lines \d+ and \d+`
	wg.Go(func() { c.Exec(ctx, "ANALYZE b") })
	wg.Wait()
}

// BeginFunc on a transaction runs a savepoint, which it releases itself.
func commitInsideNestedBeginFunc(ctx context.Context, tx pgx.Tx) error {
	return pgx.BeginFunc(ctx, tx, func(sp pgx.Tx) error {
		if _, err := sp.Exec(ctx, "INSERT INTO t VALUES (5)"); err != nil {
			return err
		}
		return sp.Commit(ctx) // want `^sp\.Commit\(ctx\) inside the callback of pgx\.BeginFunc at line \d+`
	})
}

// Never report: each goroutine opens its own connection.
func connPerGoroutine(ctx context.Context, dsn string, tables []string) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, table := range tables {
		g.Go(func() error {
			conn, err := pgx.Connect(gctx, dsn)
			if err != nil {
				return err
			}
			defer conn.Close(gctx)
			_, err = conn.Exec(gctx, "VACUUM "+pgx.Identifier{table}.Sanitize())
			return err
		})
	}
	return g.Wait()
}
