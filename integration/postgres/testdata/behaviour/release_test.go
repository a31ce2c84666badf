package behaviour

import (
	"context"
	"database/sql"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/uptrace/bun"
	"gorm.io/gorm"
)

// A txHandle is one library's transaction seen through the operations the
// use-after-release table measures.
type txHandle struct {
	commit, rollback func() error
	exec             func(label string) error // writes a row
	query            func() error             // reads one value
}

// A txLibrary begins a transaction of one library.
type txLibrary struct {
	key, cell string
	begin     func(ctx context.Context, t *testing.T, s *server) txHandle
}

var txLibraries = []txLibrary{{
	key: "sql", cell: "database/sql (pgx stdlib driver): `ExecContext`, `QueryRowContext(...).Scan`",
	begin: func(ctx context.Context, t *testing.T, s *server) txHandle {
		tx, err := s.sql.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		return txHandle{
			commit: tx.Commit, rollback: tx.Rollback,
			exec:  func(l string) error { return execSQL(ctx, tx, l)() },
			query: func() error { var n int; return tx.QueryRowContext(ctx, `SELECT 1`).Scan(&n) },
		}
	},
}, {
	key: "sqlx", cell: "sqlx: `NamedExecContext`, `GetContext`",
	begin: func(ctx context.Context, t *testing.T, s *server) txHandle {
		tx, err := s.sqlx.BeginTxx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		return txHandle{
			commit: tx.Commit, rollback: tx.Rollback,
			exec: func(l string) error {
				_, err := tx.NamedExecContext(ctx, `INSERT INTO behaviour_rows (label) VALUES (:label)`, map[string]any{"label": l})
				return err
			},
			query: func() error { var n int; return tx.GetContext(ctx, &n, `SELECT 1`) },
		}
	},
}, {
	key: "pgx", cell: "pgx (`*pgxpool.Pool`): `Exec`, `QueryRow(...).Scan`",
	begin: func(ctx context.Context, t *testing.T, s *server) txHandle {
		tx, err := s.pgx.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return txHandle{
			commit:   func() error { return tx.Commit(ctx) },
			rollback: func() error { return tx.Rollback(ctx) },
			exec:     func(l string) error { return execPgx(ctx, tx, l)() },
			query:    func() error { var n int; return tx.QueryRow(ctx, `SELECT 1`).Scan(&n) },
		}
	},
}, {
	key: "gorm", cell: "gorm: `Create`, `Raw(...).Scan`",
	begin: func(ctx context.Context, t *testing.T, s *server) txHandle {
		return gormHandle(t, s.gorm.WithContext(ctx).Begin())
	},
}, {
	key: "gorm_PrepareStmt", cell: "gorm with `PrepareStmt: true`: `Create`, `Raw(...).Scan`",
	begin: func(ctx context.Context, t *testing.T, s *server) txHandle {
		return gormHandle(t, s.gorm.Session(&gorm.Session{PrepareStmt: true, Context: ctx}).Begin())
	},
}, {
	key: "bun", cell: "bun: `NewInsert`, `NewSelect`",
	begin: func(ctx context.Context, t *testing.T, s *server) txHandle {
		tx, err := s.bun.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		return txHandle{
			commit: tx.Commit, rollback: tx.Rollback,
			exec: func(l string) error {
				_, err := tx.NewInsert().Model(&bunRow{Label: l}).Exec(ctx)
				return err
			},
			query: func() error { var n int; return tx.NewSelect().ColumnExpr("1").Scan(ctx, &n) },
		}
	},
}}

// gormRow is the table's row for gorm.
type gormRow struct{ Label string }

func (gormRow) TableName() string { return "behaviour_rows" }

// bunRow is the table's row for bun.
type bunRow struct {
	bun.BaseModel `bun:"table:behaviour_rows"`
	Label         string `bun:"label"`
}

func gormHandle(t *testing.T, tx *gorm.DB) txHandle {
	if tx.Error != nil {
		t.Fatal(tx.Error)
	}
	return txHandle{
		commit:   func() error { return tx.Commit().Error },
		rollback: func() error { return tx.Rollback().Error },
		exec:     func(l string) error { return tx.Create(&gormRow{Label: l}).Error },
		query:    func() error { var n int; return tx.Raw(`SELECT 1`).Scan(&n).Error },
	}
}

type useOutcome struct {
	exec, query      string // describe() of their errors
	written          string // whether the exec's row is in the table
	commit, rollback string // a second release: describe() of its error
}

