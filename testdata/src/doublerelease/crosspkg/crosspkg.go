// Package crosspkg uses the helpers of package helpers: scopes 3 and 4
// known through facts from another package.
package crosspkg

import (
	"context"
	"database/sql"
	"errors"

	"doublerelease/helpers"
)

var errConflict = errors.New("conflict")

func reportRedundantReleaseFinish(ctx context.Context, db *sql.DB) (err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer helpers.Finish(tx, &err) // @a
	if _, err = tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		tx.Rollback() // want `tx.Rollback\(\) is redundant: the deferred helpers.Finish\(tx, &err\) at line 20 already releases tx`
		return err
	}
	return nil
}

func reportDoubleCommitFinish(ctx context.Context, db *sql.DB) (err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer helpers.Finish(tx, &err) // @b
	_, err = tx.ExecContext(ctx, "UPDATE t SET x = 1")
	if err != nil {
		return err
	}
	return tx.Commit() // want `tx.Commit\(\) and the deferred helpers.Finish\(tx, &err\) at line 33 both commit tx`
}

func reportRedundantReleaseRollbackHelper(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer helpers.Rollback(tx) // @c
	if _, err := tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		tx.Rollback() // want `tx.Rollback\(\) is redundant: the deferred helpers.Rollback\(tx\) at line 46 already releases tx`
		return errConflict
	}
	return tx.Commit()
}

// A local helper: facts of the package itself.
func finishLocal(tx *sql.Tx) { tx.Rollback() }

func reportRedundantReleaseLocalHelper(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer finishLocal(tx) // @d
	if _, err := tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		tx.Rollback() // want `tx.Rollback\(\) is redundant: the deferred finishLocal\(tx\) at line 62 already releases tx`
		return err
	}
	return tx.Commit()
}

func reportReleaseInCallbackWithTx(ctx context.Context, db *sql.DB) error {
	return helpers.WithTx(ctx, db, func(tx *sql.Tx) error { // @e
		if _, err := tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
			return err
		}
		return tx.Commit() // want `^tx\.Commit\(\) inside the callback of helpers\.WithTx at line 71: WithTx commits again and returns sql\.ErrTxDone for committed work; return nil instead$`
	})
}

func reportReleaseInCallbackMethod(ctx context.Context, s *helpers.Store) error {
	return s.InTx(ctx, func(ctx context.Context, tx *sql.Tx) error { // @f
		tx.Rollback() // want `^tx\.Rollback\(\) inside the callback of s\.InTx at line 80: with nil returned after it, InTx returns sql\.ErrTxDone for rolled-back work; return an error$`
		return nil
	})
}

func reportReleaseInCallbackGeneric(ctx context.Context, db *sql.DB) (int, error) {
	return helpers.Query(ctx, db, func(tx *sql.Tx) (int, error) { // @g
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT 1").Scan(&n); err != nil {
			return 0, err
		}
		return n, tx.Commit() // want `^tx\.Commit\(\) inside the callback of helpers\.Query at line 87: Query commits again and returns sql\.ErrTxDone for committed work; return nil instead$`
	})
}

func reportReleaseInCallbackGenericExplicit(ctx context.Context, db *sql.DB) (string, error) {
	return helpers.Query[string](ctx, db, func(tx *sql.Tx) (string, error) { // @h
		tx.Rollback() // want `tx.Rollback\(\) inside the callback of helpers.Query\[string\] at line 97`
		return "", nil
	})
}

// Without a fact, no scope.
func neverHelperWithoutFact(ctx context.Context, db *sql.DB) (err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer helpers.RollbackOnError(tx, &err)
	if _, err = tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// A helper that checks its rollback's error behaves differently after an
// explicit rollback: not a scope for redundant releases.
func neverHelperChecksRollback(ctx context.Context, db *sql.DB) (err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer helpers.RollbackChecked(tx, &err)
	if _, err := tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

func neverCallbackOfNonHelper(tx *sql.Tx) error {
	return helpers.Passes(tx, func(tx *sql.Tx) error {
		return tx.Commit()
	})
}

// A helper that commits decides on the error it is given; a rollback
// followed by a nil return is not redundant (the helper would commit).
func neverFinishNilReturn(ctx context.Context, db *sql.DB) (err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer helpers.Finish(tx, &err)
	var n int
	if err = tx.QueryRowContext(ctx, "SELECT 1").Scan(&n); err != nil || n == 0 {
		tx.Rollback()
		return nil
	}
	return nil
}

// A release through a helper known to roll back its parameter, under the
// same helper deferred: redundant like tx.Rollback().
func reportRedundantHelperRelease(ctx context.Context, db *sql.DB, logf func(string, ...any)) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer helpers.RollbackLogged(tx, logf)
	if _, err := tx.ExecContext(ctx, "DELETE FROM t"); err != nil {
		helpers.RollbackLogged(tx, logf) // want `^helpers\.RollbackLogged\(tx, logf\) is redundant: the deferred helpers\.RollbackLogged\(tx, logf\) at line 161 already releases tx$`
		return err
	}
	return tx.Commit()
}

// A helper release followed by more work on the pool: a deliberate early
// release.
func neverHelperReleaseBeforeMoreWork(ctx context.Context, db *sql.DB, logf func(string, ...any)) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer helpers.Rollback(tx)
	if _, err := tx.ExecContext(ctx, "DELETE FROM t"); err != nil {
		helpers.Rollback(tx)
		_, err = db.ExecContext(ctx, "INSERT INTO failures VALUES (1)")
		return err
	}
	return tx.Commit()
}

// A helper that checks its rollback is no scope for a redundant release.
func neverHelperReleaseChecked(ctx context.Context, db *sql.DB) (err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer helpers.RollbackChecked(tx, &err)
	if _, err = tx.ExecContext(ctx, "DELETE FROM t"); err != nil {
		helpers.Rollback(tx)
		return err
	}
	return tx.Commit()
}
