package positive

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/sourcegraph/conc"
	"github.com/sourcegraph/conc/pool"
)

// TwoLaunchesOverlapConc: conc's WaitGroup.Go.
func TwoLaunchesOverlapConc(ctx context.Context, tx pgx.Tx) {
	wg := conc.NewWaitGroup()
	wg.Go(func() { _, _ = tx.Exec(ctx, "DELETE FROM a") }) // want `^transaction tx is used at the same time by the goroutines launched at lines 14 and 15; `
	wg.Go(func() { _, _ = tx.Exec(ctx, "DELETE FROM b") })
	wg.Wait()
}

// LaunchInLoopConcPool: conc's pool.Go in a loop.
func LaunchInLoopConcPool(ctx context.Context, tx pgx.Tx, ids []int64) {
	p := pool.New()
	for _, id := range ids {
		p.Go(func() { _, _ = tx.Exec(ctx, "DELETE FROM a WHERE id = $1", id) }) // want `^transaction tx is used at the same time by the goroutines launched in a loop at line 23; `
	}
	p.Wait()
}
