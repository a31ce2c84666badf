// Package app calls the factories and borrowers of package store.
package app

import (
	"context"
	"database/sql"

	"txleak/factory/store"
)

// A factory's result is an acquisition: the leak is here.
func register(ctx context.Context, s *store.Store, name string) error {
	tx, err := s.Begin(ctx) // want `tx is not released on the path that leaves at line 18; roll it back there, or defer tx.Rollback\(\) after Begin`
	if err != nil {
		return err
	}
	if err := store.Insert(ctx, tx, name); err != nil {
		return err
	}
	return tx.Commit()
}

func direct(ctx context.Context, db *sql.DB, s *store.Store) (int, error) {
	tx, err := store.BeginDirect(ctx, db) // want `tx is not released on the path that leaves at line 30; roll it back there, or defer tx.Rollback\(\) after BeginDirect`
	if err != nil {
		return 0, err
	}
	n, err := s.Count(ctx, tx)
	if err != nil {
		return 0, err
	}
	return n, tx.Commit()
}

// Released by a helper known to release its parameter: no finding.
func finished(ctx context.Context, s *store.Store, name string) error {
	tx, err := s.Begin(ctx)
	if err != nil {
		return err
	}
	return store.Finish(tx, store.Insert(ctx, tx, name))
}
