// Package sqlx is a test stub of github.com/jmoiron/sqlx: just the API txvet looks at.
package sqlx

import (
	"context"
	"database/sql"
)

type DB struct{ *sql.DB }

func Open(driverName, dataSourceName string) (*DB, error) { return nil, nil }

func (db *DB) Beginx() (*Tx, error)                                           { return nil, nil }
func (db *DB) BeginTxx(ctx context.Context, opts *sql.TxOptions) (*Tx, error) { return nil, nil }
func (db *DB) MustBegin() *Tx                                                 { return nil }
func (db *DB) MustBeginTx(ctx context.Context, opts *sql.TxOptions) *Tx       { return nil }
func (db *DB) Connx(ctx context.Context) (*Conn, error)                       { return nil, nil }
func (db *DB) Get(dest interface{}, query string, args ...interface{}) error  { return nil }
func (db *DB) Select(dest interface{}, query string, args ...interface{}) error {
	return nil
}

type Tx struct{ *sql.Tx }

func (tx *Tx) Get(dest interface{}, query string, args ...interface{}) error    { return nil }
func (tx *Tx) Select(dest interface{}, query string, args ...interface{}) error { return nil }
func (tx *Tx) GetContext(ctx context.Context, dest interface{}, query string, args ...interface{}) error {
	return nil
}
func (tx *Tx) SelectContext(ctx context.Context, dest interface{}, query string, args ...interface{}) error {
	return nil
}
func (tx *Tx) MustExec(query string, args ...interface{}) sql.Result { return nil }

type Conn struct{ *sql.Conn }

func (c *Conn) GetContext(ctx context.Context, dest interface{}, query string, args ...interface{}) error {
	return nil
}
