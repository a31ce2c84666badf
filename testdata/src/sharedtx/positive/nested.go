package positive

import (
	"context"
	"database/sql"
	"sync"
)

// vacuumBoth: the only launches of its declaration are in the function
// literal of a package variable.
var vacuumBoth = func(ctx context.Context, tx *sql.Tx) {
	var wg sync.WaitGroup
	wg.Go(func() { _, _ = tx.ExecContext(ctx, "VACUUM a") }) // want `^transaction tx is used at the same time by the goroutines launched at lines 13 and 14; `
	wg.Go(func() { _, _ = tx.ExecContext(ctx, "VACUUM b") })
	wg.Wait()
}

// LaunchInStoredClosure: the launches are in a closure the function keeps
// and calls later, not in its own body.
func LaunchInStoredClosure(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	clean := func() {
		var wg sync.WaitGroup
		wg.Go(func() { _, _ = tx.ExecContext(ctx, "DELETE FROM a") }) // want `^transaction tx is used at the same time by the goroutines launched at lines 28 and 29; `
		wg.Go(func() { _, _ = tx.ExecContext(ctx, "DELETE FROM b") })
		wg.Wait()
	}
	clean()
	return tx.Commit()
}
