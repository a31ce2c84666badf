package positive

import (
	"context"
	"database/sql"
	"sync"

	"github.com/jackc/pgx/v5"
	"golang.org/x/sync/errgroup"
)

// DBTX is sqlc's interface over a pool or a transaction.
type DBTX interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// Queries is sqlc's generated query set.
type Queries struct{ db DBTX }

func New(db DBTX) *Queries { return &Queries{db: db} }

func (q *Queries) WithTx(tx pgx.Tx) *Queries { return &Queries{db: tx} }

func (q *Queries) CountUsers(ctx context.Context) (n int64, err error) {
	err = q.db.QueryRow(ctx, "SELECT count(*) FROM users").Scan(&n)
	return n, err
}

func (q *Queries) CountOrders(ctx context.Context) (n int64, err error) {
	err = q.db.QueryRow(ctx, "SELECT count(*) FROM orders").Scan(&n)
	return n, err
}

// TwoLaunchesOverlapSqlcNew: sqlc's New(tx) carries the transaction.
func TwoLaunchesOverlapSqlcNew(ctx context.Context, tx pgx.Tx) (users, orders int64, err error) {
	q := New(tx)
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) { users, err = q.CountUsers(ctx); return err }) // want `^transaction tx is used at the same time by the goroutines launched at lines 38 and 39; `
	g.Go(func() (err error) { orders, err = q.CountOrders(ctx); return err })
	return users, orders, g.Wait()
}

// TwoLaunchesOverlapSqlcWithTx: q.WithTx(tx) carries the transaction; the
// launches run bound methods.
func TwoLaunchesOverlapSqlcWithTx(ctx context.Context, base *Queries, tx pgx.Tx) {
	qtx := base.WithTx(tx)
	go qtx.CountUsers(ctx) // want `^transaction tx is used at the same time by the goroutines launched at lines 47 and 48; `
	go qtx.CountOrders(ctx)
}

// Store holds a transaction.
type Store struct{ tx *sql.Tx }

func (s Store) Touch(ctx context.Context) { _, _ = s.tx.ExecContext(ctx, "UPDATE t SET n = n + 1") }

// ParentUsesWhenNothingWaitsStruct: a struct literal holding tx carries it.
func ParentUsesWhenNothingWaitsStruct(ctx context.Context, tx *sql.Tx) error {
	s := Store{tx: tx}
	go s.Touch(ctx) // want `^transaction tx is used at the same time by the goroutine launched at line 59 and by this function at line 60 before it waits for them; `
	return tx.Commit()
}

// TwoLaunchesOverlapStmt: tx.Stmt(s) binds a prepared statement to tx.
func TwoLaunchesOverlapStmt(ctx context.Context, tx *sql.Tx, ins *sql.Stmt) {
	st := tx.Stmt(ins)
	var wg sync.WaitGroup
	wg.Go(func() { _, _ = st.ExecContext(ctx, 1) }) // want `^transaction tx is used at the same time by the goroutines launched at lines 67 and 68; `
	wg.Go(func() { _, _ = st.ExecContext(ctx, 2) })
	wg.Wait()
}
