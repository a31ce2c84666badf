package history

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"golang.org/x/sync/errgroup"
)

// PgxStore keeps the history through native pgx v5 and its pool.
type PgxStore struct{ pool *pgxpool.Pool }

// OpenPgx connects to dsn and creates the schema. maxConns bounds the
// pool (0: pgxpool's default).
func OpenPgx(ctx context.Context, dsn string, maxConns int) (*PgxStore, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, err
	}
	if maxConns > 0 {
		cfg.MaxConns = int32(maxConns)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if _, err := pool.Exec(ctx, Schema); err != nil {
		pool.Close()
		return nil, err
	}
	return &PgxStore{pool: pool}, nil
}

// Close closes the pool.
func (s *PgxStore) Close() { s.pool.Close() }

// Record stores one query.
func (s *PgxStore) Record(ctx context.Context, user int64, query string) (id int64, err error) {
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, insertSQL, user, query).Scan(&id); err != nil {
			return err
		}
		// BUG: BeginFunc commits; its own Commit then fails with
		// "tx is closed" for an insert that was committed.
		return tx.Commit(ctx)
	})
	return id, err
}

// History returns one page of a user's history and its total size.
func (s *PgxStore) History(ctx context.Context, user int64, limit, offset int) (Page, error) {
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return Page{}, err
	}
	defer tx.Rollback(ctx)

	// BUG: both queries run at once on the transaction's single connection,
	// which pgx does not allow: "conn busy", or a crash.
	var page Page
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		rows, err := tx.Query(gctx, pageSQL, user, limit, offset)
		if err != nil {
			return err
		}
		page.Entries, err = pgx.CollectRows(rows, pgx.RowToStructByName[Entry])
		return err
	})
	g.Go(func() error {
		return tx.QueryRow(gctx, countSQL, user).Scan(&page.Total)
	})
	if err := g.Wait(); err != nil {
		return Page{}, err
	}
	return page, tx.Commit(ctx)
}

// Clear deletes a user's queries recorded before the given time.
func (s *PgxStore) Clear(ctx context.Context, user int64, before string) (int64, error) {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback(ctx)

	tag, err := tx.Exec(ctx, clearSQL, user, before)
	if err != nil {
		tx.Rollback(ctx) // BUG (clean-up): the deferred Rollback already releases tx
		return 0, fmt.Errorf("clear history: %w", err)
	}
	return tag.RowsAffected(), tx.Commit(ctx)
}

// Forget deletes one of a user's queries.
func (s *PgxStore) Forget(ctx context.Context, user, id int64) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return err
	}
	tag, err := tx.Exec(ctx, forgetSQL, user, id)
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
		// BUG: returns without a rollback: the connection never goes back
		// to the pool, and a few unknown ids exhaust it.
		return ErrNotFound
	}
	return tx.Commit(ctx)
}
