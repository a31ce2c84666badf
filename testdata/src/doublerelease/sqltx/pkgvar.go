package sqltx

import (
	"context"
	"database/sql"
)

// A function literal that initializes a package variable is checked like
// a function declaration.
var reportRedundantReleaseInPackageVar = func(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		tx.Rollback() // want `tx.Rollback\(\) is redundant: the deferred tx.Rollback\(\) at line 15 already releases tx`
		return err
	}
	return tx.Commit()
}
