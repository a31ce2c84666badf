// Package stdsql holds database/sql cases (pgx stdlib driver as a user would
// register it).
package stdsql

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log"

	_ "github.com/jackc/pgx/v5/stdlib"

	"reallib.test/mod/txutil"
)

var errSkip = errors.New("skip")

// --- doublerelease: report ---

func redundantRollback(ctx context.Context, db *sql.DB, id int64) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "DELETE FROM t WHERE id = $1", id); err != nil {
		tx.Rollback() // want `^tx\.Rollback\(\) is redundant: the deferred tx\.Rollback\(\) at line \d+ already releases tx`
		log.Printf("delete %d: %v", id, err)
		return fmt.Errorf("delete %d: %w", id, err)
	}
	return tx.Commit()
}

func redundantBlankRollback(ctx context.Context, db *sql.DB) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	if _, err := tx.ExecContext(ctx, "UPDATE t SET n = 0"); err != nil {
		_ = tx.Rollback() // want `^tx\.Rollback\(\) is redundant: the deferred function at line \d+ already releases tx`
		return err
	}
	return tx.Commit()
}

func redundantConnClose(ctx context.Context, db *sql.DB) error {
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

// The common named-result closure: it rolls back exactly when err != nil.
func redundantUnderNamedResultClosure(ctx context.Context, db *sql.DB) (err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	if _, err = tx.ExecContext(ctx, "UPDATE t SET n = n + 1"); err != nil {
		tx.Rollback() // want `^tx\.Rollback\(\) is redundant: the deferred function at line \d+ already releases tx`
		return err
	}
	return tx.Commit()
}

func doubleCommitUnderClosure(ctx context.Context, db *sql.DB) (err error) {
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
	if _, err = tx.ExecContext(ctx, "UPDATE t SET n = n + 1"); err != nil {
		return err
	}
	return tx.Commit() // want `^tx\.Commit\(\) and the deferred function at line \d+ both commit tx: the second commit fails with ErrTxDone and reports an error for committed work`
}

func doubleCommitUnderDeferredCommit(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Commit()
	if _, err := tx.ExecContext(ctx, "INSERT INTO log VALUES (1)"); err != nil {
		return err
	}
	return tx.Commit() // want `^tx\.Commit\(\) and the deferred tx\.Commit\(\) at line \d+ both commit tx: the second commit fails with ErrTxDone and reports an error for committed work`
}

// The project's own helper commits: a Commit in its callback makes it
// report ErrTxDone for committed work (fact from another package).
func commitInsideOwnHelper(ctx context.Context, db *sql.DB) error {
	return txutil.WithTx(ctx, db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "INSERT INTO t VALUES (1)"); err != nil {
			return err
		}
		return tx.Commit() // want `^tx\.Commit\(\) inside the callback of txutil\.WithTx at line \d+: WithTx commits again and returns sql\.ErrTxDone for committed work; return nil instead$`
	})
}

// Rollback then return nil: the helper then commits a finished transaction.
func rollbackInsideOwnHelper(ctx context.Context, db *sql.DB, dryRun bool) error {
	return txutil.WithTx(ctx, db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM t"); err != nil {
			return err
		}
		if dryRun {
			tx.Rollback() // want `^tx\.Rollback\(\) inside the callback of txutil\.WithTx at line \d+: with nil returned after it, WithTx returns sql\.ErrTxDone for rolled-back work; return an error$`
			return nil
		}
		return nil
	})
}

// A deferred helper known (by fact) to release its parameter.
func redundantUnderDeferredHelper(ctx context.Context, db *sql.DB) (err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer txutil.Finish(tx, &err)
	if _, err = tx.ExecContext(ctx, "UPDATE t SET n = 1"); err != nil {
		tx.Rollback() // want `^tx\.Rollback\(\) is redundant: the deferred txutil\.Finish\(tx, \&err\) at line \d+ already releases tx`
		return err
	}
	return nil
}

// --- doublerelease: never report ---

func canonical(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE t SET n = 2"); err != nil {
		return err
	}
	return tx.Commit()
}

func checkedRollback(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE t SET n = 3"); err != nil {
		if rbErr := tx.Rollback(); rbErr != nil {
			return errors.Join(err, rbErr)
		}
		return err
	}
	return tx.Commit()
}

// Handing the connection back before more database work.
func earlyReleaseThenMoreWork(ctx context.Context, db *sql.DB) (int, error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT n FROM t FOR UPDATE NOWAIT").Scan(&n); err != nil {
		tx.Rollback()
		return fallbackCount(ctx, db)
	}
	return n, tx.Commit()
}

func fallbackCount(ctx context.Context, db *sql.DB) (int, error) {
	var n int
	err := db.QueryRowContext(ctx, "SELECT count(*) FROM t").Scan(&n)
	return n, err
}

func earlyReleaseInRetryLoop(ctx context.Context, db *sql.DB) error {
	for attempt := 0; attempt < 3; attempt++ {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		if _, err := tx.ExecContext(ctx, "UPDATE t SET n = n + 1"); err != nil {
			tx.Rollback()
			continue
		}
		return tx.Commit()
	}
	return errSkip
}

func releaseNotDominatedByDefer(ctx context.Context, db *sql.DB, skip bool) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if skip {
		tx.Rollback()
		return errSkip
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE t SET n = 4"); err != nil {
		return err
	}
	return tx.Commit()
}

func reassignedInBetween(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := tx.Commit(); err != nil {
		return err
	}
	tx, err = db.BeginTx(ctx, nil) // a new transaction the defer does not cover
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE t SET n = 5"); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

func releaseInPlainFuncLit(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	abort := func(err error) error {
		tx.Rollback()
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE t SET n = 6"); err != nil {
		return abort(err)
	}
	return tx.Commit()
}

// Only the panic path rolls back: explicit rollbacks are required.
func recoverOnlyClosure(ctx context.Context, db *sql.DB) error {
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
	if _, err := tx.ExecContext(ctx, "UPDATE t SET n = 7"); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// Under the named-result closure, a rollback followed by return nil is not
// covered by the closure (err is nil there).
func namedResultClosureReturnNil(ctx context.Context, db *sql.DB, dryRun bool) (err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	if _, err = tx.ExecContext(ctx, "UPDATE t SET n = 8"); err != nil {
		return err
	}
	if dryRun {
		tx.Rollback()
		return nil
	}
	return tx.Commit()
}

// Own helper, used correctly.
func ownHelperCorrect(ctx context.Context, db *sql.DB) error {
	return txutil.WithTx(ctx, db, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "INSERT INTO t VALUES (2)")
		return err
	})
}
