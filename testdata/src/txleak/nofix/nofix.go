// Package nofix holds leaks that get no fix: no rewrite is sure to be
// right.
package nofix

import (
	"context"
	"database/sql"
	"errors"

	"github.com/jackc/pgx/v5/pgxpool"
)

var errBad = errors.New("bad")

// A context that is not a variable: the fix could not name it.
func noContext(pool *pgxpool.Pool, ctxOf func() context.Context) error {
	tx, err := pool.Begin(ctxOf()) // want `tx is not released on the path that leaves at line 22; roll it back there, or defer tx.Rollback\(ctx\) after Begin`
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctxOf(), "SELECT 1"); err != nil {
		return err
	}
	return tx.Commit(ctxOf())
}

// A leaking return that uses the transaction itself: a rollback before it
// would break it.
func usesTx(db *sql.DB) (*sql.Rows, error) {
	tx, err := db.Begin() // want `tx is not released on the path that leaves at line 38; roll it back there, or defer tx.Rollback\(\) after Begin`
	if err != nil {
		return nil, err
	}
	if _, err := tx.Exec("SELECT 1"); err != nil {
		tx.Rollback()
		return nil, err
	}
	return tx.Query("SELECT 2")
}

// The error check is not right after the acquisition: no place for the
// defer is sure.
func lateCheck(db *sql.DB, log func(error)) error {
	tx, err := db.Begin() // want `tx is not released on the path that leaves at line 50; roll it back there, or defer tx.Rollback\(\) after Begin`
	log(err)
	if err != nil {
		return err
	}
	if _, err := tx.Exec("SELECT 1"); err != nil {
		return err
	}
	return tx.Commit()
}

// The end of a loop body with the transaction open: no statement to put
// the release before.
func loopEnd(db *sql.DB, ids []int) error {
	for _, id := range ids {
		tx, err := db.Begin() // want `tx is not released on the path that leaves at line 68; roll it back there \(a defer in the loop would wait for the function to return\)`
		if err != nil {
			return err
		}
		if id > 0 {
			if err := tx.Commit(); err != nil {
				return err
			}
		}
	}
	return errBad
}
