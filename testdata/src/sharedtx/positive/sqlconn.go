package positive

import (
	"context"
	"database/sql"
	"sync"
)

// ParentUsesBeforeWait: a *sql.Conn used by a WaitGroup.Go launch and by
// the function itself before Wait.
func ParentUsesBeforeWait(ctx context.Context, conn *sql.Conn) (a, b int) {
	var wg sync.WaitGroup
	wg.Go(func() { // want `^connection conn is used at the same time by the goroutine launched at line 13 and by this function at line 16 before it waits for them; run its queries in turn, or use a pool connection per goroutine$`
		_ = conn.QueryRowContext(ctx, "SELECT 1").Scan(&a)
	})
	_ = conn.QueryRowContext(ctx, "SELECT 2").Scan(&b)
	wg.Wait()
	return a, b
}

// TwoLaunchesOverlapTwoResources: both goroutines use a transaction and a
// connection; each is reported, and the one rewrite is offered once.
func TwoLaunchesOverlapTwoResources(ctx context.Context, tx *sql.Tx, conn *sql.Conn) {
	var wg sync.WaitGroup
	wg.Go(func() { _, _ = tx.ExecContext(ctx, "DELETE FROM a"); _, _ = conn.ExecContext(ctx, "DELETE FROM c") }) // want `^transaction tx is used at the same time by the goroutines launched at lines 25 and 26; ` `^connection conn is used at the same time by the goroutines launched at lines 25 and 26; `
	wg.Go(func() { _, _ = tx.ExecContext(ctx, "DELETE FROM b"); _, _ = conn.ExecContext(ctx, "DELETE FROM d") })
	wg.Wait()
}
