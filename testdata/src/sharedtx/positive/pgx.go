package positive

import (
	"context"

	"github.com/jackc/pgx/v5"
	"golang.org/x/sync/errgroup"
)

// LaunchInLoop: an errgroup launch per id on one pgx transaction.
func LaunchInLoop(ctx context.Context, tx pgx.Tx, ids []int64) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, id := range ids {
		g.Go(func() error { // want `^transaction tx is used at the same time by the goroutines launched in a loop at line 14; `
			_, err := tx.Exec(ctx, "DELETE FROM sessions WHERE user_id = $1", id)
			return err
		})
	}
	return g.Wait()
}

// TwoLaunchesOverlapTryGo: TryGo launches overlap like Go's.
func TwoLaunchesOverlapTryGo(ctx context.Context, tx pgx.Tx) error {
	var g errgroup.Group
	g.TryGo(func() error { // want `^transaction tx is used at the same time by the goroutines launched at lines 25 and 29; `
		_, err := tx.Exec(ctx, "DELETE FROM a")
		return err
	})
	g.TryGo(func() error {
		_, err := tx.Exec(ctx, "DELETE FROM b")
		return err
	})
	_ = g.Wait()
	return tx.Commit(ctx)
}

// TwoLaunchesOverlapSetLimitFix: the Wait is read into a variable first,
// a form the sequential rewrite does not take; g.SetLimit(1) is the fix.
func TwoLaunchesOverlapSetLimitFix(ctx context.Context, tx pgx.Tx) error {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { // want `^transaction tx is used at the same time by the goroutines launched at lines 41 and 45; `
		_, err := tx.Exec(gctx, "DELETE FROM a")
		return err
	})
	g.Go(func() error {
		_, err := tx.Exec(gctx, "DELETE FROM b")
		return err
	})
	err := g.Wait()
	if err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// ParentUsesBeforeWaitNewCtx: the group's context has a name of its own;
// the rewrite uses ctx in its place.
func ParentUsesBeforeWaitNewCtx(ctx context.Context, tx pgx.Tx) error {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { // want `^transaction tx is used at the same time by the goroutine launched at line 60 and by this function at line 64 before it waits for them; `
		_, err := tx.Exec(gctx, "DELETE FROM a")
		return err
	})
	if _, err := tx.Exec(ctx, "DELETE FROM b"); err != nil {
		return err
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// ParentUsesWhenNothingWaitsRangeTx: each iteration has its own tx, but
// within one iteration the goroutine and the function share it.
func ParentUsesWhenNothingWaitsRangeTx(ctx context.Context, txs []pgx.Tx) {
	for _, tx := range txs {
		go tx.Exec(ctx, "DELETE FROM a") // want `^transaction tx is used at the same time by the goroutine launched at line 77 and by this function at line 78 before it waits for them; `
		_ = tx.Commit(ctx)
	}
}

// LaunchInLoopWaitHandlerBreaks: the Wait's handler breaks out of the loop
// it is in; copied to a launch, it would break out of another, so the fix
// is g.SetLimit(1).
func LaunchInLoopWaitHandlerBreaks(ctx context.Context, tx pgx.Tx, batches [][]int64) error {
	var err error
	for _, batch := range batches {
		g, gctx := errgroup.WithContext(ctx)
		for _, id := range batch {
			g.Go(func() error { _, err := tx.Exec(gctx, "DELETE FROM a WHERE id = $1", id); return err }) // want `^transaction tx is used at the same time by the goroutines launched in a loop at line 90; `
		}
		if err = g.Wait(); err != nil {
			if ctx.Err() != nil {
				break
			}
			return err
		}
	}
	return err
}

// Result is what BatchStatus returns.
type Result struct {
	Done int
	Err  error
}

// TwoLaunchesOverlapHandlerWithSelectors: the Wait's handler calls methods
// and builds a struct; it is copied to each launch.
func TwoLaunchesOverlapHandlerWithSelectors(ctx context.Context, tx pgx.Tx) (Result, error) {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { _, err := tx.Exec(ctx, "DELETE FROM a"); return err }) // want `^transaction tx is used at the same time by the goroutines launched at lines 112 and 113; `
	g.Go(func() error { _, err := tx.Exec(ctx, "DELETE FROM b"); return err })
	if err := g.Wait(); err != nil {
		return Result{Err: ctx.Err()}, err
	}
	return Result{Done: 2}, nil
}
