package sqltx

import (
	"database/sql"
	"testing"

	"github.com/stretchr/testify/require"
)

// Test files are analysed.

func TestReportRedundantReleaseInTest(t *testing.T) {
	var db *sql.DB
	tx, err := db.Begin()
	require.NoError(t, err)
	defer tx.Rollback() // @t1
	if _, err := tx.Exec("UPDATE t SET x = 1"); err != nil {
		tx.Rollback() // want `tx.Rollback\(\) is redundant: the deferred tx.Rollback\(\) at line 16 already releases tx`
		t.Errorf("exec: %v", err)
		return
	}
}

func TestNeverCheckedRollbackRequire(t *testing.T) {
	var db *sql.DB
	tx, err := db.Begin()
	require.NoError(t, err)
	defer tx.Rollback()
	_, err = tx.Exec("UPDATE t SET x = 1")
	require.NoError(t, err)
	require.NoError(t, tx.Rollback())
}

func TestReportRedundantReleaseBeforeFatal(t *testing.T) {
	var db *sql.DB
	tx, err := db.Begin()
	require.NoError(t, err)
	defer tx.Rollback()
	if _, err := tx.Exec("UPDATE t SET x = 1"); err != nil {
		tx.Rollback() // want `tx.Rollback\(\) is redundant: the deferred tx.Rollback\(\) at line 38 already releases tx`
		t.Fatalf("exec: %v", err) // ends the test through runtime.Goexit: the deferred rollback runs
	}
	if _, err := tx.Exec("UPDATE t SET y = 2"); err != nil {
		t.Fatal(err)
	}
}
