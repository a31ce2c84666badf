package bodiless

import (
	"context"
	"database/sql"
)

// Declared here, implemented in assembly (bodiless_amd64.s and the
// like): the analyzer has no body to read.
func spin(n int) int

func reportAssemblyAfterRelease(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		tx.Rollback() // want `tx.Rollback\(\) is redundant: the deferred tx.Rollback\(\) at line 17 already releases tx`
		spin(3)
		return err
	}
	return tx.Commit()
}
