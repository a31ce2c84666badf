// Package sqltx holds the doublerelease cases for database/sql: one
// function per bullet of docs/doublerelease.md, named after it.
package sqltx

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log"
)

var errNotFound = errors.New("not found")

// Report: redundant release (the seed's double close).

func reportRedundantRelease(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() // @d1
	if _, err := tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		tx.Rollback() // want `tx.Rollback\(\) is redundant: the deferred tx.Rollback\(\) at line 22 already releases tx`
		return err
	}
	return tx.Commit()
}

func reportRedundantReleaseDiscarded(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }() // @d2
	if _, err := tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		_ = tx.Rollback() // want `tx.Rollback\(\) is redundant: the deferred function at line 35 already releases tx`
		return err
	}
	return tx.Commit()
}

func reportRedundantReleaseLogThenReturn(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() // @d3
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT 1").Scan(&n); err != nil {
		tx.Rollback() // want `tx.Rollback\(\) is redundant: the deferred tx.Rollback\(\) at line 48 already releases tx`
		log.Printf("query failed: %v", err)
		return fmt.Errorf("query: %w", err)
	}
	return tx.Commit()
}

// A closure that commits when there is no error and rolls back otherwise
// releases on every path; before a non-nil error return the explicit
// rollback is redundant.
func reportRedundantReleaseCommitOrRollbackClosure(ctx context.Context, db *sql.DB) (err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() { // @d4
		if err != nil {
			tx.Rollback()
		} else {
			err = tx.Commit()
		}
	}()
	if _, err = tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		tx.Rollback() // want `tx.Rollback\(\) is redundant: the deferred function at line 66 already releases tx`
		return err
	}
	return nil
}

// The named-result form: the closure rolls back only when err != nil,
// and the explicit rollback is followed by a non-nil error.
func reportRedundantReleaseNamedResult(ctx context.Context, db *sql.DB) (err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() { // @d5
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	if _, err = tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		tx.Rollback() // want `tx.Rollback\(\) is redundant: the deferred function at line 87 already releases tx`
		return
	}
	if _, err := tx.ExecContext(ctx, "UPDATE t SET y = 1"); err != nil {
		tx.Rollback() // want `tx.Rollback\(\) is redundant: the deferred function at line 87 already releases tx`
		return fmt.Errorf("update y: %w", err)
	}
	return tx.Commit()
}

func reportRedundantReleaseConn(ctx context.Context, db *sql.DB) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close() // @d6
	if err := conn.PingContext(ctx); err != nil {
		conn.Close() // want `conn.Close\(\) is redundant: the deferred conn.Close\(\) at line 108 already releases conn`
		return err
	}
	return nil
}

func reportRedundantReleaseInSwitch(ctx context.Context, db *sql.DB, kind int) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() // @d7
	switch kind {
	case 1:
		tx.Rollback() // want `tx.Rollback\(\) is redundant: the deferred tx.Rollback\(\) at line 121 already releases tx`
		return errNotFound
	}
	return tx.Commit()
}

// A deferred function that only logs a failed rollback: the explicit
// rollback before it changes nothing but a log line.
func reportRedundantReleaseLoggingClosure(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() { // @logging
		if err := tx.Rollback(); err != nil && !errors.Is(err, sql.ErrTxDone) {
			log.Printf("rollback: %v", err)
		}
	}()
	if _, err := tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		tx.Rollback() // want `tx.Rollback\(\) is redundant: the deferred function at line 137 already releases tx`
		return err
	}
	return tx.Commit()
}

// Each iteration declares a new tx: the defer of this iteration owns it.
func reportRedundantReleaseInLoop(ctx context.Context, db *sql.DB, ids []int) error {
	for _, id := range ids {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback() // @loop
		if _, err := tx.ExecContext(ctx, "DELETE FROM t WHERE id = $1", id); err != nil {
			tx.Rollback() // want `tx.Rollback\(\) is redundant: the deferred tx.Rollback\(\) at line 156 already releases tx`
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

// A panic runs the deferred calls.
func reportRedundantReleaseBeforePanic(ctx context.Context, db *sql.DB) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		panic(err)
	}
	defer tx.Rollback() // @panic
	if _, err := tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		tx.Rollback() // want `tx.Rollback\(\) is redundant: the deferred tx.Rollback\(\) at line 174 already releases tx`
		panic(err)
	}
	tx.Commit()
}

