package behaviour

import (
	"context"
	"database/sql"
	"errors"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/uptrace/bun"
	"gorm.io/gorm"
)

// shape is what a scoped helper's callback does with the transaction it
// was handed, after writing a row on it.
type shape int

const (
	commitInside      shape = iota // tx.Commit(); return nil
	rollbackThenError              // tx.Rollback(); return errCallback
	rollbackThenNil                // tx.Rollback(); return nil
)

var shapes = []struct {
	shape shape
	key   string // the subtest's name
	cell  string // the table's
}{
	{commitInside, "commit_inside", "`Commit`, then `return nil`"},
	{rollbackThenError, "rollback_return_error", "`Rollback`, then `return err`"},
	{rollbackThenNil, "rollback_return_nil", "`Rollback`, then `return nil`"},
}

// callback runs the shape: write, release explicitly, return. The
// explicit release must succeed, or the case measures something else.
func (sh shape) callback(t *testing.T, write, commit, rollback func() error) error {
	t.Helper()
	if err := write(); err != nil {
		t.Fatalf("writing the row in the callback: %v", err)
	}
	if sh == commitInside {
		if err := commit(); err != nil {
			t.Fatalf("the callback's Commit: %v", err)
		}
		return nil
	}
	if err := rollback(); err != nil {
		t.Fatalf("the callback's Rollback: %v", err)
	}
	if sh == rollbackThenError {
		return errCallback
	}
	return nil
}

