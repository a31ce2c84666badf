// Package negative holds what txleak must never report: each function is
// named for the rule that keeps it silent.
package negative

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log"
	"os"
	"runtime"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/uptrace/bun"
	"gorm.io/gorm"

	"txleak/factory/store"
)

var errBad = errors.New("bad")

// The canonical idiom.
func deferredRollback(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "SELECT 1"); err != nil {
		return err
	}
	return tx.Commit()
}

// Released explicitly on every path.
func explicitEverywhere(db *sql.DB, n int) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	if n < 0 {
		tx.Rollback()
		return errBad
	}
	return tx.Commit()
}

// A deferred function that releases on every path.
func deferredClosure(db *sql.DB) (err error) {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
			return
		}
		err = tx.Commit()
	}()
	_, err = tx.Exec("SELECT 1")
	return err
}

// A deferred function that releases on some paths only: which paths
// those are depends on values the analyzer cannot follow.
func partialDeferredClosure(db *sql.DB) (err error) {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	if _, err = tx.Exec("SELECT 1"); err != nil {
		return err
	}
	return nil
}

func finish(tx *sql.Tx, errp *error) {
	if *errp != nil {
		tx.Rollback()
		return
	}
	*errp = tx.Commit()
}

// A deferred helper known (fact) to release it.
func deferredHelper(db *sql.DB) (err error) {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer finish(tx, &err)
	_, err = tx.Exec("SELECT 1")
	return err
}

// Returned to the caller, which owns it (a factory).
func returned(db *sql.DB) (*sql.Tx, error) {
	tx, err := db.Begin()
	if err != nil {
		return nil, err
	}
	return tx, nil
}

type unit struct{ tx *sql.Tx }

var global *sql.Tx

// Stored in a field.
func storedInField(db *sql.DB, u *unit) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	u.tx = tx
	return nil
}

// Stored in a global.
func storedInGlobal(db *sql.DB) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	global = tx
	return nil
}

// Stored in a map.
func storedInMap(db *sql.DB, m map[string]*sql.Tx) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	m["a"] = tx
	return nil
}

// Stored in a slice.
func storedInSlice(db *sql.DB, txs []*sql.Tx) ([]*sql.Tx, error) {
	tx, err := db.Begin()
	if err != nil {
		return txs, err
	}
	return append(txs, tx), nil
}

// In a struct that escapes.
func structThatEscapes(db *sql.DB) (*unit, error) {
	tx, err := db.Begin()
	if err != nil {
		return nil, err
	}
	return &unit{tx: tx}, nil
}

// Sent on a channel.
func sentOnChannel(db *sql.DB, ch chan<- *sql.Tx) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	ch <- tx
	return nil
}

// Captured by a function literal that escapes.
func capturedByEscapingClosure(db *sql.DB) (func() error, error) {
	tx, err := db.Begin()
	if err != nil {
		return nil, err
	}
	return func() error { return tx.Commit() }, nil
}

// Captured by a goroutine.
func capturedByGoroutine(db *sql.DB) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	go func() { tx.Commit() }()
	return nil
}

// A method value: the caller commits.
func methodValue(db *sql.DB) (func() error, error) {
	tx, err := db.Begin()
	if err != nil {
		return nil, err
	}
	return tx.Commit, nil
}

type keeper interface{ Keep(*sql.Tx) }

// Passed to a function not known to leave it alone.
func passedToUnknownFunction(db *sql.DB, k keeper) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	k.Keep(tx)
	return nil
}

// Printing it is a call like any other: unknown.
func passedToPrintf(db *sql.DB) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	fmt.Println(tx)
	return nil
}

// Its address is taken.
func addressTaken(db *sql.DB, keep func(**sql.Tx)) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	keep(&tx)
	return nil
}

// The error path of the acquisition itself, in both senses.
func acquisitionErrorPath(db *sql.DB) error {
	tx, err := db.Begin()
	if err == nil {
		return tx.Commit()
	}
	return fmt.Errorf("begin: %w", err)
}