// Report: double commit.

func reportDoubleCommitDeferredCommit(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Commit() // @d8
	if _, err := tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		return err
	}
	return tx.Commit() // want `tx.Commit\(\) and the deferred tx.Commit\(\) at line 189 both commit tx: the second commit fails with ErrTxDone and reports an error for committed work; commit in one place only`
}

func reportDoubleCommitClosure(ctx context.Context, db *sql.DB) (err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() { // @d9
		if p := recover(); p != nil {
			tx.Rollback()
			panic(p)
		} else if err != nil {
			tx.Rollback()
		} else {
			err = tx.Commit()
		}
	}()
	if _, err = tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil { // want `tx.Commit\(\) and the deferred function at line 201 both commit tx`
		return err
	}
	return nil
}

// Never report.

func neverCanonicalIdiom(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		return err
	}
	return tx.Commit()
}

func neverCheckedRollback(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		if rerr := tx.Rollback(); rerr != nil {
			return errors.Join(err, rerr)
		}
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE t SET y = 1"); err != nil {
		return errors.Join(err, tx.Rollback())
	}
	return tx.Commit()
}

func neverDeliberateEarlyRelease(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM t").Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		tx.Rollback() // hands the connection back before more work on the pool
		_, err := db.ExecContext(ctx, "INSERT INTO audit VALUES (1)")
		return err
	}
	return tx.Commit()
}

func neverDeliberateEarlyReleaseBegin(db *sql.DB) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.Exec("UPDATE t SET x = 1"); err != nil {
		tx.Rollback()
		other, err := db.Begin()
		if err != nil {
			return err
		}
		return other.Commit()
	}
	return tx.Commit()
}

func neverDeliberateEarlyReleaseContinue(ctx context.Context, db *sql.DB, ids []int) error {
	for _, id := range ids {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		if _, err := tx.ExecContext(ctx, "DELETE FROM t WHERE id = $1", id); err != nil {
			tx.Rollback()
			continue
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

func neverDeliberateEarlyReleaseRetry(ctx context.Context, db *sql.DB) error {
	for attempt := 0; ; attempt++ {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		if _, err := tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
			tx.Rollback()
			if attempt < 3 {
				continue
			}
			return err
		}
		return tx.Commit()
	}
}

func neverDeliberateEarlyReleaseNextIteration(ctx context.Context, db *sql.DB, ids []int) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, id := range ids {
		if id < 0 {
			tx.Rollback()
			continue // the next iteration works on the database through save
		}
		save(id)
	}
	return nil
}

var pool *sql.DB

func save(id int) { pool.Exec("INSERT INTO t VALUES ($1)", id) }

// audit works on the database through the package-level pool: the early
// rollback hands the connection back before it.
func neverDeliberateEarlyReleaseSamePackageWork(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		tx.Rollback()
		audit("update failed")
		return err
	}
	return tx.Commit()
}

func audit(msg string) { record(msg) }

func record(msg string) { save(len(msg)) }

func neverReleaseInsideDeferredClosure(ctx context.Context, db *sql.DB) (err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
			return
		}
		err = tx.Commit()
	}()
	_, err = tx.ExecContext(ctx, "UPDATE t SET x = 1")
	return err
}

func neverReleaseNotDominatedSibling(ctx context.Context, db *sql.DB, fast bool) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if fast {
		defer tx.Rollback()
	} else {
		tx.Rollback()
		return errNotFound
	}
	return tx.Commit()
}

func neverReleaseNotDominatedBefore(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		tx.Rollback()
		return err
	}
	defer tx.Rollback()
	return tx.Commit()
}

