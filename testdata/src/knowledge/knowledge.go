package knowledge

import (
	"context"
	"database/sql"
	"sync"

	pgx4 "github.com/jackc/pgx/v4"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jmoiron/sqlx"
	"github.com/sourcegraph/conc/pool"
	"github.com/uptrace/bun"
	"golang.org/x/sync/errgroup"
	"gorm.io/gorm"
)

// EntTx stands for ent's generated transaction type.
type EntTx struct{}

func (*EntTx) Commit() error   { return nil } // want "resource generated transaction"
func (*EntTx) Rollback() error { return nil } // want "resource generated transaction"

// notTx has Commit but no Rollback.
type notTx struct{}

func (notTx) Commit() error { return nil }

func resources(
	a *sql.Tx, // want "resource database/sql transaction"
	b *sql.Conn, // want "resource database/sql connection"
	c *sqlx.Tx, // want "resource sqlx transaction"
	d pgx.Tx, // want "resource pgx transaction"
	e *pgxpool.Conn, // want "resource pgx connection"
	f bun.Tx, // want "resource bun transaction"
	g *EntTx, // want "resource generated transaction"
	h notTx,
	i *sql.DB, // want "pool"
	j *pgxpool.Pool, // want "pool"
	k *gorm.DB, // want "gorm"
	l pgx4.Tx, // want "resource pgx transaction"
) {
}

func calls(ctx context.Context, db *sql.DB, x *sqlx.DB, p *pgxpool.Pool, g *gorm.DB, b *bun.DB, c *pgx4.Conn) { // want "pool" "pool" "pool" "gorm" "pool" "resource pgx connection"
	tx, _ := db.Begin()                                                            // want "begin"
	tx.Commit()                                                                    // want "release Commit"
	tx.Rollback()                                                                  // want "release Rollback"
	xt := x.MustBegin()                                                            // want "begin"
	xt.Rollback()                                                                  // want "release Rollback"
	pc, _ := p.Acquire(ctx)                                                        // want "begin"
	pc.Release()                                                                   // want "release Release"
	g.Begin().Rollback()                                                           // want "begin" "release Rollback"
	g.Transaction(func(tx *gorm.DB) error { return nil })                          // want "scope 0 0" "gorm"
	b.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error { return nil }) // want "scope 2 1" "resource bun transaction"
	pgx.BeginFunc(ctx, p, func(tx pgx.Tx) error { return nil })                    // want "scope 2 0" "resource pgx transaction"
	c.BeginFunc(ctx, func(tx pgx4.Tx) error { return nil })                        // want "scope 1 0" "resource pgx transaction"
	(&EntTx{}).Commit()                                                            // want "release Commit"
	notTx{}.Commit()

	var eg errgroup.Group
	eg.SetLimit(1)                     // want "limit"
	eg.Go(func() error { return nil }) // want "launch"
	eg.Wait()                          // want "wait"
	var wg sync.WaitGroup
	wg.Go(func() {}) // want "launch"
	wg.Wait()        // want "wait"
	rp := pool.NewWithResults[int]()
	rp.Go(func() int { return 1 }) // want "launch"
	rp.Wait()                      // want "wait"
}

// A project's own database wrapper, an interface like sqlc's DBTX, and a
// type with no such method.
type appDB struct{}

func (*appDB) Exec(query string, args ...any) error { return nil } // want "looks like a handle"

type dbtx interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

type logger struct{}

func (logger) Printf(string, ...any) {}

func wrappers(a *appDB, v appDB, d dbtx, l logger) { // want "looks like a handle" "looks like a handle" "looks like a handle"
}

type link struct{}

func (link) Query() map[string][]string { return nil }

func notWrappers(l link) {}
