// Package sqltx holds database/sql leaks: Begin, BeginTx and Conn.
package sqltx

import (
	"context"
	"database/sql"
	"errors"
)

var errBad = errors.New("bad")

// The canonical fix: the function releases nowhere but its Commit.
func insert(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil) // want `tx is not released on the path that leaves at line 19; roll it back there, or defer tx.Rollback\(\) after BeginTx`
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO t VALUES (1)"); err != nil {
		return err
	}
	return tx.Commit()
}

// Two leaking exits, one of them through a checked Commit's error.
func update(db *sql.DB, n int) error {
	tx, err := db.Begin() // want `tx is not released on the paths that leave at lines 31 and 34; roll it back there, or defer tx.Rollback\(\) after Begin`
	if err != nil {
		return err
	}
	if n < 0 {
		return errBad
	}
	if _, err := tx.Exec("UPDATE t SET n = $1", n); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	return nil
}

// The explicit form: the function rolls back on its other exits, so the
// fix adds the missing rollback before the leaking return.
func explicit(ctx context.Context, db *sql.DB, n int) error {
	tx, err := db.BeginTx(ctx, nil) // want `tx is not released on the path that leaves at line 54; roll it back there, or defer tx.Rollback\(\) after BeginTx`
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM t"); err != nil {
		tx.Rollback()
		return err
	}
	if n == 0 {
		return errBad
	}
	return tx.Commit()
}

// A leak in a switch case.
func byKind(ctx context.Context, db *sql.DB, kind string) error {
	tx, err := db.BeginTx(ctx, nil) // want `tx is not released on the path that leaves at line 69; roll it back there, or defer tx.Rollback\(\) after BeginTx`
	if err != nil {
		return err
	}
	switch kind {
	case "a":
		_, err = tx.ExecContext(ctx, "INSERT INTO a VALUES (1)")
	case "b":
		return errBad
	default:
		_ = tx.Rollback()
		return nil
	}
	if err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// A connection from the pool, closed nowhere: defer conn.Close().
func withConn(ctx context.Context, db *sql.DB) error {
	conn, err := db.Conn(ctx) // want `conn is not released on the path that leaves at line 88; close it there, or defer conn.Close\(\) after Conn`
	if err != nil {
		return err
	}
	_, err = conn.ExecContext(ctx, "SET x = 1")
	return err
}

// The end of a function without results is an exit too.
func noResult(db *sql.DB) {
	tx, err := db.Begin() // want `tx is not released on the path that leaves at line 100; roll it back there, or defer tx.Rollback\(\) after Begin`
	if err != nil {
		return
	}
	if _, err := tx.Exec("INSERT INTO t VALUES (2)"); err == nil {
		tx.Commit()
	}
}

// A helper of this package that borrows the transaction (a fact) leaves
// it with the caller.
func insertName(ctx context.Context, tx *sql.Tx, name string) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO users (name) VALUES ($1)", name)
	return err
}

func register(ctx context.Context, db *sql.DB, name string) error {
	tx, err := db.BeginTx(ctx, nil) // want `tx is not released on the path that leaves at line 115; roll it back there, or defer tx.Rollback\(\) after BeginTx`
	if err != nil {
		return err
	}
	if err := insertName(ctx, tx, name); err != nil {
		return err
	}
	return tx.Commit()
}
