package store

import (
	"context"
	"database/sql"
	"testing"
)

// seed is a test helper with the same double release: test files are
// analyzed too.
func seed(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "INSERT INTO account DEFAULT VALUES"); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

func TestSeed(t *testing.T) {
	if db := (*sql.DB)(nil); db != nil {
		_ = seed(context.Background(), db)
	}
}
