// Package conn uses a library connection whose package neither imports
// database/sql nor declares a transaction.
package conn

import (
	"context"

	"github.com/jmoiron/sqlx"
)

func Ping(ctx context.Context, db *sqlx.DB) error {
	conn, err := db.Connx(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if err := conn.PingContext(ctx); err != nil {
		conn.Close()
		return err
	}
	return nil
}
