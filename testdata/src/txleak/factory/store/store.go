// Package store begins transactions for its callers and borrows them in
// its queries: facts tell the callers in package app.
package store

import (
	"context"
	"database/sql"
)

type Store struct{ DB *sql.DB }

// Begin is a factory: it returns the transaction it began, and its
// callers own it.
func (s *Store) Begin(ctx context.Context) (*sql.Tx, error) {
	tx, err := s.DB.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, "SET LOCAL lock_timeout = '1s'"); err != nil {
		tx.Rollback()
		return nil, err
	}
	return tx, nil
}

// BeginDirect returns the acquisition's results as they are.
func BeginDirect(ctx context.Context, db *sql.DB) (*sql.Tx, error) {
	return db.BeginTx(ctx, nil)
}

// Insert borrows tx: it uses it and leaves it to the caller.
func Insert(ctx context.Context, tx *sql.Tx, name string) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO users (name) VALUES ($1)", name)
	return err
}

// Count borrows tx through another borrower.
func (s *Store) Count(ctx context.Context, tx *sql.Tx) (int, error) {
	if err := Insert(ctx, tx, "probe"); err != nil {
		return 0, err
	}
	var n int
	err := tx.QueryRowContext(ctx, "SELECT count(*) FROM users").Scan(&n)
	return n, err
}

// Finish releases its parameter on every path.
func Finish(tx *sql.Tx, err error) error {
	if err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}
