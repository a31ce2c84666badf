package orders

import (
	"context"
	"database/sql"
	"testing"
)

// seed is a test helper: txvet analyses test files too.
func seed(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "INSERT INTO orders (id) VALUES (1)"); err != nil {
		tx.Rollback() // want-gcl `tx\.Rollback\(\) is redundant: the deferred tx\.Rollback\(\) at line 15 already releases tx`
		return err
	}
	return tx.Commit()
}

func TestSeed(t *testing.T) {
	t.Skip("needs a database; the sample is only linted")
	if err := seed(t.Context(), nil); err != nil {
		t.Fatal(err)
	}
}
