package behaviour

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"runtime"
	"testing"
	"time"
	"weak"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
)

const (
	poolSize = 2 // MaxOpenConns, MaxConns
	leaks    = poolSize

	// stillWaiting is how long a request that should wait for a
	// connection is watched before it is called waiting, and the deadline
	// of a request that should fail for want of one. Being slow cannot
	// change either answer: a waiting request waits longer.
	stillWaiting = 300 * time.Millisecond
	// bound limits what should happen at once (a request that should get
	// a connection, connections that should come back), so that a change
	// in behaviour fails the test instead of hanging it.
	bound = 10 * time.Second
)

// The request handlers the leak cases run: a failing one returns on its
// error path without releasing its transaction; a good one commits.

func failingSQL(ctx context.Context, begin func() (*sql.Tx, error)) (weak.Pointer[sql.Tx], error) {
	tx, err := begin()
	if err != nil {
		return weak.Pointer[sql.Tx]{}, err
	}
	if _, err := tx.ExecContext(ctx, insertRow, "leaked"); err != nil {
		return weak.Pointer[sql.Tx]{}, err
	}
	return weak.Make(tx), errCallback // no Rollback: the leak
}

func goodSQL(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `SELECT 1`); err != nil {
		return err
	}
	return tx.Commit()
}

func failingPgx(ctx context.Context, pool *pgxpool.Pool) (pgx.Tx, error) {
	tx, err := pool.Begin(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := tx.Exec(ctx, insertRow, "leaked"); err != nil {
		return nil, err
	}
	return tx, errCallback // no Rollback: the leak
}

func goodPgx(ctx context.Context, pool *pgxpool.Pool) error {
	tx, err := pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `SELECT 1`); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// smallSQL opens a database/sql pool of poolSize connections, which
// name themselves app on the server.
func smallSQL(t *testing.T, app string) *sql.DB {
	cfg, err := pgx.ParseConfig(os.Getenv("TXVET_PG_DSN"))
	if err != nil {
		t.Fatal(err)
	}
	cfg.RuntimeParams["application_name"] = app
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(poolSize)
	t.Cleanup(func() { db.Close() })
	return db
}

// smallPgx opens a pgxpool of poolSize connections, which name themselves
// app on the server. It is not closed: Close waits for every connection,
// and a leaked one never comes back.
func smallPgx(t *testing.T, app string) *pgxpool.Pool {
	cfg, err := pgxpool.ParseConfig(os.Getenv("TXVET_PG_DSN"))
	if err != nil {
		t.Fatal(err)
	}
	cfg.MaxConns = poolSize
	cfg.ConnConfig.RuntimeParams["application_name"] = app
	pool, err := pgxpool.NewWithConfig(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Reset) // drops the idle connections at least
	return pool
}

// idleInTransaction counts app's sessions that the server shows idle in
// a transaction.
func (s *server) idleInTransaction(t *testing.T, app string) int {
	t.Helper()
	var n int
	err := s.sql.QueryRow(`SELECT count(*) FROM pg_stat_activity WHERE application_name = $1 AND state = 'idle in transaction'`, app).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// terminate ends app's sessions on the server, leaked ones included, so
// that repeated runs do not pile them up.
func (s *server) terminate(t *testing.T, app string) {
	t.Helper()
	if _, err := s.sql.Exec(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`, app); err != nil {
		t.Error(err)
	}
}

// collect runs the garbage collector, so that a count read afterwards
// does not depend on whether a finalizer or cleanup could run.
func collect() {
	runtime.GC()
	runtime.GC()
}

// eventually waits up to bound for cond.
func eventually(cond func() bool) bool {
	for deadline := time.Now().Add(bound); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if cond() {
			return true
		}
	}
	return cond()
}

// waiting runs request in a goroutine and reports whether it is still
// running after stillWaiting; if it is, release is called and the
// request's result is awaited for up to bound.
func waiting(t *testing.T, request func() error, release func()) (waited bool, result string) {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- request() }()
	select {
	case err := <-done:
		return false, describe(err)
	case <-time.After(stillWaiting):
	}
	release()
	select {
	case err := <-done:
		return true, describe(err)
	case <-time.After(bound):
		t.Fatalf("the waiting request did not finish within %v of the release", bound)
		return true, ""
	}
}

// TestPoolLeak is issue 14's table: with a pool of two connections, two
// failing requests that leave their transaction open, then a good request.
func TestPoolLeak(t *testing.T) {
	s := connect(t)
	background := context.Background()
	type leakOutcome struct {
		next    string // what the next good request gets
		inUse   int    // connections the pool has checked out afterwards
		idle    int    // sessions the server shows idle in transaction
		comment string // what else was checked
	}
	// leakCase runs one case on a pool whose sessions are named after it.
	leakCase := func(key, leakedBy, next string, want leakOutcome, run func(t *testing.T, app string) leakOutcome) {
		t.Run(key, func(t *testing.T) {
			app := "txvet-behaviour-" + key
			t.Cleanup(func() { s.terminate(t, app) })
			got := run(t, app)
			cells := func(o leakOutcome) []string {
				return []string{leakedBy, next, o.next, fmt.Sprintf("%d of %d", o.inUse, poolSize), fmt.Sprint(o.idle), o.comment}
			}
			record(t, cells(got), cells(want))
		})
	}
	const waitedForRelease = "waited 300 ms and more, until one leaked transaction was rolled back"

	// The failing requests' contexts end with the requests, as net/http's
	// r.Context() does when the handler returns.
	leakCase("sql_request_context",
		"database/sql `db.BeginTx(r.Context(), nil)`, the context ends with the request",
		"`BeginTx(ctx)`, ctx with a 10 s deadline",
		leakOutcome{"nil", 0, 0, "every connection came back"},
		func(t *testing.T, app string) leakOutcome {
			db := smallSQL(t, app)
			for range leaks {
				ctx, cancel := context.WithCancel(background)
				_, err := failingSQL(ctx, func() (*sql.Tx, error) { return db.BeginTx(ctx, nil) })
				cancel()
				if err != errCallback {
					t.Fatal(err)
				}
			}
			ctx, cancel := context.WithTimeout(background, bound)
			defer cancel()
			got := leakOutcome{next: describe(goodSQL(ctx, db))}
			back := eventually(func() bool { return db.Stats().InUse == 0 && s.idleInTransaction(t, app) == 0 })
			got.inUse, got.idle = db.Stats().InUse, s.idleInTransaction(t, app)
			got.comment = yesNo(back, "every connection came back", "a connection stayed out")
			return got
		})

	leakCase("sql_Begin",
		"database/sql `db.Begin()`, nothing referencing the `*sql.Tx` afterwards",
		"`BeginTx(ctx)`, ctx with a 300 ms deadline",
		leakOutcome{"`context.DeadlineExceeded`", poolSize, poolSize, "2 of 2 leaked `*sql.Tx` still reachable after a GC"},
		func(t *testing.T, app string) leakOutcome {
			db := smallSQL(t, app)
			var leaked []weak.Pointer[sql.Tx]
			for range leaks {
				ctx, cancel := context.WithCancel(background)
				tx, err := failingSQL(ctx, db.Begin)
				cancel()
				if err != errCallback {
					t.Fatal(err)
				}
				leaked = append(leaked, tx)
			}
			ctx, cancel := context.WithTimeout(background, stillWaiting)
			defer cancel()
			got := leakOutcome{next: describe(goodSQL(ctx, db))}
			collect()
			got.inUse, got.idle = db.Stats().InUse, s.idleInTransaction(t, app)
			alive := 0
			for _, p := range leaked {
				if tx := p.Value(); tx != nil {
					alive++
				}
			}
			got.comment = fmt.Sprintf("%d of %d leaked `*sql.Tx` still reachable after a GC", alive, leaks)
			return got
		})

	leakCase("sql_background_wait",
		"database/sql `db.BeginTx(context.Background(), nil)`",
		"`BeginTx(context.Background())`",
		leakOutcome{"nil", 1, 1, waitedForRelease},
		func(t *testing.T, app string) leakOutcome {
			db := smallSQL(t, app)
			var leaked []*sql.Tx
			for range leaks {
				var tx *sql.Tx
				_, err := failingSQL(background, func() (_ *sql.Tx, err error) { tx, err = db.BeginTx(background, nil); return tx, err })
				if err != errCallback {
					t.Fatal(err)
				}
				leaked = append(leaked, tx)
			}
			waited, result := waiting(t, func() error { return goodSQL(background, db) }, func() { leaked[0].Rollback() })
			return leakOutcome{next: result, inUse: db.Stats().InUse, idle: s.idleInTransaction(t, app),
				comment: yesNo(waited, waitedForRelease, "did not wait")}
		})

	// The leaked transactions' context outlives the requests (a worker's
	// or the server's base context) and ends later.
	leakCase("sql_context_cancelled_later",
		"database/sql `db.BeginTx(ctx, nil)`, ctx ends after the next request",
		"`BeginTx(ctx)`, ctx with a 300 ms deadline, while the leaked transactions' context lives",
		leakOutcome{"`context.DeadlineExceeded`", 0, 0, "after the context ended: every connection came back, a new request gets nil"},
		func(t *testing.T, app string) leakOutcome {
			db := smallSQL(t, app)
			base, cancelBase := context.WithCancel(background)
			defer cancelBase()
			for range leaks {
				if _, err := failingSQL(base, func() (*sql.Tx, error) { return db.BeginTx(base, nil) }); err != errCallback {
					t.Fatal(err)
				}
			}
			ctx, cancel := context.WithTimeout(background, stillWaiting)
			defer cancel()
			got := leakOutcome{next: describe(goodSQL(ctx, db))}
			cancelBase()
			back := eventually(func() bool { return db.Stats().InUse == 0 && s.idleInTransaction(t, app) == 0 })
			got.inUse, got.idle = db.Stats().InUse, s.idleInTransaction(t, app)
			after, cancelAfter := context.WithTimeout(background, bound)
			defer cancelAfter()
			got.comment = fmt.Sprintf("after the context ended: %s, a new request gets %s",
				yesNo(back, "every connection came back", "a connection stayed out"), describe(goodSQL(after, db)))
			return got
		})

	leakCase("pgx_request_context",
		"pgx `pool.Begin(r.Context())`, the context ends with the request, nothing referencing the `pgx.Tx` afterwards",
		"`pool.Begin(ctx)`, ctx with a 300 ms deadline",
		leakOutcome{"`context.DeadlineExceeded`", poolSize, poolSize, "2 of 2 leaked `pgx.Tx` collected by a GC, their connections still checked out"},
		func(t *testing.T, app string) leakOutcome {
			pool := smallPgx(t, app)
			var leaked []weak.Pointer[pgxpool.Tx]
			for range leaks {
				ctx, cancel := context.WithCancel(background)
				tx, err := failingPgx(ctx, pool)
				cancel()
				if err != errCallback {
					t.Fatal(err)
				}
				leaked = append(leaked, weak.Make(tx.(*pgxpool.Tx)))
			}
			ctx, cancel := context.WithTimeout(background, stillWaiting)
			defer cancel()
			got := leakOutcome{next: describe(goodPgx(ctx, pool))}
			collect()
			got.inUse, got.idle = int(pool.Stat().AcquiredConns()), s.idleInTransaction(t, app)
			gone := 0
			for _, p := range leaked {
				if p.Value() == nil {
					gone++
				}
			}
			got.comment = fmt.Sprintf("%d of %d leaked `pgx.Tx` collected by a GC, their connections still checked out", gone, leaks)
			return got
		})

	leakCase("pgx_background_wait",
		"pgx `pool.Begin(context.Background())`",
		"`pool.Begin(context.Background())`",
		leakOutcome{"nil", 1, 1, waitedForRelease},
		func(t *testing.T, app string) leakOutcome {
			pool := smallPgx(t, app)
			var leaked []pgx.Tx
			for range leaks {
				tx, err := failingPgx(background, pool)
				if err != errCallback {
					t.Fatal(err)
				}
				leaked = append(leaked, tx)
			}
			waited, result := waiting(t, func() error { return goodPgx(background, pool) }, func() { leaked[0].Rollback(background) })
			return leakOutcome{next: result, inUse: int(pool.Stat().AcquiredConns()), idle: s.idleInTransaction(t, app),
				comment: yesNo(waited, waitedForRelease, "did not wait")}
		})
}
