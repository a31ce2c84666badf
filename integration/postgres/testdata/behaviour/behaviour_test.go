package behaviour

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
	"github.com/jmoiron/sqlx"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// errCallback is the error the callbacks and failing requests return.
var errCallback = errors.New("callback failed")

// server holds one handle of each library on the test's server.
type server struct {
	sql  *sql.DB
	sqlx *sqlx.DB
	pgx  *pgxpool.Pool
	gorm *gorm.DB
	bun  *bun.DB
}

// connect opens every library on TXVET_PG_DSN, or skips the test, and
// creates the table the cases write to.
func connect(t *testing.T) *server {
	t.Helper()
	dsn := os.Getenv("TXVET_PG_DSN")
	if dsn == "" {
		t.Skip("TXVET_PG_DSN is not set: run `scripts/postgres.sh go test -count=1 -v ./integration/postgres/`")
	}
	ctx := context.Background()
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	pool, err := pgxpool.New(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	g, err := gorm.Open(postgres.New(postgres.Config{Conn: db}), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		t.Fatal(err)
	}
	s := &server{sql: db, sqlx: sqlx.NewDb(db, "pgx"), pgx: pool, gorm: g, bun: bun.NewDB(db, pgdialect.New())}
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS behaviour_rows (label text NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	var version string
	if err := db.QueryRowContext(ctx, `SHOW server_version`).Scan(&version); err != nil {
		t.Fatal(err)
	}
	t.Logf("PostgreSQL %s", version)
	return s
}

// label is the text of the row a case writes: its test's name, and a
// suffix where one case writes several rows.
func label(t *testing.T, suffix string) string { return t.Name() + suffix }

// committed reports whether the row labelled l is in the table, as seen
// from outside every transaction.
func (s *server) committed(t *testing.T, l string) bool {
	t.Helper()
	var n int
	if err := s.sql.QueryRow(`SELECT count(*) FROM behaviour_rows WHERE label = $1`, l).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n > 0
}

// forget deletes the rows of earlier runs of the test (-count).
func (s *server) forget(t *testing.T) {
	t.Helper()
	if _, err := s.sql.Exec(`DELETE FROM behaviour_rows WHERE label LIKE $1 || '%'`, t.Name()); err != nil {
		t.Fatal(err)
	}
}

var quoted = regexp.MustCompile(`"[^"]*"`)

const insertRow = `INSERT INTO behaviour_rows (label) VALUES ($1)`

// describe names an error as the tables show it: the library's exported
// error when it is one, otherwise its type and text.
func describe(err error) string {
	for _, known := range []struct {
		name string
		err  error
	}{
		{"the callback's error", errCallback},
		{"`sql.ErrTxDone`", sql.ErrTxDone},
		{"`sql.ErrConnDone`", sql.ErrConnDone},
		{"`pgx.ErrTxClosed`", pgx.ErrTxClosed},
		{"`gorm.ErrInvalidTransaction`", gorm.ErrInvalidTransaction},
		{"`context.DeadlineExceeded`", context.DeadlineExceeded},
		{"`context.Canceled`", context.Canceled},
	} {
		if err == known.err {
			return known.name
		}
	}
	if err == nil {
		return "nil"
	}
	if pgErr, ok := err.(*pgconn.PgError); ok {
		// The server's message names the savepoint, whose name is random.
		msg := quoted.ReplaceAllString(pgErr.Message, `"…"`)
		return fmt.Sprintf("`*pgconn.PgError` %s (SQLSTATE %s)", msg, pgErr.Code)
	}
	return fmt.Sprintf("`%T` %q", err, err.Error())
}

// row formats one row of a markdown table; the cells are trimmed.
func row(cells ...string) string {
	for i, c := range cells {
		cells[i] = strings.TrimSpace(c)
	}
	return "| " + strings.Join(cells, " | ") + " |"
}

// record logs the table row of case t, and fails t if the measured cells
// differ from the wanted ones. The page shows the measured row, with the
// test's name last, so the two can be compared.
func record(t *testing.T, got, want []string) {
	t.Helper()
	if g, w := row(got...), row(want...); g != w {
		t.Errorf("measured\n%s\nwant\n%s", g, w)
	}
	t.Logf("%s", row(append(got, "`"+t.Name()+"`")...))
}

func yesNo(b bool, yes, no string) string {
	if b {
		return yes
	}
	return no
}
