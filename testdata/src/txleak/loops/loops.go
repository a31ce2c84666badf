// Package loops holds leaks inside loops: each iteration acquires anew,
// so a continue that holds the transaction leaks it, and the fix is the
// release before the continue, never a defer in the loop body.
package loops

import (
	"context"
	"database/sql"
)

type item struct {
	ID   int
	Skip bool
}

// A leak through continue.
func each(ctx context.Context, db *sql.DB, items []item) error {
	for _, it := range items {
		tx, err := db.BeginTx(ctx, nil) // want `tx is not released on the path that leaves at line 24; roll it back there \(a defer in the loop would wait for the function to return\)`
		if err != nil {
			return err
		}
		if it.Skip {
			continue
		}
		if _, err := tx.ExecContext(ctx, "UPDATE t SET n = n + 1 WHERE id = $1", it.ID); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

// A three-clause loop: continue goes to the post statement; the return
// inside the loop leaks too.
func batches(db *sql.DB, n int) error {
	for i := 0; i < n; i++ {
		tx, err := db.Begin() // want `tx is not released on the paths that leave at lines 46 and 49; roll it back there \(a defer in the loop would wait for the function to return\)`
		if err != nil {
			continue
		}
		if i%2 == 0 {
			continue
		}
		if _, err := tx.Exec("DELETE FROM t WHERE batch = $1", i); err != nil {
			return err
		}
		tx.Commit()
	}
	return nil
}