// TestUseAfterRelease is issue 15's table: what work on a transaction
// returns after its Commit and after its Rollback, whether that work ran
// anyway (outside the transaction), and what a second release returns.
func TestUseAfterRelease(t *testing.T) {
	s := connect(t)
	ctx := context.Background()
	errDone := "`sql.ErrTxDone`"
	sqlDone := useOutcome{errDone, errDone, "not written", errDone, errDone}
	want := map[string]useOutcome{
		"sql":              sqlDone,
		"sqlx":             sqlDone,
		"pgx":              {"`pgx.ErrTxClosed`", "`pgx.ErrTxClosed`", "not written", "`pgx.ErrTxClosed`", "`pgx.ErrTxClosed`"},
		"gorm":             sqlDone,
		"gorm_PrepareStmt": sqlDone,
		"bun":              sqlDone,
	}
	for _, lib := range txLibraries {
		for _, release := range []string{"Commit", "Rollback"} {
			t.Run(lib.key+"/after_"+release, func(t *testing.T) {
				s.forget(t)
				released := func(tx txHandle) func() error {
					if release == "Rollback" {
						return tx.rollback
					}
					return tx.commit
				}
				tx := lib.begin(ctx, t, s)
				if err := released(tx)(); err != nil {
					t.Fatalf("%s: %v", release, err)
				}
				got := useOutcome{
					exec:  describe(tx.exec(label(t, ""))),
					query: describe(tx.query()),
				}
				got.written = yesNo(s.committed(t, label(t, "")), "written (outside the transaction)", "not written")
				got.commit = describe(tx.commit())
				// The deferred Rollback of the usual pattern, on a
				// transaction of its own: gorm keeps the error of
				// the Commit above in tx.Error and would report both.
				tx = lib.begin(ctx, t, s)
				if err := released(tx)(); err != nil {
					t.Fatalf("%s: %v", release, err)
				}
				got.rollback = describe(tx.rollback())
				w := want[lib.key]
				cells := func(o useOutcome) []string {
					return []string{lib.cell, "`" + release + "`", o.exec, o.query, o.written, o.commit, o.rollback}
				}
				record(t, cells(got), cells(w))
			})
		}
	}
}

