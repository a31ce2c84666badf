package positive

import (
	"context"
	"sync"

	"github.com/uptrace/bun"
)

// LaunchInLoopBun: a goroutine per row, all on one bun.Tx.
func LaunchInLoopBun(ctx context.Context, db *bun.DB, rows []User) error {
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var wg sync.WaitGroup
		for _, row := range rows {
			wg.Go(func() { // want `^transaction tx is used at the same time by the goroutines launched in a loop at line 15; `
				_, _ = tx.NewInsert().Model(&row).Exec(ctx)
			})
		}
		wg.Wait()
		return nil
	})
}
