// Package history records the SQL queries users run and pages through them.
//
// It is the Go form of the incident txvet was written for: each store below
// carries the same three mistakes, marked BUG, that txvet reports and fixes.
package history

import (
	"context"
	"errors"
	"time"
)

// Entry is one recorded query.
type Entry struct {
	ID        int64     `json:"id" db:"id"`
	Query     string    `json:"query" db:"query"`
	CreatedAt time.Time `json:"created_at" db:"created_at"`
}

// Page is one page of a user's history and the size of the whole history,
// both read from one snapshot so that they agree.
type Page struct {
	Entries []Entry `json:"entries"`
	Total   int64   `json:"total"`
}

// Store is implemented on database/sql (SQLStore) and on native pgx (PgxStore).
type Store interface {
	Record(ctx context.Context, user int64, query string) (id int64, err error)
	History(ctx context.Context, user int64, limit, offset int) (Page, error)
	Clear(ctx context.Context, user int64, before string) (deleted int64, err error)
	Forget(ctx context.Context, user, id int64) error
	Close()
}

// ErrNotFound is Forget's answer when the user has no such query.
var ErrNotFound = errors.New("no such query")

// Schema creates the table the stores use.
const Schema = `
CREATE TABLE IF NOT EXISTS query_history (
	id         bigserial PRIMARY KEY,
	user_id    bigint NOT NULL,
	query      text NOT NULL,
	created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS query_history_user_id ON query_history (user_id, id DESC)`

const (
	insertSQL = `INSERT INTO query_history (user_id, query) VALUES ($1, $2) RETURNING id`
	pageSQL   = `SELECT id, query, created_at FROM query_history
		WHERE user_id = $1 ORDER BY id DESC LIMIT $2 OFFSET $3`
	countSQL  = `SELECT count(*) FROM query_history WHERE user_id = $1`
	clearSQL  = `DELETE FROM query_history WHERE user_id = $1 AND created_at < $2::timestamptz`
	forgetSQL = `DELETE FROM query_history WHERE user_id = $1 AND id = $2`
)
