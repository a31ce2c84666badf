// Package sqlxtx holds sqlx leaks: Beginx, BeginTxx, MustBegin, MustBeginTx.
package sqlxtx

import (
	"context"

	"github.com/jmoiron/sqlx"
)

type user struct{ ID int }

func beginx(db *sqlx.DB, u *user) error {
	tx, err := db.Beginx() // want `tx is not released on the path that leaves at line 18; roll it back there, or defer tx.Rollback\(\) after Beginx`
	if err != nil {
		return err
	}
	if err := tx.Get(u, "SELECT id FROM users LIMIT 1"); err != nil {
		return err
	}
	return tx.Commit()
}

func beginTxx(ctx context.Context, db *sqlx.DB, u *user) error {
	tx, err := db.BeginTxx(ctx, nil) // want `tx is not released on the path that leaves at line 29; roll it back there, or defer tx.Rollback\(\) after BeginTxx`
	if err != nil {
		return err
	}
	if err := tx.GetContext(ctx, u, "SELECT id FROM users LIMIT 1"); err != nil {
		return err
	}
	return tx.Commit()
}

// MustBegin panics instead of returning an error: the defer goes right
// after it.
func mustBegin(db *sqlx.DB, ids []int) error {
	tx := db.MustBegin() // want `tx is not released on the path that leaves at line 39; roll it back there, or defer tx.Rollback\(\) after MustBegin`
	if len(ids) == 0 {
		return nil
	}
	tx.MustExec("DELETE FROM users WHERE id = ANY($1)", ids)
	return tx.Commit()
}

func mustBeginTx(ctx context.Context, db *sqlx.DB, u *user) error {
	tx := db.MustBeginTx(ctx, nil) // want `tx is not released on the path that leaves at line 48; roll it back there, or defer tx.Rollback\(\) after MustBeginTx`
	if err := tx.SelectContext(ctx, u, "SELECT id FROM users"); err != nil {
		return err
	}
	return tx.Commit()
}
