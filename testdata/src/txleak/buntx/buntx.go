// Package buntx holds bun leaks: BeginTx and Conn.
package buntx

import (
	"context"

	"github.com/uptrace/bun"
)

type user struct{ ID int }

func beginTx(ctx context.Context, db *bun.DB, u *user) error {
	tx, err := db.BeginTx(ctx, nil) // want `tx is not released on the path that leaves at line 18; roll it back there, or defer tx.Rollback\(\) after BeginTx`
	if err != nil {
		return err
	}
	if _, err := tx.NewInsert().Model(u).Exec(ctx); err != nil {
		return err
	}
	return tx.Commit()
}

func conn(ctx context.Context, db *bun.DB) (int, error) {
	c, err := db.Conn(ctx) // want `c is not released on the path that leaves at line 28; close it there, or defer c.Close\(\) after Conn`
	if err != nil {
		return 0, err
	}
	return c.NewSelect().Count(ctx)
}
