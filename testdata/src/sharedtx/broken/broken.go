// Package broken does not type-check. It holds a real finding, and code
// whose types are missing, so that the analyzer must neither report nor
// panic on it.
package broken

import (
	"context"
	"database/sql"
	"sync"
)

func Shared(ctx context.Context, tx *sql.Tx) {
	var wg sync.WaitGroup
	wg.Go(func() { _, _ = tx.ExecContext(ctx, "DELETE FROM a") })
	wg.Go(func() { _, _ = tx.ExecContext(ctx, "DELETE FROM b") })
	wg.Wait()
}

func Missing(ctx context.Context) {
	tx := undefinedBegin(ctx)
	var g undefinedGroup
	g.Go(func() error { return tx.Exec(ctx) })
	g.Go(func() error { return tx.Exec(ctx) })
	go tx.Exec(ctx)
	go undefinedFunc(tx)
	for _, t := range undefinedSlice {
		go t.Exec()
	}
	_ = g.Wait()
}
