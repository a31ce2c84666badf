// Package txleak defines an Analyzer that reports transactions and
// connections left open on some path of the function that acquired them.
//
// # Analyzer txleak
//
// txleak: report a transaction or connection that is not released on some path of the function that acquired it
//
// A transaction or single connection keeps one connection of the pool
// busy, and a transaction keeps its locks, until it is released. A
// function that begins one and leaves on an error path without a Rollback
// leaks it: with pgx nothing gives the connection back to the pool, and
// with database/sql only the cancellation of the context given to BeginTx
// does (never for Begin or a context that is not cancelled). A few failing
// requests exhaust the pool and every later request waits.
//
//	tx, err := db.BeginTx(ctx, nil)
//	if err != nil {
//		return err
//	}
//	if _, err := tx.ExecContext(ctx, q); err != nil {
//		return err
//	}
//	return tx.Commit()
//
// reports, at BeginTx: tx is not released on the path that leaves at line
// 6; roll it back there, or defer tx.Rollback() after BeginTx.
//
// Acquisitions are Begin, BeginTx and their sqlx, pgx (pool, connection
// and transaction: a savepoint), gorm and bun forms, (*sql.DB).Conn,
// (*pgxpool.Pool).Acquire, pgx.Connect, and any function of the analyzed
// code that returns a resource it acquired (a factory, known across
// packages through a fact). A path releases the resource with Commit,
// Rollback, Close or Release, a deferred one, a deferred function that
// releases it on every path, or a call (deferred or not) of a function
// known to release its parameter.
//
// The diagnostic is at the acquisition and names the line of every exit
// that leaks: a return, the end of the function, or, inside a loop, a
// continue or the end of the loop body (the next iteration acquires
// anew). The fix, where it is sure to be right: when the function
// releases the resource nowhere but in Commit and acquires it outside a
// loop, `defer tx.Rollback()` (`defer tx.Rollback(ctx)`, `defer
// conn.Close()`, `defer c.Release()`) after the acquisition's error check;
// otherwise the release before each leaking return or continue. A defer
// in a loop body runs only when the function returns, so the fix never
// puts one there.
//
// To avoid false positives the analyzer is silent:
//   - when the resource leaves the function's hands: it is returned,
//     stored (a field, a map, a slice, a global, a composite literal),
//     sent on a channel, captured by a function literal other than a
//     deferred one, used as a method value (`return tx.Commit, nil`),
//     has its address taken, or is passed to a function not known to
//     borrow it. Functions of the database libraries borrow; so does a
//     function of the analyzed code that only uses its parameter (a
//     fact);
//   - on the error path of the acquisition (`if err != nil` right after
//     Begin, gorm's `if tx.Error != nil` before any other use of tx) and
//     where the variable is nil (`if tx != nil { ... }`);
//   - on paths that end the goroutine or the process: panic, os.Exit,
//     log.Fatal, runtime.Goexit, t.Fatal, t.FailNow, t.Skip;
//   - when a deferred function releases the resource on some paths only
//     (`defer func() { if err != nil { tx.Rollback() } }()`): which paths
//     those are depends on values it cannot follow;
//   - when the variable is assigned more than once, or a path comes back
//     to the acquisition holding the resource in a way it cannot
//     attribute (a labelled continue to an outer loop), or the error of
//     the acquisition is tested in a form it does not know.
//
// The fix is not offered where the release would need a context it
// cannot name, where a leaking return uses the resource itself, where a
// leaking exit is also reached without the resource, and in functions
// with goto.
package txleak
