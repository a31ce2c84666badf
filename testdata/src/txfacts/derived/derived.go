// Package derived holds helpers that hand their callback a value derived
// from the transaction: the fact records it.
package derived

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
func (s *Store) InTx(ctx context.Context, fn func(context.Context, *Queries) error) error { // want InTx:`runs callback 1 in tx \(param 1\), derived`
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
func (s *Store) ExecTx(ctx context.Context, fn func(*Queries) error) error { // want ExecTx:`runs callback 1 in tx \(param 0\), derived`
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
