// Package user wraps an imported helper: the fact crosses the package
// boundary and makes Wrapped a helper too.
package user

import (
	"context"
	"database/sql"

	"txfacts/helpers"
)

func Wrapped(ctx context.Context, s *helpers.Store, fn func(context.Context, *sql.Tx) error) error { // want Wrapped:"runs callback 2 in tx \\(param 1\\)"
	return s.InTx(ctx, fn)
}