// withTx is a project's own scoped helper, in the most common style:
// begin, run fn, roll back if it failed, otherwise commit.
func withTx(ctx context.Context, db *sql.DB, fn func(*sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// withTxJoined is the other common style: it reports the rollback's error
// beside the callback's.
func withTxJoined(ctx context.Context, db *sql.DB, fn func(*sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		return errors.Join(err, tx.Rollback())
	}
	return tx.Commit()
}

// A scopedHelper runs one shape under one library's helper. A nested one
// writes a row in the outer callback, runs the shape in a nested call of
// the helper and returns what that call returned.
type scopedHelper struct {
	key, cell string
	nested    bool
	run       func(ctx context.Context, t *testing.T, s *server, sh shape) error
	want      map[shape]helperOutcome
}

type helperOutcome struct {
	gets       string // describe(err) of what the helper returns
	isCallback bool   // errors.Is(err, errCallback)
	committed  string // which of the callback's rows are committed
}

func (o helperOutcome) cells() []string {
	return []string{o.gets, yesNo(o.isCallback, "yes", "no"), o.committed}
}

var scopedHelpers = []scopedHelper{{
	key:  "sql_WithTx",
	cell: "database/sql, project `WithTx` (drops the rollback's error)",
	run: func(ctx context.Context, t *testing.T, s *server, sh shape) error {
		return withTx(ctx, s.sql, func(tx *sql.Tx) error {
			return sh.callback(t, execSQL(ctx, tx, label(t, "")), tx.Commit, tx.Rollback)
		})
	},
	want: map[shape]helperOutcome{
		commitInside:      {"`sql.ErrTxDone`", false, "committed"},
		rollbackThenError: {"the callback's error", true, "not committed"},
		rollbackThenNil:   {"`sql.ErrTxDone`", false, "not committed"},
	},
}, {
	key:  "sql_WithTx_joined",
	cell: "database/sql, project `WithTx` (`errors.Join(err, tx.Rollback())`)",
	run: func(ctx context.Context, t *testing.T, s *server, sh shape) error {
		return withTxJoined(ctx, s.sql, func(tx *sql.Tx) error {
			return sh.callback(t, execSQL(ctx, tx, label(t, "")), tx.Commit, tx.Rollback)
		})
	},
	want: map[shape]helperOutcome{
		commitInside:      {"`sql.ErrTxDone`", false, "committed"},
		rollbackThenError: {"`*errors.joinError` \"callback failed\\nsql: transaction has already been committed or rolled back\"", true, "not committed"},
		rollbackThenNil:   {"`sql.ErrTxDone`", false, "not committed"},
	},
}, {
	key:  "pgx_BeginFunc",
	cell: "pgx `pgx.BeginFunc` (on a `*pgxpool.Pool`)",
	run: func(ctx context.Context, t *testing.T, s *server, sh shape) error {
		return pgx.BeginFunc(ctx, s.pgx, func(tx pgx.Tx) error {
			return sh.callback(t, execPgx(ctx, tx, label(t, "")), func() error { return tx.Commit(ctx) }, func() error { return tx.Rollback(ctx) })
		})
	},
	want: map[shape]helperOutcome{
		commitInside:      {"`pgx.ErrTxClosed`", false, "committed"},
		rollbackThenError: {"the callback's error", true, "not committed"},
		rollbackThenNil:   {"`pgx.ErrTxClosed`", false, "not committed"},
	},
}, {
	key:  "pgx_BeginTxFunc",
	cell: "pgx `pgx.BeginTxFunc` (on a `*pgxpool.Pool`)",
	run: func(ctx context.Context, t *testing.T, s *server, sh shape) error {
		return pgx.BeginTxFunc(ctx, s.pgx, pgx.TxOptions{}, func(tx pgx.Tx) error {
			return sh.callback(t, execPgx(ctx, tx, label(t, "")), func() error { return tx.Commit(ctx) }, func() error { return tx.Rollback(ctx) })
		})
	},
	want: map[shape]helperOutcome{
		commitInside:      {"`pgx.ErrTxClosed`", false, "committed"},
		rollbackThenError: {"the callback's error", true, "not committed"},
		rollbackThenNil:   {"`pgx.ErrTxClosed`", false, "not committed"},
	},
}, {
	key:    "pgx_BeginFunc_nested",
	cell:   "pgx `pgx.BeginFunc` on the callback's `pgx.Tx` (savepoint)",
	nested: true,
	run: func(ctx context.Context, t *testing.T, s *server, sh shape) error {
		return pgx.BeginFunc(ctx, s.pgx, func(outer pgx.Tx) error {
			if err := execPgx(ctx, outer, label(t, "/outer"))(); err != nil {
				t.Fatal(err)
			}
			return pgx.BeginFunc(ctx, outer, func(tx pgx.Tx) error {
				return sh.callback(t, execPgx(ctx, tx, label(t, "/inner")), func() error { return tx.Commit(ctx) }, func() error { return tx.Rollback(ctx) })
			})
		})
	},
	want: map[shape]helperOutcome{
		commitInside:      {"`pgx.ErrTxClosed`", false, "outer not committed, inner not committed"},
		rollbackThenError: {"the callback's error", true, "outer not committed, inner not committed"},
		rollbackThenNil:   {"`pgx.ErrTxClosed`", false, "outer not committed, inner not committed"},
	},
}, {
	key:  "gorm_Transaction",
	cell: "gorm `(*DB).Transaction`",
	run: func(ctx context.Context, t *testing.T, s *server, sh shape) error {
		return s.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
			return sh.callback(t, execGorm(tx, label(t, "")), func() error { return tx.Commit().Error }, func() error { return tx.Rollback().Error })
		})
	},
	want: map[shape]helperOutcome{
		commitInside:      {"`sql.ErrTxDone`", false, "committed"},
		rollbackThenError: {"the callback's error", true, "not committed"},
		rollbackThenNil:   {"`sql.ErrTxDone`", false, "not committed"},
	},
}, {
	key:    "gorm_Transaction_nested",
	cell:   "gorm nested `(*DB).Transaction` (savepoint)",
	nested: true,
	run: func(ctx context.Context, t *testing.T, s *server, sh shape) error {
		return s.gorm.WithContext(ctx).Transaction(func(outer *gorm.DB) error {
			if err := execGorm(outer, label(t, "/outer"))(); err != nil {
				t.Fatal(err)
			}
			return outer.Transaction(func(tx *gorm.DB) error {
				return sh.callback(t, execGorm(tx, label(t, "/inner")), func() error { return tx.Commit().Error }, func() error { return tx.Rollback().Error })
			})
		})
	},
	want: map[shape]helperOutcome{
		commitInside:      {"`sql.ErrTxDone`", false, "outer committed, inner committed"},
		rollbackThenError: {"the callback's error", true, "outer not committed, inner not committed"},
		rollbackThenNil:   {"`sql.ErrTxDone`", false, "outer not committed, inner not committed"},
	},
}, {
	key:  "bun_RunInTx",
	cell: "bun `(*DB).RunInTx`",
	run: func(ctx context.Context, t *testing.T, s *server, sh shape) error {
		return s.bun.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			return sh.callback(t, execBun(ctx, tx, label(t, "")), tx.Commit, tx.Rollback)
		})
	},
	want: map[shape]helperOutcome{
		commitInside:      {"`sql.ErrTxDone`", false, "committed"},
		rollbackThenError: {"the callback's error", true, "not committed"},
		rollbackThenNil:   {"`sql.ErrTxDone`", false, "not committed"},
	},
}, {
	key:    "bun_RunInTx_nested",
	cell:   "bun `(Tx).RunInTx` on the callback's `bun.Tx` (savepoint)",
	nested: true,
	run: func(ctx context.Context, t *testing.T, s *server, sh shape) error {
		return s.bun.RunInTx(ctx, nil, func(ctx context.Context, outer bun.Tx) error {
			if err := execBun(ctx, outer, label(t, "/outer"))(); err != nil {
				t.Fatal(err)
			}
			return outer.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
				return sh.callback(t, execBun(ctx, tx, label(t, "/inner")), tx.Commit, tx.Rollback)
			})
		})
	},
	want: map[shape]helperOutcome{
		commitInside:      {"`*pgconn.PgError` savepoint \"…\" does not exist (SQLSTATE 3B001)", false, "outer not committed, inner not committed"},
		rollbackThenError: {"the callback's error", true, "outer not committed, inner not committed"},
		rollbackThenNil:   {"nil", false, "outer committed, inner not committed"},
	},
}}

