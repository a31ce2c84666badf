// Package buntx holds the doublerelease cases for bun: RunInTx on *DB,
// Conn, Tx and the IDB interface.
package buntx

import (
	"context"
	"errors"

	"github.com/uptrace/bun"
)

func reportReleaseInCallbackDB(ctx context.Context, db *bun.DB) error {
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error { // @a
		return tx.Commit() // want `^tx\.Commit\(\) inside the callback of db\.RunInTx at line 13: RunInTx commits again and returns sql\.ErrTxDone for committed work; return nil instead$`
	})
}

func reportReleaseInCallbackConn(ctx context.Context, conn bun.Conn) error {
	return conn.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error { // @b
		tx.Rollback() // want `tx.Rollback\(\) inside the callback of conn.RunInTx at line 19`
		return nil
	})
}

func reportReleaseInCallbackTx(ctx context.Context, outer bun.Tx) error {
	return outer.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error { // @c
		return tx.Commit() // want `tx.Commit\(\) inside the callback of outer.RunInTx at line 26`
	})
}

func reportReleaseInCallbackIDB(ctx context.Context, idb bun.IDB) error {
	return idb.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error { // @d
		if err := tx.Commit(); err != nil { // want `tx.Commit\(\) inside the callback of idb.RunInTx at line 32`
			return err
		}
		return nil
	})
}

func reportRedundantRelease(ctx context.Context, db *bun.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() // @e
	if _, err := tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		tx.Rollback() // want `tx.Rollback\(\) is redundant: the deferred tx.Rollback\(\) at line 45 already releases tx`
		return err
	}
	return tx.Commit()
}

func reportRedundantReleaseConn(ctx context.Context, db *bun.DB) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close() // @f
	if err := conn.PingContext(ctx); err != nil {
		conn.Close() // want `conn.Close\(\) is redundant: the deferred conn.Close\(\) at line 58 already releases conn`
		return err
	}
	return nil
}

func neverCanonicalIdiom(ctx context.Context, db *bun.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return tx.Commit()
}

func neverCallbackReturnsError(ctx context.Context, db *bun.DB) error {
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		return errors.New("roll back")
	})
}