func neverReassigned(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	tx, err = db.BeginTx(ctx, nil) // a new transaction: the defer still holds the old one
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE t SET y = 1"); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// Assigned in a loop around the defer: each iteration holds another
// transaction under the same variable.
func neverReassignedInLoop(ctx context.Context, db *sql.DB, ids []int) error {
	var tx *sql.Tx
	var err error
	for _, id := range ids {
		tx, err = db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		if _, err := tx.ExecContext(ctx, "DELETE FROM t WHERE id = $1", id); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

func neverReleaseInFuncLit(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	abort := func(err error) error {
		tx.Rollback()
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		return abort(err)
	}
	return tx.Commit()
}

// Conservative choices where the rule page leaves a case open or says "never counts".

// A closure that rolls back only after recover() is not a scope: the
// explicit rollback on the error path is required.
func neverRecoverOnlyClosure(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if p := recover(); p != nil {
			tx.Rollback()
			panic(p)
		}
	}()
	if _, err := tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// In the named-result form, a rollback followed by a nil return is not
// redundant: the closure sees err == nil and does nothing.
func neverNamedResultNilReturn(ctx context.Context, db *sql.DB) (err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	var n int
	if err = tx.QueryRowContext(ctx, "SELECT 1").Scan(&n); err != nil || n == 0 {
		tx.Rollback()
		return nil
	}
	return tx.Commit()
}

// A conditional closure on a variable other than the named result does
// not count.
func neverConditionalOnLocal(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	failed := true
	defer func() {
		if failed {
			tx.Rollback()
		}
	}()
	if _, err := tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		tx.Rollback()
		return err
	}
	failed = false
	return tx.Commit()
}

// A commit under a deferred rollback is not redundant, checked or not.
func neverCommitUnderDeferredRollback(ctx context.Context, db *sql.DB) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return
	}
	defer tx.Rollback()
	tx.Commit()
}

// A rollback under a deferred commit is not redundant: deleting it would
// commit.
func neverRollbackUnderDeferredCommit(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Commit()
	if _, err := tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		tx.Rollback()
		return err
	}
	return nil
}

// A call of a function value after the release may do database work.
func neverUnknownCallAfter(ctx context.Context, db *sql.DB, notify func()) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		tx.Rollback()
		notify()
		return err
	}
	return tx.Commit()
}

// A goto may jump over the defer: no lexical dominance.
func neverGoto(ctx context.Context, db *sql.DB, fast bool) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if fast {
		goto release
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		return err
	}
release:
	log.Print("releasing")
	tx.Rollback()
	return errNotFound
}

// log.Fatal ends the process: the deferred rollback never runs.
func neverReleaseBeforeExit(ctx context.Context, db *sql.DB) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		log.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		tx.Rollback()
		log.Fatalf("update: %v", err)
	}
	tx.Commit()
}

// The silence directive.
func neverIgnored(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		tx.Rollback() //txvet:ignore the team prefers it explicit
		return err
	}
	return tx.Commit()
}

// Reassigned only after the release: `defer tx.Rollback()` evaluated tx
// when the defer ran, so it holds the transaction the release releases.
// (A migration of go-shiori/shiori, with a return after each rollback.)
func reportRedundantReleaseBeforeReassignment(db *sql.DB) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err = tx.Exec("ALTER TABLE bookmark ADD COLUMN a BOOLEAN"); err != nil {
		tx.Rollback() // want `tx.Rollback\(\) is redundant: the deferred tx.Rollback\(\) at line 625 already releases tx`
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	tx, err = db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err = tx.Exec("ALTER TABLE account ADD COLUMN b JSON"); err != nil {
		tx.Rollback() // want `tx.Rollback\(\) is redundant: the deferred tx.Rollback\(\) at line 637 already releases tx`
		return err
	}
	return tx.Commit()
}

// The go-shiori/shiori migration itself: the first rollback is followed
// by db.Begin(), a deliberate early release (the connection goes back to
// the pool before the next transaction takes one); the second one only
// returns, redundant.
func reportRedundantReleaseMigration(db *sql.DB) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	_, err = tx.Exec("ALTER TABLE bookmark ADD COLUMN a BOOLEAN")
	if duplicateColumn(err) {
		tx.Rollback()
	} else if err != nil {
		return err
	} else if err == nil {
		if errCommit := tx.Commit(); errCommit != nil {
			return errCommit
		}
	}
	tx, err = db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	_, err = tx.Exec("ALTER TABLE account ADD COLUMN b JSON")
	if duplicateColumn(err) {
		tx.Rollback() // want `tx.Rollback\(\) is redundant: the deferred tx.Rollback\(\) at line 669 already releases tx`
	} else if err != nil {
		return err
	} else if err == nil {
		if errCommit := tx.Commit(); errCommit != nil {
			return errCommit
		}
	}
	return nil
}

