// Package store is sqlc-style generated code and the project's helper
// that runs a callback with Queries bound to its transaction.
package store

import (
	"context"
	"database/sql"
)

type DBTX interface {
	ExecContext(context.Context, string, ...interface{}) (sql.Result, error)
	QueryRowContext(context.Context, string, ...interface{}) *sql.Row
}

type Queries struct{ db DBTX }

func New(db DBTX) *Queries { return &Queries{db: db} }

func (q *Queries) WithTx(tx *sql.Tx) *Queries { return &Queries{db: tx} }

func (q *Queries) CountUsers(ctx context.Context) (int64, error) {
	var n int64
	err := q.db.QueryRowContext(ctx, "SELECT count(*) FROM users").Scan(&n)
	return n, err
}

type Store struct {
	db *sql.DB
	q  *Queries
}

// InTx hands fn the Queries bound to its transaction: New(tx).
func (s *Store) InTx(ctx context.Context, fn func(context.Context, *Queries) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(ctx, New(tx)); err != nil {
		return err
	}
	return tx.Commit()
}

// ExecTx binds the store's Queries to the transaction: q.WithTx(tx).
func (s *Store) ExecTx(ctx context.Context, fn func(*Queries) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	q := s.q.WithTx(tx)
	if err := fn(q); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// OnPool hands fn Queries on the pool: no transaction, no fact.
func (s *Store) OnPool(ctx context.Context, fn func(context.Context, *Queries) error) error {
	return fn(ctx, New(s.db))
}