// TestScopedHelpers is issue 11's table: what the caller of each scoped
// helper gets when its callback releases the transaction itself, and
// whether the row the callback wrote is committed.
func TestScopedHelpers(t *testing.T) {
	s := connect(t)
	ctx := context.Background()
	for _, h := range scopedHelpers {
		for _, sh := range shapes {
			t.Run(h.key+"/"+sh.key, func(t *testing.T) {
				s.forget(t)
				err := h.run(ctx, t, s, sh.shape)
				got := helperOutcome{gets: describe(err), isCallback: errors.Is(err, errCallback)}
				if h.nested {
					got.committed = "outer " + yesNo(s.committed(t, label(t, "/outer")), "committed", "not committed") +
						", inner " + yesNo(s.committed(t, label(t, "/inner")), "committed", "not committed")
				} else {
					got.committed = yesNo(s.committed(t, label(t, "")), "committed", "not committed")
				}
				record(t, append([]string{h.cell, sh.cell}, got.cells()...), append([]string{h.cell, sh.cell}, h.want[sh.shape].cells()...))
			})
		}
	}
}

// The writes of the callbacks, one per library.

func execSQL(ctx context.Context, tx *sql.Tx, l string) func() error {
	return func() error { _, err := tx.ExecContext(ctx, insertRow, l); return err }
}

func execPgx(ctx context.Context, tx pgx.Tx, l string) func() error {
	return func() error { _, err := tx.Exec(ctx, insertRow, l); return err }
}

func execGorm(tx *gorm.DB, l string) func() error {
	return func() error { return tx.Exec(`INSERT INTO behaviour_rows (label) VALUES (?)`, l).Error }
}

func execBun(ctx context.Context, tx bun.Tx, l string) func() error {
	return func() error {
		_, err := tx.ExecContext(ctx, `INSERT INTO behaviour_rows (label) VALUES (?)`, l)
		return err
	}
}
