// Package helpers holds transaction helpers of "the analyzed code", used
// from package crosspkg: their facts cross the package boundary.
package helpers

import (
	"context"
	"database/sql"
)

// Finish commits when *err is nil and rolls back otherwise.
func Finish(tx *sql.Tx, err *error) {
	if p := recover(); p != nil {
		tx.Rollback()
		panic(p)
	}
	if *err != nil {
		tx.Rollback()
		return
	}
	*err = tx.Commit()
}

// Rollback rolls back unconditionally, ignoring the error.
func Rollback(tx *sql.Tx) { _ = tx.Rollback() }

// RollbackLogged rolls back and logs a failure: the shape of a project's
// utils.Rollback(tx, log).
func RollbackLogged(tx *sql.Tx, logf func(string, ...any)) {
	if err := tx.Rollback(); err != nil && err != sql.ErrTxDone {
		logf("rollback: %v", err)
	}
}

// RollbackChecked reports a failed rollback: an earlier explicit rollback
// changes what it reports.
func RollbackChecked(tx *sql.Tx, err *error) {
	if rerr := tx.Rollback(); rerr != nil && *err == nil {
		*err = rerr
	}
}

// RollbackOnError releases only under a condition: no fact.
func RollbackOnError(tx *sql.Tx, err *error) {
	if *err != nil {
		tx.Rollback()
	}
}

// WithTx runs fn inside a transaction it owns.
func WithTx(ctx context.Context, db *sql.DB, fn func(*sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// Query is a generic helper: it returns the callback's value.
func Query[T any](ctx context.Context, db *sql.DB, fn func(*sql.Tx) (T, error)) (T, error) {
	var zero T
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return zero, err
	}
	defer tx.Rollback()
	v, err := fn(tx)
	if err != nil {
		return zero, err
	}
	return v, tx.Commit()
}

type Store struct{ DB *sql.DB }

// InTx is a method helper with the context first.
func (s *Store) InTx(ctx context.Context, fn func(context.Context, *sql.Tx) error) (err error) {
	tx, err := s.DB.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer Finish(tx, &err)
	return fn(ctx, tx)
}

// Passes calls fn with a transaction it did not begin: no fact.
func Passes(tx *sql.Tx, fn func(*sql.Tx) error) error { return fn(tx) }
