// Package pgconn is a test stub of github.com/jackc/pgx/v5/pgconn.
package pgconn

type CommandTag struct{ s string }

func (ct CommandTag) RowsAffected() int64 { return 0 }

// PgConn is the low-level connection under a pgx.Conn.
type PgConn struct{}

func (pgConn *PgConn) PID() uint32 { return 0 }
