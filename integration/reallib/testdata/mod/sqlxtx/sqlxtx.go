// Package sqlxtx holds sqlx cases: *sqlx.Tx embeds *sql.Tx, so its release
// methods are promoted ones.
package sqlxtx

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"
	"golang.org/x/sync/errgroup"
)

type user struct {
	ID   int64  `db:"id"`
	Name string `db:"name"`
}

// --- doublerelease ---

func redundantRollback(ctx context.Context, db *sqlx.DB, u user) error {
	tx, err := db.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.NamedExecContext(ctx, "INSERT INTO users (id, name) VALUES (:id, :name)", u); err != nil {
		tx.Rollback() // want `^tx\.Rollback\(\) is redundant: the deferred tx\.Rollback\(\) at line \d+ already releases tx`
		return fmt.Errorf("insert user: %w", err)
	}
	return tx.Commit()
}

func doubleCommit(db *sqlx.DB) error {
	tx := db.MustBegin()
	defer tx.Commit()
	tx.MustExec("UPDATE users SET name = upper(name)")
	return tx.Commit() // want `^tx\.Commit\(\) and the deferred tx\.Commit\(\) at line \d+ both commit tx: the second commit fails with ErrTxDone and reports an error for committed work`
}

func canonical(ctx context.Context, db *sqlx.DB, u user) error {
	tx, err := db.Beginx()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.NamedExecContext(ctx, "UPDATE users SET name = :name WHERE id = :id", u); err != nil {
		return err
	}
	return tx.Commit()
}

func checkedRollback(ctx context.Context, db *sqlx.DB) error {
	tx, err := db.Beginx()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "DELETE FROM users"); err != nil {
		if rbErr := tx.Rollback(); rbErr != nil {
			return fmt.Errorf("%w (rollback: %v)", err, rbErr)
		}
		return err
	}
	return tx.Commit()
}

// --- sharedtx ---

func usersAndCount(ctx context.Context, tx *sqlx.Tx) ([]user, int, error) {
	var users []user
	var n int
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { // want `^transaction tx is used at the same time by the goroutines launched at lines \d+ and \d+`
		return tx.SelectContext(gctx, &users, "SELECT id, name FROM users LIMIT 10")
	})
	g.Go(func() error {
		return tx.GetContext(gctx, &n, "SELECT count(*) FROM users")
	})
	return users, n, g.Wait()
}

func poolPerGoroutine(ctx context.Context, db *sqlx.DB) ([]user, int, error) {
	var users []user
	var n int
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return db.SelectContext(gctx, &users, "SELECT id, name FROM users LIMIT 10") })
	g.Go(func() error { return db.GetContext(gctx, &n, "SELECT count(*) FROM users") })
	return users, n, g.Wait()
}