// gorm: tx.Error right after Begin, in both forms.
func gormErrorPath(db *gorm.DB) error {
	tx := db.Begin()
	if tx.Error != nil {
		return tx.Error
	}
	return tx.Commit().Error
}

func gormErrorPathInit(db *gorm.DB, v any) error {
	tx := db.Begin()
	if err := tx.Error; err != nil {
		return err
	}
	if err := tx.Create(v).Error; err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit().Error
}

// gorm chains on the transaction keep it in the function.
func gormChain(db *gorm.DB, v any) error {
	tx := db.Begin()
	if tx.Error != nil {
		return tx.Error
	}
	if err := tx.Model(v).Where("id = ?", 1).Delete(v).Error; err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit().Error
}

// Where the variable is known to be nil.
func nilGuard(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if tx != nil {
		defer tx.Rollback()
	}
	if err != nil {
		return err
	}
	return tx.Commit()
}

// Paths that end the goroutine or the process.
func panicPath(db *sql.DB, n int) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	if n < 0 {
		panic("negative")
	}
	return tx.Commit()
}

func osExit(db *sql.DB, n int) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	if n < 0 {
		os.Exit(2)
	}
	return tx.Commit()
}

func logFatal(db *sql.DB) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	if _, err := tx.Exec("SELECT 1"); err != nil {
		log.Fatal(err)
	}
	return tx.Commit()
}

func tFatal(t *testing.T, db *sql.DB) {
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec("SELECT 1"); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

func runtimeGoexit(db *sql.DB, n int) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	if n < 0 {
		runtime.Goexit()
	}
	return tx.Commit()
}

// A function of the analysed code that only borrows the transaction (a
// fact), in this package and in another.
func insert(ctx context.Context, tx *sql.Tx, name string) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO users (name) VALUES ($1)", name)
	return err
}

func borrowedByFact(ctx context.Context, db *sql.DB, name string) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := insert(ctx, tx, name); err != nil {
		return err
	}
	if err := store.Insert(ctx, tx, name); err != nil {
		return err
	}
	return tx.Commit()
}

// A library function borrows: pgx.BeginFunc on the transaction runs a
// savepoint of its own.
func libraryBorrows(ctx context.Context, pool *pgxpool.Pool) error {
	tx, err := pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if err := pgx.BeginFunc(ctx, tx, func(sp pgx.Tx) error { return nil }); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// Acquired twice into one variable: unsure which one leaks.
func reassigned(db *sql.DB) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	tx.Commit()
	tx, err = db.Begin()
	if err != nil {
		return err
	}
	return tx.Commit()
}

// Released in every iteration before it continues.
func loopReleased(db *sql.DB, ids []int) error {
	for _, id := range ids {
		tx, err := db.Begin()
		if err != nil {
			continue
		}
		if id < 0 {
			tx.Rollback()
			continue
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

// A suppressed finding.
func ignored(db *sql.DB, n int) error {
	//txvet:ignore the caller times out the connection
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	if n < 0 {
		return errBad
	}
	return tx.Commit()
}

// The blank identifier holds nothing to release.
func blankResource(db *sql.DB) error {
	_, err := db.Begin()
	return err
}

// A field of the resource may carry the connection (bun's embedded
// *sql.Tx): passed on, it escapes.
func fieldCarriesConnection(ctx context.Context, db *bun.DB, keep func(*sql.Tx)) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	keep(tx.Tx)
	return nil
}

// Batch results give the transaction back (br.Tx()), and whoever holds
// them may release it.
func handedBack(ctx context.Context, pool *pgxpool.Pool, b *pgx.Batch) (pgx.BatchResults, error) {
	tx, err := pool.Begin(ctx)
	if err != nil {
		return nil, err
	}
	br := tx.SendBatch(ctx, b)
	return br, nil
}
