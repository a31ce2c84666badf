package sqltx

import (
	"context"
	"database/sql"
	"fmt"
	"log"
)

// Never report deferred calls: the canonical defer tx.Rollback() after
// Commit (deferred releases after an explicit one are doublerelease's).
func neverDeferredRollbackAfterCommit(ctx context.Context, db *sql.DB) error {
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

// Deferred work of any kind runs at the function's exit, where this
// analyzer does not follow it.
func neverDeferredWork(ctx context.Context, tx *sql.Tx) error {
	defer tx.ExecContext(ctx, "NOTIFY done")
	defer func() { _, _ = tx.ExecContext(ctx, "NOTIFY done") }()
	return tx.Commit()
}

// Never report a Rollback whose result is discarded after a release: the
// harmless idiom after a failed Commit.
func neverDiscardedRollbackAfterFailedCommit(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		tx.Rollback()
		_ = tx.Rollback()
		return err
	}
	return nil
}

// Never report a use on another handle.
func neverUseOnAnotherHandle(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	other, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer other.Rollback()
	if _, err := db.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		return err
	}
	if _, err := other.ExecContext(ctx, "UPDATE t SET y = 1"); err != nil {
		return err
	}
	return other.Commit()
}

// Never report the resource passed to a function not known to use it:
// printing it, comparing it.
func neverPassedToUnknownFunction(db *sql.DB, prev *sql.Tx) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	fmt.Println(tx)
	log.Printf("%v", tx)
	if tx == prev || tx != nil {
		return nil
	}
	return nil
}

// Never report a fresh transaction in each loop iteration.
func neverFreshTxEachIteration(ctx context.Context, db *sql.DB, ids []int) error {
	for _, id := range ids {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
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

// Never report a transaction reassigned after its release.
func neverReassignedAfterRelease(ctx context.Context, db *sql.DB, ids []int) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	for i, id := range ids {
		if i > 0 && i%100 == 0 {
			if err := tx.Commit(); err != nil {
				return err
			}
			if tx, err = db.BeginTx(ctx, nil); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM t WHERE id = $1", id); err != nil {
			tx.Rollback()
			return err
		}
	}
	return tx.Commit()
}

// Never report branches that exclude each other.
func neverExclusiveBranchesReturn(ctx context.Context, db *sql.DB, dry bool) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		tx.Rollback()
		return err
	}
	if dry {
		return tx.Rollback()
	}
	return tx.Commit()
}

func neverExclusiveBranchesSameCondition(ctx context.Context, tx *sql.Tx, dry bool) error {
	if dry {
		tx.Rollback()
	}
	log.Print("after the rollback")
	if !dry {
		if _, err := tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
			return err
		}
	}
	if dry {
		return nil
	}
	return tx.Commit()
}

func neverExclusiveBranchesErrCheck(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, "UPDATE t SET x = 1")
	if err != nil {
		tx.Rollback()
	}
	if err == nil {
		err = tx.Commit()
	}
	return err
}

// But a branch whose condition was written in between is a new test.
func reportConditionWrittenInBetween(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, "UPDATE t SET x = 1")
	if err != nil {
		tx.Rollback() // @R11
		err = nil
	}
	if err == nil {
		err = tx.Commit() // want `^tx.Commit after tx.Rollback\(\) at line 180 fails with sql.ErrTxDone: return after the rollback$`
	}
	return err
}

// Never report a release inside a loop that only some iterations reach.
func neverReleaseInSomeIterations(ctx context.Context, tx *sql.Tx, ids []int) error {
	for _, id := range ids {
		if _, err := tx.ExecContext(ctx, "DELETE FROM t WHERE id = $1", id); err != nil {
			tx.Rollback()
			continue
		}
	}
	return nil
}

// A release before a retry loop's fresh transaction.
func neverRetryWithNewTx(ctx context.Context, db *sql.DB) error {
	var tx *sql.Tx
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		tx, err = db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err = tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
			tx.Rollback()
			continue
		}
		return tx.Commit()
	}
	return err
}

// Never report work in a function literal after the release: it runs at
// a time this analyzer does not know.
func neverFuncLitAfterRelease(ctx context.Context, tx *sql.Tx) (func() error, error) {
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	return func() error {
		_, err := tx.ExecContext(ctx, "UPDATE t SET x = 1")
		return err
	}, nil
}

// Never report methods of a connection: a closed *sql.Conn is not a
// transaction, and its behaviour was not measured.
func neverConnAfterClose(ctx context.Context, db *sql.DB) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	conn.Close()
	return conn.PingContext(ctx)
}

// Never report the rows' Close and Err after the commit: they do no work.
func neverRowsCloseAfterCommit(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, "SELECT id FROM t")
	if err != nil {
		return err
	}
	for rows.Next() {
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	rows.Close()
	return rows.Err()
}

// A path that ends before the use: the release returns, panics, or
// exits.
func neverReleaseThenPanic(ctx context.Context, tx *sql.Tx, fail bool) error {
	if fail {
		tx.Rollback()
		panic("failed")
	}
	if _, err := tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		tx.Rollback()
		log.Fatal(err)
	}
	return tx.Commit()
}

// A flag set with the release decides a later test: branches that
// exclude each other.
func neverExclusiveBranchesFlag(ctx context.Context, tx *sql.Tx, ids []int) error {
	failed := false
	for _, id := range ids {
		if _, err := tx.ExecContext(ctx, "DELETE FROM t WHERE id = $1", id); err != nil {
			tx.Rollback()
			failed = true
			break
		}
	}
	if !failed {
		return tx.Commit()
	}
	return nil
}
