// Package pgxpool is a test stub of github.com/jackc/pgx/v5/pgxpool.
package pgxpool

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

type Pool struct{}

func New(ctx context.Context, connString string) (*Pool, error)                      { return nil, nil }
func (p *Pool) Close()                                                               {}
func (p *Pool) Acquire(ctx context.Context) (*Conn, error)                           { return nil, nil }
func (p *Pool) Begin(ctx context.Context) (pgx.Tx, error)                            { return nil, nil }
func (p *Pool) BeginTx(ctx context.Context, txOptions pgx.TxOptions) (pgx.Tx, error) { return nil, nil }
func (p *Pool) Exec(ctx context.Context, sql string, arguments ...any) (pgconn.CommandTag, error) {
	return pgconn.CommandTag{}, nil
}
func (p *Pool) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) { return nil, nil }
func (p *Pool) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row        { return nil }

type Conn struct{}

func (c *Conn) Release()                                  {}
func (c *Conn) Conn() *pgx.Conn                           { return nil }
func (c *Conn) Begin(ctx context.Context) (pgx.Tx, error) { return nil, nil }
func (c *Conn) Exec(ctx context.Context, sql string, arguments ...any) (pgconn.CommandTag, error) {
	return pgconn.CommandTag{}, nil
}
func (c *Conn) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) { return nil, nil }
func (c *Conn) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row        { return nil }

// Tx is the pool's transaction; it implements pgx.Tx.
type Tx struct{}

func (tx *Tx) Begin(ctx context.Context) (pgx.Tx, error) { return nil, nil }
func (tx *Tx) Commit(ctx context.Context) error          { return nil }
func (tx *Tx) Rollback(ctx context.Context) error        { return nil }
func (tx *Tx) Exec(ctx context.Context, sql string, arguments ...any) (pgconn.CommandTag, error) {
	return pgconn.CommandTag{}, nil
}
func (tx *Tx) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) { return nil, nil }
func (tx *Tx) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row        { return nil }
func (tx *Tx) Conn() *pgx.Conn                                                      { return nil }
func (tx *Tx) SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults         { return nil }

// QueryPooled is the shape of the real Pool.Query: the rows it returns
// give the connection back when they are closed.
func (p *Pool) QueryPooled(ctx context.Context, sql string) (pgx.Rows, error) {
	c, err := p.Acquire(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := c.Query(ctx, sql)
	if err != nil {
		c.Release()
		return nil, err
	}
	return c.poolRows(rows), nil
}

func (c *Conn) poolRows(rows pgx.Rows) pgx.Rows { return rows }
