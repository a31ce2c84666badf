// Package sqlxtx holds the doublerelease cases for sqlx.
package sqlxtx

import (
	"context"

	"github.com/jmoiron/sqlx"
)

func reportRedundantRelease(db *sqlx.DB) error {
	tx := db.MustBegin()
	defer tx.Rollback() // @a
	var n int
	if err := tx.Get(&n, "SELECT 1"); err != nil {
		tx.Rollback() // want `tx.Rollback\(\) is redundant: the deferred tx.Rollback\(\) at line 12 already releases tx`
		return err
	}
	return tx.Commit()
}

func reportDoubleCommit(ctx context.Context, db *sqlx.DB) error {
	tx, err := db.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Commit() // @b
	tx.MustExec("UPDATE t SET x = 1")
	tx.Commit() // want `tx.Commit\(\) and the deferred tx.Commit\(\) at line 26 both commit tx`
	return nil
}

func reportRedundantReleaseConn(ctx context.Context, db *sqlx.DB) error {
	conn, err := db.Connx(ctx)
	if err != nil {
		return err
	}
	defer conn.Close() // @c
	var n int
	if err := conn.GetContext(ctx, &n, "SELECT 1"); err != nil {
		conn.Close() // want `conn.Close\(\) is redundant: the deferred conn.Close\(\) at line 37 already releases conn`
		return err
	}
	return nil
}

func neverCanonicalIdiom(db *sqlx.DB) error {
	tx := db.MustBegin()
	defer tx.Rollback()
	tx.MustExec("UPDATE t SET x = 1")
	return tx.Commit()
}

func neverDeliberateEarlyRelease(ctx context.Context, db *sqlx.DB) error {
	tx := db.MustBegin()
	defer tx.Rollback()
	var n int
	if err := tx.Get(&n, "SELECT 1"); err != nil {
		tx.Rollback()
		return db.Select(&n, "SELECT 2")
	}
	return tx.Commit()
}
