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
	wg.Go(func() { // want `^connection conn is used at the same time by the goroutine launched at line 13 and by this function at line 16 before it waits for them; a connection runs one query at a time: run the queries one after another on conn, or give each goroutine its own connection from the pool$`
		_ = conn.QueryRowContext(ctx, "SELECT 1").Scan(&a)
	})
	_ = conn.QueryRowContext(ctx, "SELECT 2").Scan(&b)
	wg.Wait()
	return a, b
}
