// Package decls holds database code: some declarations release a
// transaction, some launch goroutines, some do both, some neither.
package decls

import (
	"context"
	"database/sql"
)

func quiet(tx *sql.Tx) error { // no release, no launch
	_, err := tx.Exec("SELECT 1")
	return err
}

func commits(tx *sql.Tx) error { // want "releases"
	return tx.Commit()
}

func direct(tx *sql.Tx) { // want "launches"
	go quiet(tx)
}

func nested(ctx context.Context, db *sql.DB) error { // want "releases launches"
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	f := func() {
		go quiet(tx)
	}
	f()
	return nil
}

var background = func(tx *sql.Tx) { // want "launches"
	go quiet(tx)
}

var closer = func(conn *sql.Conn) { // want "releases"
	conn.Close()
}

type T struct{}

func (T) method() {}

func begins(ctx context.Context, db *sql.DB) error { // acquires only: not held
	_, err := db.BeginTx(ctx, nil)
	return err
}
