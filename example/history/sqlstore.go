package history

import (
	"context"
	"database/sql"
	"fmt"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
	"golang.org/x/sync/errgroup"
)

// SQLStore keeps the history through database/sql and the pgx stdlib driver.
type SQLStore struct{ db *sql.DB }

// OpenSQL connects to dsn and creates the schema. maxConns bounds the
// pool (0: no bound).
func OpenSQL(ctx context.Context, dsn string, maxConns int) (*SQLStore, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(maxConns)
	if _, err := db.ExecContext(ctx, Schema); err != nil {
		db.Close()
		return nil, err
	}
	return &SQLStore{db: db}, nil
}

// Close closes the pool.
func (s *SQLStore) Close() { s.db.Close() }

// WithTx runs fn in a transaction: it commits when fn returns nil and rolls
// back otherwise.
func WithTx(ctx context.Context, db *sql.DB, fn func(tx *sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// Record stores one query.
func (s *SQLStore) Record(ctx context.Context, user int64, query string) (id int64, err error) {
	err = WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, insertSQL, user, query).Scan(&id); err != nil {
			return err
		}
		// BUG: WithTx commits; its own Commit then fails with sql.ErrTxDone,
		// so the caller is told the insert failed although it was committed.
		return tx.Commit()
	})
	return id, err
}

// History returns one page of a user's history and its total size.
func (s *SQLStore) History(ctx context.Context, user int64, limit, offset int) (Page, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return Page{}, err
	}
	defer tx.Rollback()

	// BUG: both queries run at once on the transaction's single connection
	// (the incident's asyncio.gather): "conn busy", or a panic in the driver.
	var page Page
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		rows, err := tx.QueryContext(gctx, pageSQL, user, limit, offset)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var e Entry
			if err := rows.Scan(&e.ID, &e.Query, &e.CreatedAt); err != nil {
				return err
			}
			page.Entries = append(page.Entries, e)
		}
		return rows.Err()
	})
	g.Go(func() error {
		return tx.QueryRowContext(gctx, countSQL, user).Scan(&page.Total)
	})
	if err := g.Wait(); err != nil {
		return Page{}, err
	}
	return page, tx.Commit()
}

// Clear deletes a user's queries recorded before the given time.
func (s *SQLStore) Clear(ctx context.Context, user int64, before string) (int64, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()

	res, err := tx.ExecContext(ctx, clearSQL, user, before)
	if err != nil {
		tx.Rollback() // BUG (clean-up): the deferred Rollback already releases tx
		return 0, fmt.Errorf("clear history: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, err
	}
	return n, tx.Commit()
}

// Forget deletes one of a user's queries. The deletion is detached from the
// request's cancellation: a client that goes away does not undo it.
func (s *SQLStore) Forget(ctx context.Context, user, id int64) error {
	tx, err := s.db.BeginTx(context.WithoutCancel(ctx), nil)
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, forgetSQL, user, id)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		// BUG: returns without a rollback: the transaction keeps its
		// connection, and a few unknown ids exhaust the pool.
		return ErrNotFound
	}
	return tx.Commit()
}
