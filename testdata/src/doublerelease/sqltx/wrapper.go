package sqltx

import (
	"context"
	"database/sql"
	"log"
)

// The application's own database handle: a struct wrapping the pool.
type appDB struct{ db *sql.DB }

func (a *appDB) Exec(query string, args ...any) error { return nil }

// A query builder run on a handle-like value (squirrel's RunWith).
type builder struct{}

func (b builder) RunWith(runner interface {
	Exec(query string, args ...any) error
}) builder {
	return b
}
func (b builder) Exec() error { return nil }

// A store interface of the analysed code: its implementations are not known.
type auditLog interface {
	Record(what string)
}

// After the early release the code goes on through its own wrapper: a
// deliberate early release.
func neverReleaseBeforeWrapperWork(ctx context.Context, db *sql.DB, app *appDB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "DELETE FROM t"); err != nil {
		tx.Rollback()
		return app.Exec("INSERT INTO failures VALUES (1)")
	}
	return tx.Commit()
}

func neverReleaseBeforeBuilderRun(ctx context.Context, db *sql.DB, app *appDB, b builder) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "DELETE FROM t"); err != nil {
		tx.Rollback()
		return b.RunWith(app).Exec()
	}
	return tx.Commit()
}

func neverReleaseBeforeInterfaceMethod(ctx context.Context, db *sql.DB, audit auditLog) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "DELETE FROM t"); err != nil {
		tx.Rollback()
		audit.Record("delete failed")
		return err
	}
	return tx.Commit()
}

// Logging is no database work: still redundant.
func reportReleaseBeforeLogging(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "DELETE FROM t"); err != nil {
		tx.Rollback() // want `^tx\.Rollback\(\) is redundant: the deferred tx\.Rollback\(\) at line 77 already releases tx$`
		log.Printf("delete: %v", err)
		return err
	}
	return tx.Commit()
}
