// Package callback only passes a callback that takes a transaction: it may
// wrap a WithTx helper, so it holds database code.
package callback // want "relevant"

import (
	"context"
	"database/sql"
)

type txFunc func(context.Context, *sql.Tx) error

func wrap(run func(txFunc) error, fn txFunc) error { return run(fn) }
