package sqltx

import (
	"context"
	"database/sql"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
)

// Never report work whose failure the function checks on purpose: a test
// of what a finished transaction returns.
func TestNeverCheckedFailure(t *testing.T) {
	var tx *sql.Tx
	ctx := context.Background()
	require.NoError(t, tx.Commit())
	require.ErrorIs(t, tx.Rollback(), sql.ErrTxDone)
	_, err := tx.ExecContext(ctx, "SELECT 1")
	require.Error(t, err)
}

func neverComparedWithErrTxDone(tx *sql.Tx) error {
	if err := tx.Commit(); err != nil {
		return err
	}
	if err := tx.Rollback(); err != nil && !errors.Is(err, sql.ErrTxDone) {
		return err
	}
	return nil
}

// A test that does not check the failure is reported.
func TestReportUnchecked(t *testing.T) {
	var tx *sql.Tx
	require.NoError(t, tx.Commit()) // @R12
	_, err := tx.Exec("SELECT 1")   // want `^tx.Exec after tx.Commit\(\) at line 36 fails with sql.ErrTxDone: `
	require.NoError(t, err)
}

// Never report a test that compares the error with ErrTxDone, or fails
// when the work after the release succeeds (database/sql's own tests).
func TestNeverComparedOrExpected(t *testing.T) {
	var tx *sql.Tx
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != sql.ErrTxDone {
		t.Errorf("Commit after Rollback: %v", err)
	}
	_, err := tx.Exec("SELECT 1")
	if err == nil {
		t.Fatal("Exec after Rollback succeeded")
	}
}

// The same work in a test that checks nothing about it is reported.
func TestReportUncheckedAfterRollback(t *testing.T) {
	var tx *sql.Tx
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec("SELECT 1"); err != nil { // want `tx.Exec after tx.Rollback\(\) at line \d+`
		t.Log(err)
	}
}
