// Package useafterrelease defines an Analyzer that reports database work
// on a transaction after its explicit release.
//
// # Analyzer useafterrelease
//
// useafterrelease: report work on a transaction after its Commit or Rollback
//
// Once a transaction (*sql.Tx, sqlx, pgx, gorm, bun, ent-style generated
// types) is committed or rolled back, every statement on it fails, and so
// do a second Commit, a checked Rollback, a statement prepared on it and
// sqlc queries bound to it. The common form is an error branch that rolls
// back, logs, and falls through into more work:
//
//	tx, err := db.BeginTx(ctx, nil)
//	if err != nil {
//		return err
//	}
//	if _, err := tx.ExecContext(ctx, q1); err != nil {
//		tx.Rollback()
//		log.Printf("q1: %v", err)
//	}
//	if _, err := tx.ExecContext(ctx, q2); err != nil { // want: tx.ExecContext after tx.Rollback() at line 6 fails with sql.ErrTxDone: return after the rollback, or run it in a new transaction
//		return err
//	}
//	return tx.Commit()
//
// The analyzer reports, in the category use-after-release (a bug), the
// first use on each path from an explicit Commit or Rollback of a
// transaction variable on which the variable is not assigned again:
//
//   - a method of the transaction that runs a statement (a method that
//     takes a context.Context, or one of the library's statement methods
//     without one: Exec, Query, QueryRow, Prepare, Stmt, sqlx's Get,
//     Select and MustExec, gorm's finishers such as Create, Find or
//     Delete at the end of a chain), Commit, or a Rollback whose error is
//     checked or returned;
//   - a method of a value derived from it that runs a statement: a
//     statement from tx.Prepare or tx.Stmt, rows from tx.Query (after a
//     Commit), or a value that holds the transaction (sqlc's New(tx) and
//     q.WithTx(tx)).
//
// What each use returns was measured on PostgreSQL for database/sql,
// sqlx, pgx, gorm and bun (docs/behaviour.md), and the message says it:
// sql.ErrTxDone (pgx.ErrTxClosed for pgx), "sql: statement is closed" for
// a statement prepared before the commit, rows that the commit closed
// (database/sql and the libraries on it: Next is false, Err is
// context.Canceled) or that make the commit fail with conn busy (pgx). No
// library runs the statement outside the transaction. There is no
// suggested fix: whether to stop after the release or to release later
// is the author's intent.
//
// To avoid false positives the analyzer is silent:
//   - on deferred calls: the canonical `defer tx.Rollback()` after Commit
//     (a deferred release after an explicit one is doublerelease's);
//     deferred work, go statements and function literals run at times the
//     function's paths do not show;
//   - on a Rollback whose result is discarded after a release: the
//     harmless idiom after a failed Commit
//     (`if err := tx.Commit(); err != nil { tx.Rollback(); return err }`);
//   - on a use on another handle, and on the transaction passed to a
//     function not known to use it (printing it, comparing it): only
//     method chains on the variable count;
//   - on a path that exists only through branches testing the same
//     condition in opposite senses (`if dry { tx.Rollback() }` ...
//     `if !dry { tx.Exec(...) }`), for conditions on local variables
//     that nothing writes in between;
//   - on a path through a loop's next iteration, unless every iteration
//     that reaches the end of the loop body has released the transaction
//     (then the second iteration works on a released one: reported); a
//     transaction begun in each iteration, or assigned again, is a new
//     one;
//   - on connections (*sql.Conn, pgx connections, bun.Conn) after Close,
//     on rows after a Rollback, and on statements and rows of generated
//     code: what those do was not measured;
//   - on a *gorm.DB that does not come from Begin (through every
//     assignment) or from a scoped helper's callback parameter;
//   - on derived values assigned more than once or whose address is
//     taken.
package useafterrelease
