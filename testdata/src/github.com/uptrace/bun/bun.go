// Package bun is a test stub of github.com/uptrace/bun.
package bun

import (
	"context"
	"database/sql"
)

type DB struct{ *sql.DB }

func NewDB(sqldb *sql.DB, dialect interface{}) *DB { return nil }

func (db *DB) BeginTx(ctx context.Context, opts *sql.TxOptions) (Tx, error) { return Tx{}, nil }
func (db *DB) Begin() (Tx, error)                                           { return Tx{}, nil }
func (db *DB) Conn(ctx context.Context) (Conn, error)                       { return Conn{}, nil }
func (db *DB) NewSelect() *SelectQuery                                      { return nil }
func (db *DB) NewInsert() *InsertQuery                                      { return nil }
func (db *DB) RunInTx(ctx context.Context, opts *sql.TxOptions, fn func(ctx context.Context, tx Tx) error) error {
	return nil
}
func (db *DB) ExecContext(ctx context.Context, query string, args ...interface{}) (sql.Result, error) {
	return nil, nil
}

type Tx struct {
	*sql.Tx
	db *DB
}

func (tx Tx) Commit() error           { return nil }
func (tx Tx) Rollback() error         { return nil }
func (tx Tx) NewSelect() *SelectQuery { return nil }
func (tx Tx) NewInsert() *InsertQuery { return nil }
func (tx Tx) RunInTx(ctx context.Context, opts *sql.TxOptions, fn func(ctx context.Context, tx Tx) error) error {
	return nil
}
func (tx Tx) ExecContext(ctx context.Context, query string, args ...interface{}) (sql.Result, error) {
	return nil, nil
}

type Conn struct {
	*sql.Conn
	db *DB
}

func (c Conn) Close() error                                                 { return nil }
func (c Conn) NewSelect() *SelectQuery                                      { return nil }
func (c Conn) BeginTx(ctx context.Context, opts *sql.TxOptions) (Tx, error) { return Tx{}, nil }
func (c Conn) RunInTx(ctx context.Context, opts *sql.TxOptions, fn func(ctx context.Context, tx Tx) error) error {
	return nil
}

// IDB is implemented by *DB, Conn and Tx.
type IDB interface {
	NewSelect() *SelectQuery
	RunInTx(ctx context.Context, opts *sql.TxOptions, fn func(ctx context.Context, tx Tx) error) error
}

type SelectQuery struct{}

func (q *SelectQuery) Model(model interface{}) *SelectQuery                 { return q }
func (q *SelectQuery) Where(query string, args ...interface{}) *SelectQuery { return q }
func (q *SelectQuery) Scan(ctx context.Context, dest ...interface{}) error  { return nil }
func (q *SelectQuery) Count(ctx context.Context) (int, error)               { return 0, nil }

type InsertQuery struct{}

func (q *InsertQuery) Model(model interface{}) *InsertQuery { return q }
func (q *InsertQuery) Exec(ctx context.Context, dest ...interface{}) (sql.Result, error) {
	return nil, nil
}
