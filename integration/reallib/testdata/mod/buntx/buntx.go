// Package buntx holds bun cases, and the sourcegraph/conc launches.
package buntx

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/sourcegraph/conc"
	"github.com/sourcegraph/conc/pool"
	"github.com/uptrace/bun"
)

type Book struct {
	ID    int64
	Title string
}

// --- doublerelease: report ---

func commitInsideRunInTx(ctx context.Context, db *bun.DB, b *Book) error {
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(b).Exec(ctx); err != nil {
			return err
		}
		return tx.Commit() // want `^tx\.Commit\(\) inside the callback of db\.RunInTx at line \d+: RunInTx commits again and returns sql\.ErrTxDone for committed work; return nil instead$`
	})
}

func commitInsideIDBRunInTx(ctx context.Context, idb bun.IDB, b *Book) error {
	return idb.RunInTx(ctx, &sql.TxOptions{}, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewUpdate().Model(b).WherePK().Exec(ctx); err != nil {
			return err
		}
		return tx.Commit() // want `^tx\.Commit\(\) inside the callback of idb\.RunInTx at line \d+: RunInTx commits again and returns sql\.ErrTxDone for committed work; return nil instead$`
	})
}

func redundantRollback(ctx context.Context, db *bun.DB, b *Book) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.NewInsert().Model(b).Exec(ctx); err != nil {
		tx.Rollback() // want `^tx\.Rollback\(\) is redundant: the deferred tx\.Rollback\(\) at line \d+ already releases tx`
		return fmt.Errorf("insert book: %w", err)
	}
	return tx.Commit()
}

func redundantConnClose(ctx context.Context, db *bun.DB) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if err := conn.PingContext(ctx); err != nil {
		conn.Close() // want `^conn\.Close\(\) is redundant: the deferred conn\.Close\(\) at line \d+ already releases conn`
		return err
	}
	return nil
}

// --- doublerelease: never report ---

func canonical(ctx context.Context, db *bun.DB, b *Book) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.NewInsert().Model(b).Exec(ctx); err != nil {
		return err
	}
	return tx.Commit()
}

func runInTxCorrect(ctx context.Context, db *bun.DB, b *Book) error {
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewInsert().Model(b).Exec(ctx)
		return err
	})
}

// --- sharedtx: report ---

func concWaitGroup(ctx context.Context, tx bun.Tx, a, b *Book) {
	var wg conc.WaitGroup
	wg.Go(func() { tx.NewInsert().Model(a).Exec(ctx) }) // want `^transaction tx is used at the same time by the goroutines launched at lines \d+ and \d+`
	wg.Go(func() { tx.NewInsert().Model(b).Exec(ctx) })
	wg.Wait()
}

func concErrorPool(ctx context.Context, tx bun.Tx, books []*Book) error {
	p := pool.New().WithErrors()
	for _, b := range books {
		p.Go(func() error { // want `^transaction tx is used at the same time by the goroutines launched in a loop at line \d+`
			_, err := tx.NewUpdate().Model(b).WherePK().Exec(ctx)
			return err
		})
	}
	return p.Wait()
}

// --- sharedtx: never report ---

func concPoolOnDB(ctx context.Context, db *bun.DB, books []*Book) error {
	p := pool.New().WithErrors()
	for _, b := range books {
		p.Go(func() error {
			_, err := db.NewUpdate().Model(b).WherePK().Exec(ctx)
			return err
		})
	}
	return p.Wait()
}

func concPoolOneAtATime(ctx context.Context, tx bun.Tx, books []*Book) error {
	p := pool.New().WithMaxGoroutines(1).WithErrors()
	for _, b := range books {
		p.Go(func() error {
			_, err := tx.NewDelete().Model(b).WherePK().Exec(ctx)
			return err
		})
	}
	return p.Wait()
}

func concPoolOneAtATimeLimitLast(ctx context.Context, tx bun.Tx, books []*Book) error {
	p := pool.New().WithErrors().WithMaxGoroutines(1)
	for _, b := range books {
		p.Go(func() error {
			_, err := tx.NewDelete().Model(b).WherePK().Exec(ctx)
			return err
		})
	}
	return p.Wait()
}
