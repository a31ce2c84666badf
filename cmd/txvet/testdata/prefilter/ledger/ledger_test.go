package ledger_test

import (
	"database/sql"
	"testing"

	"example.com/prefilter/ledger"
)

func TestBalance(t *testing.T) {
	var db *sql.DB
	if db == nil {
		t.Skip("no database")
	}
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if ledger.Balance([]int{1, -1}) != 0 {
		tx.Rollback()
		t.Fatal("unbalanced")
	}
}
