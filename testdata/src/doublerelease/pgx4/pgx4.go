// Package pgx4 holds the doublerelease cases for pgx v4, where BeginFunc
// and BeginTxFunc are methods.
package pgx4

import (
	"context"

	"github.com/jackc/pgx/v4"
	"github.com/jackc/pgx/v4/pgxpool"
)

func reportReleaseInCallbackConn(ctx context.Context, conn *pgx.Conn) error {
	return conn.BeginFunc(ctx, func(tx pgx.Tx) error { // @a
		return tx.Commit(ctx) // want `^tx\.Commit\(ctx\) inside the callback of conn\.BeginFunc at line 13: BeginFunc commits again and returns pgx\.ErrTxClosed for committed work; return nil instead$`
	})
}

func reportReleaseInCallbackPool(ctx context.Context, pool *pgxpool.Pool) error {
	return pool.BeginTxFunc(ctx, pgx.TxOptions{}, func(tx pgx.Tx) error { // @b
		tx.Rollback(ctx) // want `^tx\.Rollback\(ctx\) inside the callback of pool\.BeginTxFunc at line 19: with nil returned after it, BeginTxFunc returns pgx\.ErrTxClosed for rolled-back work; return an error$`
		return nil
	})
}

// A savepoint: the callback's transaction is the nested one.
func reportReleaseInCallbackTx(ctx context.Context, outer pgx.Tx) error {
	return outer.BeginFunc(ctx, func(tx pgx.Tx) error { // @c
		return tx.Commit(ctx) // want `tx.Commit\(ctx\) inside the callback of outer.BeginFunc at line 27`
	})
}

func reportRedundantRelease(ctx context.Context, conn *pgx.Conn) error {
	tx, err := conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx) // @d
	if _, err := tx.Exec(ctx, "UPDATE t SET x = 1"); err != nil {
		tx.Rollback(ctx) // want `tx.Rollback\(ctx\) is redundant: the deferred tx.Rollback\(ctx\) at line 37 already releases tx`
		return err
	}
	return tx.Commit(ctx)
}

func neverCanonicalIdiom(ctx context.Context, pool *pgxpool.Pool) error {
	tx, err := pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	return tx.Commit(ctx)
}

// The outer transaction, released in the savepoint's callback, is not the
// callback's transaction: the analyzer does not follow it.
func neverReleaseOfOtherTxInCallback(ctx context.Context, conn *pgx.Conn, other pgx.Tx) error {
	return conn.BeginFunc(ctx, func(tx pgx.Tx) error {
		other.Rollback(ctx)
		return nil
	})
}
