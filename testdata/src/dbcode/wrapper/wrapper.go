// Package wrapper holds no database handle itself, but a struct whose
// field looks like one (sqlc's Queries over its DBTX): a project helper
// may bind it to a transaction, so the package is relevant.
package wrapper // want "relevant"

import "context"

type DBTX interface {
	ExecContext(ctx context.Context, query string, args ...any) (any, error)
}

type Queries struct{ db DBTX }

func count(q *Queries) int { return 0 }
