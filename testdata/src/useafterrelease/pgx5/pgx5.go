// Package pgx5 holds the useafterrelease cases for pgx v5.
package pgx5

import (
	"context"
	"log"

	"github.com/jackc/pgx/v5"
)

type beginner interface {
	Begin(ctx context.Context) (pgx.Tx, error)
}

func reportFallThroughErrorBranch(ctx context.Context, db beginner) error {
	tx, err := db.Begin(ctx)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, "UPDATE t SET x = 1"); err != nil {
		tx.Rollback(ctx) // @R1
		log.Printf("update: %v", err)
	}
	_, err = tx.Exec(ctx, "UPDATE t SET y = 1") // want `^tx.Exec after tx.Rollback\(ctx\) at line 21 fails with pgx.ErrTxClosed: return after the rollback, or run it in a new transaction$`
	return err
}

func reportSecondCommit(ctx context.Context, tx pgx.Tx) error {
	if err := tx.Commit(ctx); err != nil { // @R2
		log.Print(err)
	}
	return tx.Commit(ctx) // want `^tx.Commit after tx.Commit\(ctx\) at line 29 fails with pgx.ErrTxClosed: commit once$`
}

// Rows unread at the commit make the commit fail.
func reportRowsAfterCommit(ctx context.Context, tx pgx.Tx) (int, error) {
	rows, err := tx.Query(ctx, "SELECT id FROM t")
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	if err := tx.Commit(ctx); err != nil { // @R3
		return 0, err
	}
	n := 0
	for rows.Next() { // want `^rows.Next after tx.Commit\(ctx\) at line 42: the commit fails with conn busy while the rows of tx are unread; read and close them before the commit$`
		n++
	}
	return n, rows.Err()
}

func neverDeferredRollbackAfterCommit(ctx context.Context, db beginner) error {
	tx, err := db.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, "UPDATE t SET x = 1"); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

func neverDiscardedRollbackAfterFailedCommit(ctx context.Context, tx pgx.Tx) error {
	if err := tx.Commit(ctx); err != nil {
		_ = tx.Rollback(ctx)
		return err
	}
	return nil
}

// The connection under the transaction is another handle.
func neverUseOnAnotherHandleConn(ctx context.Context, tx pgx.Tx) error {
	if err := tx.Commit(ctx); err != nil {
		return err
	}
	_, err := tx.Conn().Exec(ctx, "SELECT 1")
	return err
}

// neverFreshTransactionPerRangeIteration: the range statement gives tx a
// new transaction in each iteration; the commit of one does not finish
// the next.
func neverFreshTransactionPerRangeIteration(ctx context.Context, txs []pgx.Tx) {
	for _, tx := range txs {
		tx.Exec(ctx, "DELETE FROM a")
		_ = tx.Commit(ctx)
	}
}

// reportSameTransactionEachIteration: without the range rebinding it,
// the second iteration works on the transaction the first committed.
func reportSameTransactionEachIteration(ctx context.Context, tx pgx.Tx, ids []int) {
	for _, id := range ids {
		tx.Exec(ctx, "DELETE FROM a WHERE id = $1", id) // want `tx.Exec after tx.Commit\(ctx\) at line \d+`
		_ = tx.Commit(ctx)
	}
}
