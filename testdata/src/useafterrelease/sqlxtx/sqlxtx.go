// Package sqlxtx holds the useafterrelease cases for sqlx.
package sqlxtx

import (
	"context"
	"log"

	"github.com/jmoiron/sqlx"
)

func reportGetAfterCommit(ctx context.Context, db *sqlx.DB) (int, error) {
	tx, err := db.BeginTxx(ctx, nil)
	if err != nil {
		return 0, err
	}
	tx.MustExec("UPDATE t SET x = 1")
	if err := tx.Commit(); err != nil { // @R1
		return 0, err
	}
	var n int
	err = tx.GetContext(ctx, &n, "SELECT count(*) FROM t") // want `^tx.GetContext after tx.Commit\(\) at line 17 fails with sql.ErrTxDone: run it before the commit, or in a new transaction$`
	return n, err
}

func reportFallThroughErrorBranch(db *sqlx.DB) error {
	tx, err := db.Beginx()
	if err != nil {
		return err
	}
	var ids []int
	if err := tx.Select(&ids, "SELECT id FROM t"); err != nil {
		tx.Rollback() // @R2
		log.Print(err)
	}
	tx.MustExec("DELETE FROM t") // want `^tx.MustExec after tx.Rollback\(\) at line 32 fails with sql.ErrTxDone: `
	return tx.Commit()
}

func neverDeferredRollbackAfterCommit(ctx context.Context, db *sqlx.DB) error {
	tx, err := db.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	tx.MustExec("UPDATE t SET x = 1")
	return tx.Commit()
}

// Methods that do no database work (here a field of the embedded
// *sql.Tx's wrapper) are not uses.
func neverNoWork(ctx context.Context, tx *sqlx.Tx) error {
	if err := tx.Commit(); err != nil {
		return err
	}
	log.Print(tx.Tx != nil)
	return nil
}
