// Package store releases a transaction twice.
package store

import (
	"context"
	"database/sql"
)

// Transfer rolls back explicitly under a deferred rollback: the seed's
// double close.
func Transfer(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE account SET n = n - 1"); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// Audit does the same, with the finding silenced.
func Audit(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "INSERT INTO audit DEFAULT VALUES"); err != nil {
		//txvet:ignore kept on purpose for the suppression test
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// Canonical is the idiom txvet leaves alone.
func Canonical(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "DELETE FROM session"); err != nil {
		return err
	}
	return tx.Commit()
}
