// Package helpers holds transaction helpers whose facts txfacts infers.
package helpers

import (
	"context"
	"database/sql"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"gorm.io/gorm"

	"txfacts/ent"
)

// Finish commits on success and rolls back on error or panic.
func Finish(tx *sql.Tx, err *error) { // want Finish:"releases 0\\(commit\\+rollback\\)"
	if p := recover(); p != nil {
		tx.Rollback()
		panic(p)
	}
	if *err != nil {
		_ = tx.Rollback()
		return
	}
	*err = tx.Commit()
}

func RollbackOnly(tx *sql.Tx) { tx.Rollback() } // want RollbackOnly:"releases 0\\(rollback\\)"

func CloseConn(ctx context.Context, c *pgxpool.Conn) { // want CloseConn:"releases 1\\(rollback\\)"
	defer c.Release()
}

func GormFinish(tx *gorm.DB, err *error) { // want GormFinish:"releases 0\\(commit\\+rollback\\)"
	if *err != nil {
		tx.Rollback()
	} else {
		tx.Commit()
	}
}

// RollbackUnlessPanic releases on every path that returns; the panic
// path does not return.
func RollbackUnlessPanic(tx *sql.Tx) { // want RollbackUnlessPanic:"releases 0\\(rollback\\)"
	if p := recover(); p != nil {
		panic(p)
	}
	tx.Rollback()
}

// ReleaseBoth releases two parameters: the fact lists both, in order.
func ReleaseBoth(ctx context.Context, c *pgxpool.Conn, tx *sql.Tx, conn *sql.Conn) { // want ReleaseBoth:"releases 1\\(rollback\\) 2\\(commit\\) 3\\(rollback\\)"
	defer c.Release()
	defer conn.Close()
	tx.Commit()
}

// FinishChecked joins the rollback's error to *err.
func FinishChecked(tx *sql.Tx, err *error) { // want FinishChecked:"releases 0\\(commit\\+rollback\\+checked\\)"
	if *err != nil {
		*err = errors.Join(*err, tx.Rollback())
		return
	}
	*err = tx.Commit()
}

// RollbackLogged only logs a failed rollback: not checked in the sense
// of the fact, its caller's behaviour does not depend on it.
func RollbackLogged(tx *sql.Tx) { // want RollbackLogged:"releases 0\\(rollback\\)"
	if err := tx.Rollback(); err != nil && !errors.Is(err, sql.ErrTxDone) {
		println("rollback:", err.Error())
	}
}

// RollbackOnError releases only under a condition: no fact.
func RollbackOnError(tx *sql.Tx, err *error) {
	if *err != nil {
		tx.Rollback()
	}
}

// RollbackOnPanic releases only on the panic path: no fact.
func RollbackOnPanic(tx *sql.Tx) {
	if p := recover(); p != nil {
		tx.Rollback()
		panic(p)
	}
}

// Reassigns releases another transaction than its argument: no fact.
func Reassigns(db *sql.DB, tx *sql.Tx) {
	tx, _ = db.Begin()
	tx.Rollback()
}

// Pool is not a resource: no fact.
func Pool(db *sql.DB) { db.Close() }

func WithTx(ctx context.Context, db *sql.DB, fn func(*sql.Tx) error) error { // want WithTx:"runs callback 2 in tx \\(param 0\\)"
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if p := recover(); p != nil {
			tx.Rollback()
			panic(p)
		}
	}()
	if err := fn(tx); err != nil {
		if rerr := tx.Rollback(); rerr != nil {
			return errors.Join(err, rerr)
		}
		return err
	}
	return tx.Commit()
}

type Store struct{ db *sql.DB }

func (s *Store) InTx(ctx context.Context, fn func(context.Context, *sql.Tx) error) (err error) { // want InTx:"runs callback 1 in tx \\(param 1\\)"
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer Finish(tx, &err)
	return fn(ctx, tx)
}

func PgxTx(ctx context.Context, pool *pgxpool.Pool, fn func(pgx.Tx) error) error { // want PgxTx:"runs callback 2 in tx \\(param 0\\)"
	return pgx.BeginFunc(ctx, pool, fn)
}

func GormTx(db *gorm.DB, fn func(*gorm.DB) error) error { // want GormTx:"runs callback 1 in tx \\(param 0\\)"
	tx := db.Begin()
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit().Error
}

func EntTx(ctx context.Context, client *ent.Client, fn func(tx *ent.Tx) error) error { // want EntTx:"runs callback 2 in tx \\(param 0\\)"
	tx, err := client.Tx(ctx)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// Passes hands on a transaction it did not begin: no fact.
func Passes(tx *sql.Tx, fn func(*sql.Tx) error) error {
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// NeverFinishes begins and calls but leaves the transaction open: no fact.
func NeverFinishes(db *sql.DB, fn func(*sql.Tx) error) (*sql.Tx, error) {
	tx, _ := db.Begin()
	return tx, fn(tx)
}

// GormNotBegun passes a query builder, not a transaction: no fact.
func GormNotBegun(db *gorm.DB, fn func(*gorm.DB) error) error {
	tx := db.Where("1 = 1")
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit().Error
}
