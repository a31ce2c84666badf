// Package realmods pins the real modules that txvet is benchmarked and
// checked on: database libraries and programs that use them. Nothing here
// runs; the blank imports (and go.mod's tool directive, for the mailpit
// and shiori programs) make `go mod tidy` record every module.
package realmods

import (
	_ "ariga.io/atlas/sql/migrate"
	_ "entgo.io/ent/dialect/sql"
	_ "github.com/golang-migrate/migrate/v4/database/pgx/v5"
	_ "github.com/golang-migrate/migrate/v4/database/postgres"
	_ "github.com/jackc/pgx/v5"
	_ "github.com/jackc/pgx/v5/pgxpool"
	_ "github.com/jackc/pgx/v5/stdlib"
	_ "github.com/jackc/pgxlisten"
	_ "github.com/jmoiron/sqlx"
	_ "github.com/pressly/goose/v3"
	_ "github.com/riverqueue/river"
	_ "github.com/riverqueue/river/riverdriver/riverdatabasesql"
	_ "github.com/riverqueue/river/riverdriver/riverpgxv5"
	_ "github.com/riverqueue/river/riverdriver/riversqlite"
	_ "github.com/sourcegraph/conc/pool"
	_ "github.com/uptrace/bun"
	_ "golang.org/x/sync/errgroup"
	_ "gorm.io/driver/postgres"
	_ "gorm.io/gorm"
	_ "riverqueue.com/riverui"
)
