// Package nofix holds findings that get no suggested fix: no rewrite is
// sure to compile, keep the behaviour, and not block.
package nofix

import (
	"context"
	"database/sql"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jmoiron/sqlx"
	"github.com/sourcegraph/conc/pool"
	"golang.org/x/sync/errgroup"
)

// LaunchesSendOnChannel: run in place, the first send would block forever
// on the unbuffered channel.
func LaunchesSendOnChannel(ctx context.Context, tx *sql.Tx) error {
	errs := make(chan error)
	go func() { // want `^transaction tx is used at the same time by the goroutines launched at lines 20 and 24; `
		_, err := tx.ExecContext(ctx, "DELETE FROM a")
		errs <- err
	}()
	go func() {
		_, err := tx.ExecContext(ctx, "DELETE FROM b")
		errs <- err
	}()
	if err := <-errs; err != nil {
		return err
	}
	return <-errs
}

// LaunchOfUnknownFunction: what work does is not known.
func LaunchOfUnknownFunction(tx *sql.Tx, work func(*sql.Tx)) {
	go work(tx) // want `^transaction tx is used at the same time by the goroutine launched at line 36 and by this function at line 37 before it waits for them; `
	_ = tx.Commit()
}

// ConcErrorPool: conc joins every error, where stopping at the first would
// change what Wait returns.
func ConcErrorPool(ctx context.Context, tx pgx.Tx) error {
	p := pool.New().WithErrors()
	p.Go(func() error { _, err := tx.Exec(ctx, "DELETE FROM a"); return err }) // want `^transaction tx is used at the same time by the goroutines launched at lines 44 and 45; `
	p.Go(func() error { _, err := tx.Exec(ctx, "DELETE FROM b"); return err })
	return p.Wait()
}

// TryGoResultUsed: the launch is part of a condition.
func TryGoResultUsed(ctx context.Context, tx pgx.Tx) error {
	var g errgroup.Group
	if !g.TryGo(func() error { _, err := tx.Exec(ctx, "DELETE FROM a"); return err }) { // want `^transaction tx is used at the same time by the goroutine launched at line 52 and by this function at line 55 before it waits for them; `
		return nil
	}
	_, err := tx.Exec(ctx, "DELETE FROM b")
	if werr := g.Wait(); werr != nil {
		return werr
	}
	return err
}

// WaitFormUnknownAndParentUse: the Wait's error is read into a variable,
// and the function uses tx while the launch runs, so g.SetLimit(1) would
// not help either.
func WaitFormUnknownAndParentUse(ctx context.Context, tx pgx.Tx) error {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { _, err := tx.Exec(gctx, "DELETE FROM a"); return err }) // want `^transaction tx is used at the same time by the goroutine launched at line 67 and by this function at line 68 before it waits for them; `
	_, _ = tx.Exec(ctx, "DELETE FROM b")
	err := g.Wait()
	return err
}

// WaitHandlerUsesLaterName: the Wait's handler names a variable declared
// after the launch, so it cannot be copied there.
func WaitHandlerUsesLaterName(ctx context.Context, tx pgx.Tx) error {
	var g errgroup.Group
	g.Go(func() error { _, err := tx.Exec(ctx, "DELETE FROM a"); return err }) // want `^transaction tx is used at the same time by the goroutine launched at line 77 and by this function at line 79 before it waits for them; `
	table := "b"
	_, _ = tx.Exec(ctx, "DELETE FROM "+table)
	if err := g.Wait(); err != nil {
		return fmt(table, err)
	}
	return nil
}

func fmt(s string, err error) error { return err }

// ParentUsesWhenNothingWaitsRows: rows from tx.Query keep using the
// connection while the function queries tx again.
func ParentUsesWhenNothingWaitsRows(ctx context.Context, tx *sql.Tx, out chan<- string) error {
	rows, err := tx.QueryContext(ctx, "SELECT name FROM users")
	if err != nil {
		return err
	}
	go drain(rows, out) // want `^transaction tx is used at the same time by the goroutine launched at line 95 and by this function at line 96 before it waits for them; `
	_, err = tx.ExecContext(ctx, "DELETE FROM users")
	return err
}

func drain(rows *sql.Rows, out chan<- string) {
	for rows.Next() {
		var s string
		_ = rows.Scan(&s)
		out <- s
	}
}

// ParentUsesGroupFromCaller: whatever the caller's limit, the function's
// own query overlaps the launch.
func ParentUsesGroupFromCaller(ctx context.Context, g *errgroup.Group, tx *sql.Tx) error {
	g.Go(func() error { _, err := tx.ExecContext(ctx, "DELETE FROM a"); return err }) // want `^transaction tx is used at the same time by the goroutine launched at line 111 and by this function at line 112 before it waits for them; `
	_, err := tx.ExecContext(ctx, "DELETE FROM b")
	return err
}

// GroupWithOtherLaunch: the group also runs a function whose code is not
// known; run in place, the launches could return before it finishes, and
// limited to one, it could block them.
func GroupWithOtherLaunch(tx *sqlx.Tx, other func() error) ([]string, []string, error) {
	var names, emails []string
	var g errgroup.Group
	g.Go(other)
	g.Go(func() error { return tx.Select(&names, "SELECT name FROM users") }) // want `^transaction tx is used at the same time by the goroutines launched at lines 123 and 124; `
	g.Go(func() error { return tx.Select(&emails, "SELECT email FROM users") })
	if err := g.Wait(); err != nil {
		return nil, nil, err
	}
	return names, emails, nil
}

// WorkerLoop: run in place, a loop with no condition would not return.
func WorkerLoop(ctx context.Context, tx *sql.Tx) {
	go func() { // want `^transaction tx is used at the same time by the goroutine launched at line 133 and by this function at line 140 before it waits for them; `
		for {
			if _, err := tx.ExecContext(ctx, "DELETE FROM a LIMIT 100"); err != nil {
				return
			}
		}
	}()
	_ = tx.Commit()
}

// LaunchInLoopWorkers: workers draining one job channel run their queries
// at the same time; run in place, the first would wait for jobs forever.
func LaunchInLoopWorkers(ctx context.Context, tx *sql.Tx, ids []int64) {
	jobs := make(chan int64)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() { // want `^transaction tx is used at the same time by the goroutines launched in a loop at line 149; `
			for id := range jobs {
				_, _ = tx.ExecContext(ctx, "DELETE FROM a WHERE id = $1", id)
			}
		})
	}
	for _, id := range ids {
		jobs <- id
	}
	close(jobs)
	wg.Wait()
}
