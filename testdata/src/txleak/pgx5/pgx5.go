// Package pgx5 holds pgx v5 leaks: pool and connection transactions,
// savepoints, pool connections and connections of their own.
package pgx5

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

var errBad = errors.New("bad")

func poolBegin(ctx context.Context, pool *pgxpool.Pool) error {
	tx, err := pool.Begin(ctx) // want `tx is not released on the path that leaves at line 21; roll it back there, or defer tx.Rollback\(ctx\) after Begin`
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, "INSERT INTO t VALUES (1)"); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

func connBeginTx(ctx context.Context, conn *pgx.Conn) error {
	tx, err := conn.BeginTx(ctx, pgx.TxOptions{}) // want `tx is not released on the path that leaves at line 33; roll it back there, or defer tx.Rollback\(ctx\) after BeginTx`
	if err != nil {
		return err
	}
	var n int
	if err := tx.QueryRow(ctx, "SELECT 1").Scan(&n); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// A savepoint is a resource of its own: the outer transaction is
// released, the savepoint leaks on the error path.
func savepoint(ctx context.Context, pool *pgxpool.Pool) error {
	tx, err := pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	sp, err := tx.Begin(ctx) // want `sp is not released on the path that leaves at line 51; roll it back there, or defer sp.Rollback\(ctx\) after Begin`
	if err != nil {
		return err
	}
	if _, err := sp.Exec(ctx, "INSERT INTO t VALUES (2)"); err != nil {
		return err
	}
	if err := sp.Commit(ctx); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// A connection borrowed from the pool goes back with Release.
func acquire(ctx context.Context, pool *pgxpool.Pool) (int, error) {
	c, err := pool.Acquire(ctx) // want `c is not released on the path that leaves at line 67; release it there, or defer c.Release\(\) after Acquire`
	if err != nil {
		return 0, err
	}
	var n int
	err = c.QueryRow(ctx, "SELECT 1").Scan(&n)
	return n, err
}

// A connection of its own is closed with Close(ctx).
func connect(ctx context.Context, dsn string) error {
	conn, err := pgx.Connect(ctx, dsn) // want `conn is not released on the path that leaves at line 77; close it there, or defer conn.Close\(ctx\) after Connect`
	if err != nil {
		return err
	}
	if _, err := conn.Exec(ctx, "SELECT 1"); err != nil {
		return err
	}
	return conn.Close(ctx)
}

// A background context is named in the fix as it is.
func background(pool *pgxpool.Pool, n int) error {
	tx, err := pool.Begin(context.Background()) // want `tx is not released on the path that leaves at line 89; roll it back there, or defer tx.Rollback\(context.Background\(\)\) after Begin`
	if err != nil {
		return err
	}
	if n < 0 {
		return errBad
	}
	return tx.Commit(context.Background())
}
