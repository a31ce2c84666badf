// Package bodiless calls, after an early explicit release, functions of
// the package whose body the analyzer cannot read: an interface method,
// declarations without a body, and generic instantiations.
package bodiless

import (
	"context"
	"database/sql"
	"errors"
	_ "unsafe" // for go:linkname
)

// Notifier is the application's own interface: an implementation may do
// database work, so the release before it is deliberate.
type Notifier interface{ Alert(msg string) error }

type service struct {
	db *sql.DB
	n  Notifier
}

func (s *service) silentInterfaceMethodAfterRelease(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		tx.Rollback()
		return s.n.Alert(err.Error())
	}
	return tx.Commit()
}

// Through a constraint's method, the same.
func silentConstraintMethodAfterRelease[N Notifier](ctx context.Context, db *sql.DB, n N) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		tx.Rollback()
		return n.Alert(err.Error())
	}
	return tx.Commit()
}

// Implemented elsewhere: like a function of another package, only its
// arguments could tell of database work, and they do not.
//
//go:linkname nanotime runtime.nanotime
func nanotime() int64

func reportLinknameAfterRelease(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		tx.Rollback() // want `tx.Rollback\(\) is redundant: the deferred tx.Rollback\(\) at line 60 already releases tx`
		_ = nanotime()
		return err
	}
	return tx.Commit()
}

// A generic function that does database work, called instantiated.
func record[T any](ctx context.Context, db *sql.DB, v T) error {
	_, err := db.ExecContext(ctx, "INSERT INTO log VALUES ($1)", v)
	return err
}

// A generic function that does not.
func wrap[T any](v T, err error) error {
	if err == nil {
		return errors.New("nil")
	}
	return err
}

func silentGenericWorkAfterRelease(ctx context.Context, db *sql.DB, logdb *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		tx.Rollback()
		return recordLater(err)
	}
	return tx.Commit()
}

var pool *sql.DB

func recordLater(err error) error {
	return record(context.Background(), pool, err.Error())
}

func reportGenericNoWorkAfterRelease(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		tx.Rollback() // want `tx.Rollback\(\) is redundant: the deferred tx.Rollback\(\) at line 107 already releases tx`
		return wrap(1, err)
	}
	return tx.Commit()
}

// A generic type's method, instantiated.
type box[T any] struct{ db *sql.DB }

func (b box[T]) save(ctx context.Context) error {
	_, err := b.db.ExecContext(ctx, "UPDATE t SET x = 2")
	return err
}

func (b box[T]) name() string { return "box" }

func silentGenericMethodWorkAfterRelease(ctx context.Context, db *sql.DB, b box[int]) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		tx.Rollback()
		return b.saveLater()
	}
	return tx.Commit()
}

func (b box[T]) saveLater() error { return b.save(context.Background()) }

func reportGenericMethodNoWorkAfterRelease(ctx context.Context, db *sql.DB, b box[string]) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		tx.Rollback() // want `tx.Rollback\(\) is redundant: the deferred tx.Rollback\(\) at line 145 already releases tx`
		return errors.New(b.name())
	}
	return tx.Commit()
}
