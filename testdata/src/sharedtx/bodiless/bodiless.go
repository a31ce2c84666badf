// Package bodiless launches, with a transaction, functions of the package
// whose body the analyzer cannot read: an interface method, declarations
// without a body, and generic instantiations.
package bodiless

import (
	"context"
	"database/sql"
	"sync"
	_ "unsafe" // for go:linkname
)

// Archiver is the application's own interface.
type Archiver interface {
	Archive(ctx context.Context, tx *sql.Tx, id int64)
}

func InterfaceMethodInLoop(ctx context.Context, tx *sql.Tx, a Archiver, ids []int64) {
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Go(func() { a.Archive(ctx, tx, id) }) // want `^transaction tx is used at the same time by the goroutines launched in a loop at line 21; `
	}
	wg.Wait()
}

func LaunchedInterfaceMethodInLoop(ctx context.Context, tx *sql.Tx, a Archiver, ids []int64) {
	for _, id := range ids {
		go a.Archive(ctx, tx, id) // want `^transaction tx is used at the same time by the goroutines launched in a loop at line 28; `
	}
}

//go:linkname archiveElsewhere example.com/elsewhere.archive
func archiveElsewhere(ctx context.Context, tx *sql.Tx, id int64)

// Implemented in assembly.
func spin(tx *sql.Tx, n int)

func LinknameInLoop(ctx context.Context, tx *sql.Tx, ids []int64) {
	for _, id := range ids {
		go archiveElsewhere(ctx, tx, id) // want `^transaction tx is used at the same time by the goroutines launched in a loop at line 40; `
	}
}

func AssemblyInLoop(tx *sql.Tx, ids []int64) {
	var wg sync.WaitGroup
	for range ids {
		wg.Go(func() { spin(tx, 1) }) // want `^transaction tx is used at the same time by the goroutines launched in a loop at line 47; `
	}
	wg.Wait()
}

func archive[T any](ctx context.Context, tx *sql.Tx, v T) {
	_, _ = tx.ExecContext(ctx, "UPDATE items SET archived = true WHERE id = $1", v)
}

func GenericInLoop(ctx context.Context, tx *sql.Tx, ids []int64) {
	for _, id := range ids {
		go archive(ctx, tx, id) // want `^transaction tx is used at the same time by the goroutines launched in a loop at line 58; `
	}
}

type store[T any] struct{ tx *sql.Tx }

func (s store[T]) save(ctx context.Context, v T) {
	_, _ = s.tx.ExecContext(ctx, "INSERT INTO t VALUES ($1)", v)
}

func GenericMethodInLoop(ctx context.Context, tx *sql.Tx, ids []int64) {
	s := store[int64]{tx: tx}
	for _, id := range ids {
		go s.save(ctx, id) // want `^transaction tx is used at the same time by the goroutines launched in a loop at line 71; `
	}
}

// The pool, not the transaction: never reported.
type Counter interface {
	Count(ctx context.Context, db *sql.DB) int
}

func InterfaceMethodOnPoolInLoop(ctx context.Context, db *sql.DB, c Counter, ids []int64) {
	for range ids {
		go c.Count(ctx, db)
	}
}

func linkPool(ctx context.Context, db *sql.DB)

func BodilessOnPoolInLoop(ctx context.Context, db *sql.DB, ids []int64) {
	for range ids {
		go linkPool(ctx, db)
	}
}
