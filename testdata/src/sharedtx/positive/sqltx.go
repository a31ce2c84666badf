package positive

import (
	"context"
	"database/sql"
	"sync"
)

// TwoLaunchesOverlap: two goroutines use one *sql.Tx and may overlap.
func TwoLaunchesOverlap(ctx context.Context, tx *sql.Tx) (int, int) {
	var users, orders int
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { // want `^transaction tx is used at the same time by the goroutines launched at lines 14 and 18; run its queries in turn, or use a pool connection per goroutine for reads outside the transaction$`
		defer wg.Done()
		_ = tx.QueryRowContext(ctx, "SELECT count(*) FROM users").Scan(&users)
	}()
	go func() {
		defer wg.Done()
		_ = tx.QueryRowContext(ctx, "SELECT count(*) FROM orders").Scan(&orders)
	}()
	wg.Wait()
	return users, orders
}

// ParentUsesWhenNothingWaits: the goroutine runs while the function goes on
// with the same transaction, and nothing waits for it.
func ParentUsesWhenNothingWaits(ctx context.Context, tx *sql.Tx) error {
	go tx.ExecContext(ctx, "UPDATE stats SET hits = hits + 1") // want `^transaction tx is used at the same time by the goroutine launched at line 29 and by this function at lines 30 and 33 before it waits for them; `
	if _, err := tx.ExecContext(ctx, "INSERT INTO audit VALUES (1)"); err != nil {
		return err
	}
	return tx.Commit()
}

// LaunchInLoopNamedFunc: a goroutine per item, each running a function of
// this package with the transaction.
func LaunchInLoopNamedFunc(ctx context.Context, tx *sql.Tx, ids []int64) {
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		go archive(ctx, tx, id, &wg) // want `^transaction tx is used at the same time by the goroutines launched in a loop at line 42; `
	}
	wg.Wait()
}

func archive(ctx context.Context, tx *sql.Tx, id int64, wg *sync.WaitGroup) {
	defer wg.Done()
	_, _ = tx.ExecContext(ctx, "UPDATE items SET archived = true WHERE id = $1", id)
}

// Service holds a transaction and a name.
type Service struct {
	tx   *sql.Tx
	name string
}

// TwoLaunchesOverlapStructField: s.tx of a struct literal holding tx.
func TwoLaunchesOverlapStructField(ctx context.Context, tx *sql.Tx) {
	s := Service{tx: tx, name: "svc"}
	var wg sync.WaitGroup
	wg.Go(func() { _, _ = s.tx.ExecContext(ctx, "DELETE FROM a WHERE name = $1", s.name) }) // want `^transaction tx is used at the same time by the goroutines launched at lines 62 and 63; `
	wg.Go(func() { _, _ = s.tx.ExecContext(ctx, "DELETE FROM b") })
	wg.Wait()
}

// ParentUsesBeforeWaitInCallback: a callback run in place by the function
// is the function's own use.
func ParentUsesBeforeWaitInCallback(ctx context.Context, tx *sql.Tx) error {
	var wg sync.WaitGroup
	wg.Go(func() { _, _ = tx.ExecContext(ctx, "DELETE FROM a") }) // want `^transaction tx is used at the same time by the goroutine launched at line 71 and by this function at line 72 before it waits for them; `
	err := retry(func() error { _, err := tx.ExecContext(ctx, "DELETE FROM b"); return err })
	wg.Wait()
	return err
}

func retry(f func() error) error { return f() }

// ParentUsesBeforeWaitInline: a function literal the function calls in
// place is the function's own use.
func ParentUsesBeforeWaitInline(ctx context.Context, tx *sql.Tx) {
	var wg sync.WaitGroup
	wg.Go(func() { _, _ = tx.ExecContext(ctx, "DELETE FROM a") }) // want `^transaction tx is used at the same time by the goroutine launched at line 83 and by this function at line 84 before it waits for them; `
	func() { _, _ = tx.ExecContext(ctx, "DELETE FROM b") }()
	wg.Wait()
}
