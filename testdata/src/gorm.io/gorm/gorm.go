// Package gorm is a test stub of gorm.io/gorm: a *DB is a pool or, after Begin, a transaction.
package gorm

import (
	"context"
	"database/sql"
)

type Config struct{}

type Dialector interface{}

type DB struct {
	Error        error
	RowsAffected int64
}

func Open(dialector Dialector, opts ...*Config) (*DB, error) { return nil, nil }

func (db *DB) Begin(opts ...*sql.TxOptions) *DB                   { return db }
func (db *DB) Commit() *DB                                        { return db }
func (db *DB) Rollback() *DB                                      { return db }
func (db *DB) SavePoint(name string) *DB                          { return db }
func (db *DB) RollbackTo(name string) *DB                         { return db }
func (db *DB) WithContext(ctx context.Context) *DB                { return db }
func (db *DB) Create(value interface{}) *DB                       { return db }
func (db *DB) Save(value interface{}) *DB                         { return db }
func (db *DB) First(dest interface{}, conds ...interface{}) *DB   { return db }
func (db *DB) Find(dest interface{}, conds ...interface{}) *DB    { return db }
func (db *DB) Where(query interface{}, args ...interface{}) *DB   { return db }
func (db *DB) Model(value interface{}) *DB                        { return db }
func (db *DB) Count(count *int64) *DB                             { return db }
func (db *DB) Exec(sql string, values ...interface{}) *DB         { return db }
func (db *DB) Delete(value interface{}, conds ...interface{}) *DB { return db }

// Transaction runs fc in a transaction: it commits when fc returns nil, rolls back otherwise.
func (db *DB) Transaction(fc func(tx *DB) error, opts ...*sql.TxOptions) error { return nil }
