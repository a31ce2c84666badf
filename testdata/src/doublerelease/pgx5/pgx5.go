// Package pgx5 holds the doublerelease cases for pgx v5 and pgxpool.
package pgx5

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

var errEmpty = errors.New("empty")

func reportRedundantRelease(ctx context.Context, pool *pgxpool.Pool) error {
	tx, err := pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx) // @a
	if _, err := tx.Exec(ctx, "UPDATE t SET x = 1"); err != nil {
		tx.Rollback(ctx) // want `tx.Rollback\(ctx\) is redundant: the deferred tx.Rollback\(ctx\) at line 19 already releases tx`
		return err
	}
	return tx.Commit(ctx)
}

func reportRedundantReleasePoolConn(ctx context.Context, pool *pgxpool.Pool) error {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release() // @b
	if _, err := conn.Exec(ctx, "SELECT 1"); err != nil {
		conn.Release() // want `conn.Release\(\) is redundant: the deferred conn.Release\(\) at line 32 already releases conn`
		return err
	}
	return nil
}

func reportRedundantReleaseConn(ctx context.Context) error {
	conn, err := pgx.Connect(ctx, "postgres://")
	if err != nil {
		return err
	}
	defer conn.Close(ctx) // @c
	if _, err := conn.Exec(ctx, "SELECT 1"); err != nil {
		_ = conn.Close(ctx) // want `conn.Close\(ctx\) is redundant: the deferred conn.Close\(ctx\) at line 45 already releases conn`
		return err
	}
	return nil
}

func reportDoubleCommit(ctx context.Context, pool *pgxpool.Pool) (err error) {
	tx, err := pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer func() { // @d
		if err != nil {
			tx.Rollback(ctx)
			return
		}
		err = tx.Commit(ctx)
	}()
	if _, err = tx.Exec(ctx, "UPDATE t SET x = 1"); err != nil {
		return err
	}
	return tx.Commit(ctx) // want `tx.Commit\(ctx\) and the deferred function at line 58 both commit tx`
}

func reportReleaseInCallbackCommit(ctx context.Context, pool *pgxpool.Pool) error {
	return pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error { // @e
		if _, err := tx.Exec(ctx, "UPDATE t SET x = 1"); err != nil {
			return err
		}
		return tx.Commit(ctx) // want `^tx\.Commit\(ctx\) inside the callback of pgx\.BeginFunc at line 72: BeginFunc commits again and returns pgx\.ErrTxClosed for committed work; return nil instead$`
	})
}

func reportReleaseInCallbackRollbackReturnNil(ctx context.Context, pool *pgxpool.Pool) error {
	return pgx.BeginTxFunc(ctx, pool, pgx.TxOptions{}, func(tx pgx.Tx) error { // @f
		var n int
		if err := tx.QueryRow(ctx, "SELECT count(*) FROM t").Scan(&n); err != nil || n == 0 {
			tx.Rollback(ctx) // want `^tx\.Rollback\(ctx\) inside the callback of pgx\.BeginTxFunc at line 81: with nil returned after it, BeginTxFunc returns pgx\.ErrTxClosed for rolled-back work; return an error$`
			return nil
		}
		return nil
	})
}

func neverCanonicalIdiom(ctx context.Context, pool *pgxpool.Pool) error {
	tx, err := pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, "UPDATE t SET x = 1"); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

func neverCheckedRollback(ctx context.Context, pool *pgxpool.Pool) error {
	tx, err := pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, "UPDATE t SET x = 1"); err != nil {
		if rerr := tx.Rollback(ctx); rerr != nil {
			return errors.Join(err, rerr)
		}
		return err
	}
	return tx.Commit(ctx)
}

func neverDeliberateEarlyRelease(ctx context.Context, pool *pgxpool.Pool) error {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	var n int
	if err := conn.QueryRow(ctx, "SELECT 1").Scan(&n); err != nil {
		return err
	}
	conn.Release() // give the connection back before the long pool query
	_, err = pool.Exec(ctx, "REFRESH MATERIALIZED VIEW v")
	return err
}

// The deferred function reports its rollback's error: the explicit
// rollback before it makes that error ErrTxClosed, which it ignores, so
// that fErr is returned. Deleting the explicit rollback would change the
// returned error (pgx's own BeginTxFunc does this).
func neverClosureObservesRollback(ctx context.Context, tx pgx.Tx, fn func(pgx.Tx) error) (err error) {
	defer func() {
		rollbackErr := tx.Rollback(ctx)
		if rollbackErr != nil && !errors.Is(rollbackErr, pgx.ErrTxClosed) {
			err = rollbackErr
		}
	}()
	fErr := fn(tx)
	if fErr != nil {
		_ = tx.Rollback(ctx)
		return fErr
	}
	return tx.Commit(ctx)
}

func neverReleaseInFuncLit(ctx context.Context, pool *pgxpool.Pool) error {
	return pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		cleanup := func() { tx.Rollback(ctx) }
		_ = cleanup
		return nil
	})
}

func neverCallbackReturnsError(ctx context.Context, pool *pgxpool.Pool) error {
	return pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "UPDATE t SET x = 1"); err != nil {
			return err
		}
		return errEmpty
	})
}