// TestDerivedAfterCommit is the rest of issue 15's table: statements and
// rows obtained from a transaction, used after its Commit.
func TestDerivedAfterCommit(t *testing.T) {
	s := connect(t)
	ctx := context.Background()
	dbStmt, err := s.sql.PrepareContext(ctx, insertRow)
	if err != nil {
		t.Fatal(err)
	}
	defer dbStmt.Close()
	closed := "`*errors.errorString` \"sql: statement is closed\""

	// Statements: prepared on the transaction, used after its Commit.
	stmts := []struct {
		key, cell string
		use       func(t *testing.T) (commitErr, useErr error)
		want      string // describe() of the use's error
	}{{
		"sql_Prepare", "database/sql: `tx.PrepareContext` before `Commit`",
		func(t *testing.T) (error, error) {
			tx := beginSQL(ctx, t, s)
			stmt, err := tx.PrepareContext(ctx, insertRow)
			if err != nil {
				t.Fatal(err)
			}
			commitErr := tx.Commit()
			_, err = stmt.ExecContext(ctx, label(t, ""))
			return commitErr, err
		},
		closed,
	}, {
		"sql_Stmt_before", "database/sql: `tx.StmtContext(ctx, dbStmt)` before `Commit`",
		func(t *testing.T) (error, error) {
			tx := beginSQL(ctx, t, s)
			stmt := tx.StmtContext(ctx, dbStmt)
			commitErr := tx.Commit()
			_, err := stmt.ExecContext(ctx, label(t, ""))
			return commitErr, err
		},
		closed,
	}, {
		"sql_Stmt_after", "database/sql: `tx.StmtContext(ctx, dbStmt)` after `Commit`",
		func(t *testing.T) (error, error) {
			tx := beginSQL(ctx, t, s)
			commitErr := tx.Commit()
			_, err := tx.StmtContext(ctx, dbStmt).ExecContext(ctx, label(t, ""))
			return commitErr, err
		},
		"`sql.ErrTxDone`",
	}, {
		"sqlx_Preparex", "sqlx: `tx.PreparexContext` before `Commit`",
		func(t *testing.T) (error, error) {
			tx, err := s.sqlx.BeginTxx(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			stmt, err := tx.PreparexContext(ctx, insertRow)
			if err != nil {
				t.Fatal(err)
			}
			commitErr := tx.Commit()
			_, err = stmt.ExecContext(ctx, label(t, ""))
			return commitErr, err
		},
		closed,
	}, {
		"pgx_Prepare", "pgx: `tx.Prepare(ctx, name, sql)` before `Commit`, then `tx.Exec(ctx, name, ...)`",
		func(t *testing.T) (error, error) {
			tx, err := s.pgx.Begin(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := tx.Prepare(ctx, "behaviour_insert", insertRow); err != nil {
				t.Fatal(err)
			}
			commitErr := tx.Commit(ctx)
			_, err = tx.Exec(ctx, "behaviour_insert", label(t, ""))
			return commitErr, err
		},
		"`pgx.ErrTxClosed`",
	}}
	for _, c := range stmts {
		t.Run(c.key, func(t *testing.T) {
			s.forget(t)
			commitErr, useErr := c.use(t)
			if commitErr != nil {
				t.Fatalf("Commit: %v", commitErr)
			}
			written := yesNo(s.committed(t, label(t, "")), "written", "not written")
			record(t, []string{c.cell, describe(useErr), written}, []string{c.cell, c.want, "not written"})
		})
	}

	// Rows: a query on the transaction, not read yet when it commits.
	type rowsOutcome struct {
		commit  string // describe() of Commit's error
		read    int    // rows Next returned after Commit (of 3)
		err     string // describe() of the rows' Err
		written string // the row written before the query
	}
	canceled := rowsOutcome{"nil", 0, "`context.Canceled`", "committed"}
	rowsCases := []struct {
		key, cell string
		run       func(t *testing.T) (commitErr error, read int, rowsErr error)
		want      rowsOutcome
	}{{
		"sql", "database/sql: `tx.QueryContext`",
		func(t *testing.T) (error, int, error) {
			tx := beginSQL(ctx, t, s)
			mustWrite(t, execSQL(ctx, tx, label(t, "")))
			rows, err := tx.QueryContext(ctx, `SELECT generate_series(1, 3)`)
			if err != nil {
				t.Fatal(err)
			}
			return readAfter(tx.Commit, rows)
		},
		canceled,
	}, {
		"sqlx", "sqlx: `tx.QueryxContext`",
		func(t *testing.T) (error, int, error) {
			tx, err := s.sqlx.BeginTxx(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			mustWrite(t, execSQL(ctx, tx.Tx, label(t, "")))
			rows, err := tx.QueryxContext(ctx, `SELECT generate_series(1, 3)`)
			if err != nil {
				t.Fatal(err)
			}
			return readAfter(tx.Commit, rows)
		},
		canceled,
	}, {
		"pgx", "pgx (`*pgxpool.Pool`): `tx.Query`",
		func(t *testing.T) (error, int, error) {
			tx, err := s.pgx.Begin(ctx)
			if err != nil {
				t.Fatal(err)
			}
			mustWrite(t, execPgx(ctx, tx, label(t, "")))
			rows, err := tx.Query(ctx, `SELECT generate_series(1, 3)`)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			return readAfter(func() error { return tx.Commit(ctx) }, pgxRows{rows})
		},
		rowsOutcome{"`*pgconn.connLockError` \"conn busy\"", 3, "nil", "not committed"},
	}, {
		"gorm", "gorm: `tx.Raw(...).Rows()`",
		func(t *testing.T) (error, int, error) {
			tx := s.gorm.WithContext(ctx).Begin()
			mustWrite(t, execGorm(tx, label(t, "")))
			rows, err := tx.Raw(`SELECT generate_series(1, 3)`).Rows()
			if err != nil {
				t.Fatal(err)
			}
			return readAfter(func() error { return tx.Commit().Error }, rows)
		},
		canceled,
	}, {
		"bun", "bun: `tx.QueryContext`",
		func(t *testing.T) (error, int, error) {
			tx, err := s.bun.BeginTx(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			mustWrite(t, execBun(ctx, tx, label(t, "")))
			rows, err := tx.QueryContext(ctx, `SELECT generate_series(1, 3)`)
			if err != nil {
				t.Fatal(err)
			}
			return readAfter(tx.Commit, rows)
		},
		canceled,
	}}
	for _, c := range rowsCases {
		t.Run("rows_"+c.key, func(t *testing.T) {
			s.forget(t)
			commitErr, read, rowsErr := c.run(t)
			got := rowsOutcome{describe(commitErr), read, describe(rowsErr), yesNo(s.committed(t, label(t, "")), "committed", "not committed")}
			cells := func(o rowsOutcome) []string {
				return []string{c.cell, o.commit, fmt.Sprintf("%d of 3", o.read), o.err, o.written}
			}
			record(t, cells(got), cells(c.want))
		})
	}
}

func beginSQL(ctx context.Context, t *testing.T, s *server) *sql.Tx {
	t.Helper()
	tx, err := s.sql.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	return tx
}

func mustWrite(t *testing.T, write func() error) {
	t.Helper()
	if err := write(); err != nil {
		t.Fatal(err)
	}
}

// rowReader is what readAfter needs of database/sql's and pgx's rows.
type rowReader interface {
	Next() bool
	Err() error
	Close() error
}

type pgxRows struct{ pgx.Rows }

func (r pgxRows) Close() error { r.Rows.Close(); return nil }

// readAfter commits, then reads every row left and closes them.
func readAfter(commit func() error, rows rowReader) (commitErr error, read int, rowsErr error) {
	commitErr = commit()
	for rows.Next() {
		read++
	}
	rowsErr = rows.Err()
	rows.Close()
	return commitErr, read, rowsErr
}
