// Package orders is a sample for the golangci-lint route: each finding
// carries a want-gcl comment on the line golangci-lint reports it at.
package orders

import (
	"context"
	"database/sql"
	"sync"

	"txvet.test/sample/txutil"
)

const (
	markPaidSQL = "UPDATE orders SET paid = true WHERE id = $1"
	cancelSQL   = "UPDATE orders SET cancelled = true WHERE id = $1"
)

// MarkPaid releases tx explicitly under its deferred rollback.
func MarkPaid(ctx context.Context, db *sql.DB, id int64) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, markPaidSQL, id); err != nil {
		tx.Rollback() // want-gcl `tx\.Rollback\(\) is redundant: the deferred tx\.Rollback\(\) at line 24 already releases tx`
		return err
	}
	return tx.Commit()
}

// MarkShipped is MarkPaid with the finding silenced by golangci-lint.
func MarkShipped(ctx context.Context, db *sql.DB, id int64) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, markPaidSQL, id); err != nil {
		tx.Rollback() //nolint:txvet // sample: silenced by golangci-lint
		return err
	}
	return tx.Commit()
}

// MarkRefunded is MarkPaid with the finding silenced by txvet itself.
func MarkRefunded(ctx context.Context, db *sql.DB, id int64) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, markPaidSQL, id); err != nil {
		//txvet:ignore sample: silenced by txvet
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// Cancel commits inside a helper that commits itself.
func Cancel(ctx context.Context, db *sql.DB, id int64) error {
	return txutil.WithTx(ctx, db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, cancelSQL, id); err != nil {
			return err
		}
		return tx.Commit() // want-gcl `tx\.Commit\(\) inside the callback of txutil\.WithTx at line 63: WithTx commits again and returns sql\.ErrTxDone for committed work; return nil instead`
	})
}

// History runs two queries on one transaction at once.
func History(ctx context.Context, tx *sql.Tx, customer int64) (names []string, total int, err error) {
	var listErr, countErr error
	var wg sync.WaitGroup
	wg.Go(func() { names, listErr = list(ctx, tx, customer) }) // want-gcl `transaction tx is used at the same time by the goroutines launched at lines 75 and 76`
	wg.Go(func() { total, countErr = count(ctx, tx, customer) })
	wg.Wait()
	if listErr != nil {
		return nil, 0, listErr
	}
	return names, total, countErr
}

func list(ctx context.Context, tx *sql.Tx, customer int64) ([]string, error) {
	rows, err := tx.QueryContext(ctx, "SELECT name FROM orders WHERE customer = $1", customer)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		names = append(names, name)
	}
	return names, rows.Err()
}

func count(ctx context.Context, tx *sql.Tx, customer int64) (int, error) {
	var n int
	err := tx.QueryRowContext(ctx, "SELECT count(*) FROM orders WHERE customer = $1", customer).Scan(&n)
	return n, err
}
