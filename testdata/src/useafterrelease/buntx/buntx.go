// Package buntx holds the useafterrelease cases for bun.
package buntx

import (
	"context"
	"log"

	"github.com/uptrace/bun"
)

type User struct{ Name string }

func reportInsertAfterRollback(ctx context.Context, db *bun.DB, u *User) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	var n int
	if n, err = tx.NewSelect().Model(u).Count(ctx); err != nil {
		tx.Rollback() // @R1
		log.Print(err)
	}
	if n == 0 {
		_, err = tx.NewInsert().Model(u).Exec(ctx) // want `^tx.NewInsert\(\).Model\(...\).Exec after tx.Rollback\(\) at line 20 fails with sql.ErrTxDone: return after the rollback, or run it in a new transaction$`
	}
	return err
}

func neverDeferredRollbackAfterCommit(ctx context.Context, db *bun.DB, u *User) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.NewInsert().Model(u).Exec(ctx); err != nil {
		return err
	}
	return tx.Commit()
}

// A query built but not run does no work.
func neverQueryBuiltAfterCommit(ctx context.Context, tx bun.Tx, u *User) *bun.SelectQuery {
	tx.Commit()
	return tx.NewSelect().Model(u)
}
