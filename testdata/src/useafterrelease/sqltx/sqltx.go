// Package sqltx holds the useafterrelease cases for database/sql: one
// function per rule, named after it.
package sqltx

import (
	"context"
	"database/sql"
	"fmt"
	"log"
)

// Report: the fall-through error branch. The rollback logs and goes on
// into more work on the same transaction.

func reportFallThroughErrorBranch(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		tx.Rollback() // @R1
		log.Printf("update: %v", err)
	}
	if _, err := tx.ExecContext(ctx, "UPDATE t SET y = 1"); err != nil { // want `^tx.ExecContext after tx.Rollback\(\) at line 21 fails with sql.ErrTxDone: return after the rollback, or run it in a new transaction$`
		return err
	}
	return tx.Commit() // reached only through the reported use: one diagnostic per path
}

// Report: work after a commit.
func reportWorkAfterCommit(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil { // @R2
		return err
	}
	var n int
	return tx.QueryRowContext(ctx, "SELECT count(*) FROM t").Scan(&n) // want `^tx.QueryRowContext\(...\).Scan after tx.Commit\(\) at line 40 fails with sql.ErrTxDone: run it before the commit, or in a new transaction$`
}

// Report: a second commit.
func reportSecondCommit(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil { // @R3
		return fmt.Errorf("commit: %w", err)
	}
	log.Print("committed")
	return tx.Commit() // want `^tx.Commit after tx.Commit\(\) at line 57 fails with sql.ErrTxDone: commit once$`
}

// Report: a checked rollback after the commit observes ErrTxDone.
func reportCheckedRollbackAfterCommit(db *sql.DB) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	if err := tx.Commit(); err != nil { // @R4
		return tx.Rollback() // want `^tx.Rollback after tx.Commit\(\) at line 70 fails with sql.ErrTxDone: drop the rollback$`
	}
	return nil
}

// Report: the next iteration of a loop whose every completed iteration
// commits works on a committed transaction.
func reportNextIterationAfterCommit(ctx context.Context, db *sql.DB, ids []int) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if _, err := tx.ExecContext(ctx, "DELETE FROM t WHERE id = $1", id); err != nil { // want `^tx.ExecContext after tx.Commit\(\) at line 87 fails with sql.ErrTxDone: run it before the commit, or in a new transaction$`
			return err
		}
		if err := tx.Commit(); err != nil { // @R5
			return err
		}
	}
	return nil
}

// Report: a statement prepared on the transaction, used after the commit.
func reportPreparedStmtAfterCommit(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, "INSERT INTO t VALUES ($1)")
	if err != nil {
		return err
	}
	if _, err := stmt.ExecContext(ctx, 1); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil { // @R6
		return err
	}
	_, err = stmt.ExecContext(ctx, 2) // want `^stmt.ExecContext after tx.Commit\(\) at line 108 fails with "sql: statement is closed": the commit closed the statements of tx; run it before the commit$`
	return err
}

// Report: a statement from tx.Stmt, used after the commit.
func reportTxStmtAfterCommit(ctx context.Context, db *sql.DB, insert *sql.Stmt) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	stmt := tx.StmtContext(ctx, insert)
	if err := tx.Commit(); err != nil { // @R7
		return err
	}
	_, err = stmt.Exec(2) // want `^stmt.Exec after tx.Commit\(\) at line 122 fails with "sql: statement is closed": the commit closed the statements of tx; run it before the commit$`
	return err
}

// Report: rows of the transaction read after the commit.
func reportRowsAfterCommit(ctx context.Context, db *sql.DB) ([]int, error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, "SELECT id FROM t")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	if err := tx.Commit(); err != nil { // @R8
		return nil, err
	}
	var ids []int
	for rows.Next() { // want `^rows.Next after tx.Commit\(\) at line 141: the commit closed the rows of tx \(Next is false, Err is context.Canceled\); read them before the commit$`
		var id int
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// Report: a parameter released on one branch, then committed.
func reportParamRolledBackThenCommitted(tx *sql.Tx, err error) error {
	if err != nil {
		tx.Rollback() // @R9
	}
	return tx.Commit() // want `^tx.Commit after tx.Rollback\(\) at line 158 fails with sql.ErrTxDone: return after the rollback$`
}

// Report: inside a function literal, which is checked on its own.
var reportInFuncLit = func(ctx context.Context, tx *sql.Tx) error {
	if err := tx.Commit(); err != nil { // @R10
		return err
	}
	_, err := tx.ExecContext(ctx, "UPDATE t SET x = 1") // want `^tx.ExecContext after tx.Commit\(\) at line 165 fails with sql.ErrTxDone: `
	return err
}

// Report: a rollback that breaks out of a batch loop, then the commit
// after the loop (listmonk's importer).
func reportBreakThenCommitAfterLoop(ctx context.Context, tx *sql.Tx, ids []int) error {
	n := 0
	for _, id := range ids {
		if _, err := tx.ExecContext(ctx, "DELETE FROM t WHERE id = $1", id); err != nil {
			tx.Rollback() // @R13
			break
		}
		n++
	}
	if n == 0 {
		return nil
	}
	return tx.Commit() // want `^tx.Commit after tx.Rollback\(\) at line 178 fails with sql.ErrTxDone: return after the rollback$`
}
