// Package pgxpool is a test stub of github.com/jackc/pgx/v4/pgxpool.
package pgxpool

import (
	"context"

	"github.com/jackc/pgx/v4"
)

type Pool struct{}

func Connect(ctx context.Context, connString string) (*Pool, error)       { return nil, nil }
func (p *Pool) Begin(ctx context.Context) (pgx.Tx, error)                 { return nil, nil }
func (p *Pool) BeginFunc(ctx context.Context, f func(pgx.Tx) error) error { return nil }
func (p *Pool) BeginTxFunc(ctx context.Context, txOptions pgx.TxOptions, f func(pgx.Tx) error) error {
	return nil
}
func (p *Pool) Acquire(ctx context.Context) (*Conn, error) { return nil, nil }

type Conn struct{}

func (c *Conn) Release()                                  { return }
func (c *Conn) Begin(ctx context.Context) (pgx.Tx, error) { return nil, nil }
