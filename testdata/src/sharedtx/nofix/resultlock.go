package nofix

import (
	"context"
	"database/sql"
	"sync"
)

// LockGuardsOnlyTheResults: the goroutines query the transaction outside
// the lock and lock only to store what they read; the queries run at the
// same time.
func LockGuardsOnlyTheResults(ctx context.Context, tx *sql.Tx, ids []int64) map[int64]string {
	var mu sync.Mutex
	var wg sync.WaitGroup
	names := make(map[int64]string)
	for _, id := range ids {
		wg.Go(func() { // want `^transaction tx is used at the same time by the goroutines launched in a loop at line 17; `
			var name string
			_ = tx.QueryRowContext(ctx, "SELECT name FROM a WHERE id = $1", id).Scan(&name)
			mu.Lock()
			names[id] = name
			mu.Unlock()
		})
	}
	wg.Wait()
	return names
}

// QueryAfterUnlock: the second query runs after the critical section.
func QueryAfterUnlock(ctx context.Context, tx *sql.Tx, ids []int64) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Go(func() { // want `^transaction tx is used at the same time by the goroutines launched in a loop at line 34; `
			mu.Lock()
			_, _ = tx.ExecContext(ctx, "DELETE FROM a WHERE id = $1", id)
			mu.Unlock()
			_, _ = tx.ExecContext(ctx, "DELETE FROM b WHERE id = $1", id)
		})
	}
	wg.Wait()
}
