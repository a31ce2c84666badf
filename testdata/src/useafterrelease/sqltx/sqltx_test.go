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