func duplicateColumn(err error) bool {
	return err != nil && err.Error() == "duplicate column name"
}

// A deferred function reads tx when it runs, at the return: here the
// second transaction, so the first rollback is the only release of the
// first one.
func neverReassignedAfterReleaseClosure(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	next, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	if _, err := tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		tx.Rollback()
	}
	tx = next
	return nil
}

// The first case under deferred functions: the first rollback is redundant
// too (the return comes before the reassignment), but a deferred function
// is silenced by any later assignment, as before.
func neverReassignedAfterReleaseClosureReturn(db *sql.DB) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	if _, err = tx.Exec("ALTER TABLE bookmark ADD COLUMN a BOOLEAN"); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	tx, err = db.Begin()
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	if _, err = tx.Exec("ALTER TABLE account ADD COLUMN b JSON"); err != nil {
		tx.Rollback() // want `tx.Rollback\(\) is redundant: the deferred function at line 727 already releases tx`
		return err
	}
	return tx.Commit()
}

// Reassigned between the defer and the release, on one path.
func neverReassignedBeforeRelease(db *sql.DB, twice bool) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if twice {
		if err := tx.Commit(); err != nil {
			return err
		}
		if tx, err = db.Begin(); err != nil {
			return err
		}
	}
	if _, err := tx.Exec("UPDATE t SET x = 1"); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// Reassigned after the release in a loop around it: from the second
// iteration on, the release meets a transaction the defer does not hold.
func neverReassignedAfterReleaseInLoop(ctx context.Context, db *sql.DB, ids []int) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, id := range ids {
		if _, err := tx.ExecContext(ctx, "DELETE FROM t WHERE id = $1", id); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
		if tx, err = db.BeginTx(ctx, nil); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// The defer, the release and the reassignment in one loop body: silent,
// as before (each iteration's defer holds that iteration's transaction,
// but a loop is not followed).
func neverReassignedAfterReleaseInLoopBody(ctx context.Context, db *sql.DB, ids []int) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	for _, id := range ids {
		defer tx.Rollback()
		if _, err := tx.ExecContext(ctx, "DELETE FROM t WHERE id = $1", id); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
		if tx, err = db.BeginTx(ctx, nil); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// Reassigned by a function literal made before the defer and called
// between the defer and the release.
func neverReassignedByEarlierClosure(db *sql.DB) error {
	var tx *sql.Tx
	begin := func() (err error) {
		tx, err = db.Begin()
		return err
	}
	if err := begin(); err != nil {
		return err
	}
	defer tx.Rollback()
	if err := tx.Commit(); err != nil {
		return err
	}
	if err := begin(); err != nil {
		return err
	}
	if _, err := tx.Exec("UPDATE t SET x = 1"); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// Fix: the trailing line comment of a deleted release goes with it; a
// comment on its own line stays.
func reportRedundantReleaseTrailingComment(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		tx.Rollback() // give the connection back early // want `tx.Rollback\(\) is redundant: the deferred tx.Rollback\(\) at line 836 already releases tx`
		// the caller retries
		return err
	}
	return tx.Commit()
}

// Fix: a block comment after the release stays, as does the line.
func reportRedundantReleaseBlockComment(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		tx.Rollback() /* early */ // want `tx.Rollback\(\) is redundant: the deferred tx.Rollback\(\) at line 851 already releases tx`
		return err
	}
	return tx.Commit()
}

// Fix: a release that shares its line with other code loses only itself.
func reportRedundantReleaseSharedLine(db *sql.DB) func() error {
	return func() error { tx, _ := db.Begin(); defer tx.Rollback(); tx.Rollback(); return errNotFound } // want `tx.Rollback\(\) is redundant: the deferred tx.Rollback\(\) at line 861 already releases tx`
}
