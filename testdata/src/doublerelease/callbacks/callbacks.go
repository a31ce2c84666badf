// Package callbacks holds the release-in-callback cases by helper and
// shape: what each reports follows what the helper then does, as measured
// on PostgreSQL (docs/behaviour.md).
package callbacks

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/uptrace/bun"
	"gorm.io/gorm"
)

var errNotFound = errors.New("not found")

// gorm: Transaction returns the callback's error; its own rollback's
// error is dropped. A clean-up, fixed by deleting the call.
func gormRollbackReturnError(db *gorm.DB) error {
	return db.Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(1).Error; err != nil {
			tx.Rollback() // want `^tx\.Rollback\(\) is redundant: db\.Transaction at line 23 rolls back tx when the callback returns an error$`
			return err
		}
		return nil
	})
}

// A checked Rollback followed by returning an error: not reported.
func gormCheckedRollback(db *gorm.DB) error {
	return db.Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(1).Error; err != nil {
			if rbErr := tx.Rollback().Error; rbErr != nil {
				return rbErr
			}
			return err
		}
		return nil
	})
}

// gorm nested: the inner callback's transaction is the outer one.
func gormNestedCommit(db *gorm.DB) error {
	return db.Transaction(func(tx *gorm.DB) error {
		return tx.Transaction(func(tx2 *gorm.DB) error {
			tx2.Create(1)
			return tx2.Commit().Error // want `^tx2\.Commit\(\) inside the callback of tx\.Transaction at line 48: it commits the whole outer transaction and Transaction returns sql\.ErrTxDone; return nil instead$`
		})
	})
}

// pgx: beginFuncExec returns the callback's error and its deferred
// Rollback drops ErrTxClosed.
func pgxRollbackReturnError(ctx context.Context, pool *pgxpool.Pool) error {
	return pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "DELETE FROM t"); err != nil {
			_ = tx.Rollback(ctx) // want `^tx\.Rollback\(ctx\) is redundant: pgx\.BeginFunc at line 58 rolls back tx when the callback returns an error$`
			return fmt.Errorf("delete: %w", err)
		}
		return nil
	})
}

// `return tx.Rollback(ctx)` returns nil when the rollback succeeds.
func pgxReturnRollback(ctx context.Context, pool *pgxpool.Pool) error {
	return pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		return tx.Rollback(ctx) // want `^tx\.Rollback\(ctx\) inside the callback of pgx\.BeginFunc at line 69: with nil returned after it, BeginFunc returns pgx\.ErrTxClosed for rolled-back work; return an error$`
	})
}

// pgx nested, on the callback's transaction (a savepoint).
func pgxNestedCommit(ctx context.Context, pool *pgxpool.Pool) error {
	return pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		return pgx.BeginFunc(ctx, tx, func(sp pgx.Tx) error {
			return sp.Commit(ctx) // want `^sp\.Commit\(ctx\) inside the callback of pgx\.BeginFunc at line 77: BeginFunc then returns pgx\.ErrTxClosed, which rolls back the outer transaction when returned; return nil instead$`
		})
	})
}

// A path whose return is not known: silent.
func pgxRollbackUnknownReturn(ctx context.Context, pool *pgxpool.Pool, check func() error) error {
	return pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		tx.Rollback(ctx)
		return check()
	})
}

// bun: RunInTx returns the callback's error.
func bunRollbackReturnError(ctx context.Context, db *bun.DB) error {
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM t"); err != nil {
			tx.Rollback() // want `^tx\.Rollback\(\) is redundant: db\.RunInTx at line 93 rolls back tx when the callback returns an error$`
			return err
		}
		return nil
	})
}

// bun nested: ROLLBACK TO SAVEPOINT keeps the savepoint, and RunInTx
// then returns nil: not a bug.
func bunNestedRollbackReturnNil(ctx context.Context, outer bun.Tx) error {
	return outer.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		tx.Rollback()
		return nil
	})
}

// bun nested Commit: RELEASE SAVEPOINT twice.
func bunNestedCommit(ctx context.Context, outer bun.Tx) error {
	return outer.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		return tx.Commit() // want `^tx\.Commit\(\) inside the callback of outer\.RunInTx at line 113: RunInTx's own RELEASE SAVEPOINT then fails and aborts the outer transaction; return nil instead$`
	})
}

// withTx drops the error of its own rollback.
func withTx(ctx context.Context, db *sql.DB, fn func(*sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// withTxJoined adds the error of its own rollback to the callback's.
func withTxJoined(ctx context.Context, db *sql.DB, fn func(*sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		return errors.Join(err, tx.Rollback())
	}
	return tx.Commit()
}

func projectRollbackReturnError(ctx context.Context, db *sql.DB) error {
	return withTx(ctx, db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM t"); err != nil {
			tx.Rollback() // want `^tx\.Rollback\(\) is redundant: withTx at line 144 rolls back tx when the callback returns an error$`
			return err
		}
		return nil
	})
}

func projectJoinedRollbackReturnError(ctx context.Context, db *sql.DB) error {
	return withTxJoined(ctx, db, func(tx *sql.Tx) error {
		tx.Rollback() // want `^tx\.Rollback\(\) inside the callback of withTxJoined at line 154: withTxJoined rolls back again and adds sql\.ErrTxDone to its error; return the error and let it roll back$`
		return fmt.Errorf("not found")
	})
}

func projectJoinedRollbackReturnNil(ctx context.Context, db *sql.DB) error {
	return withTxJoined(ctx, db, func(tx *sql.Tx) error {
		tx.Rollback() // want `^tx\.Rollback\(\) inside the callback of withTxJoined at line 161: with nil returned after it, withTxJoined returns sql\.ErrTxDone for rolled-back work; return an error$`
		return nil
	})
}

// A sentinel of this package is a non-nil error.
func gormRollbackReturnSentinel(db *gorm.DB) error {
	return db.Transaction(func(tx *gorm.DB) error {
		tx.Rollback() // want `^tx\.Rollback\(\) is redundant: db\.Transaction at line 169 rolls back tx when the callback returns an error$`
		return errNotFound
	})
}

// errMaybe is assigned elsewhere: not known to be non-nil.
var errMaybe = errors.New("maybe")

func resetErrMaybe() { errMaybe = nil }

func gormRollbackReturnAssignedVar(db *gorm.DB) error {
	return db.Transaction(func(tx *gorm.DB) error {
		tx.Rollback()
		return errMaybe
	})
}
