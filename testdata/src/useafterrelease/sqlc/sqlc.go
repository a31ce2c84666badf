// Package sqlc holds the useafterrelease cases for sqlc's generated
// Queries bound to a transaction.
package sqlc

import (
	"context"
	"database/sql"
	"log"
)

// DBTX is sqlc's interface over a pool or a transaction.
type DBTX interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// Queries is sqlc's generated query set.
type Queries struct{ db DBTX }

func New(db DBTX) *Queries { return &Queries{db: db} }

func (q *Queries) WithTx(tx *sql.Tx) *Queries { return &Queries{db: tx} }

func (q *Queries) DeleteUser(ctx context.Context, id int) error {
	_, err := q.db.ExecContext(ctx, "DELETE FROM users WHERE id = $1", id)
	return err
}

func reportNewAfterRollback(ctx context.Context, db *sql.DB, id int) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	q := New(tx)
	if err := q.DeleteUser(ctx, id); err != nil {
		tx.Rollback() // @R1
		log.Print(err)
	}
	if err := q.DeleteUser(ctx, id+1); err != nil { // want `^q.DeleteUser after tx.Rollback\(\) at line 35 runs on tx and fails with sql.ErrTxDone: return after the rollback, or run it in a new transaction$`
		return err
	}
	return tx.Commit()
}

func reportWithTxAfterCommit(ctx context.Context, db *sql.DB, queries *Queries, id int) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	qtx := queries.WithTx(tx)
	if err := tx.Commit(); err != nil { // @R2
		return err
	}
	return qtx.DeleteUser(ctx, id) // want `^qtx.DeleteUser after tx.Commit\(\) at line 51 runs on tx and fails with sql.ErrTxDone: run it before the commit, or in a new transaction$`
}

// The pool's queries are another handle.
func neverPoolQueries(ctx context.Context, db *sql.DB, queries *Queries, id int) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	return New(db).DeleteUser(ctx, id)
}
