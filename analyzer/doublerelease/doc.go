// Package doublerelease defines an Analyzer that reports explicit
// releases of a transaction or connection whose release a deferred scope
// already owns.
//
// # Analyzer doublerelease
//
// doublerelease: report a release of a transaction or connection that a deferred scope already owns
//
// A transaction (*sql.Tx, sqlx, pgx, gorm, bun, ent-style generated
// types) or a single connection (*sql.Conn, *pgx.Conn, *pgxpool.Conn,
// bun.Conn) is often released by a deferred scope: `defer tx.Rollback()`,
// a deferred function that rolls back or commits, `defer finish(tx, &err)`,
// or a helper such as gorm's Transaction, pgx.BeginFunc, bun's RunInTx or
// the project's own WithTx, which commits or rolls back after its
// callback returns. An explicit release under such a scope is at best
// redundant and at worst a bug:
//
//	tx, err := db.BeginTx(ctx, nil)
//	if err != nil {
//		return err
//	}
//	defer tx.Rollback()
//	if _, err := tx.ExecContext(ctx, q); err != nil {
//		tx.Rollback() // want: tx.Rollback() is redundant: the deferred tx.Rollback() at line 5 already releases tx
//		return err
//	}
//	return tx.Commit()
//
// The analyzer reports three kinds, each with its own category:
//
//   - redundant-release (a clean-up, off with -redundant=false): a bare
//     or `_ =` Rollback, Close or Release under a deferred scope that
//     rolls back or closes the same variable, when every path after it
//     leaves the function without further database work. The fix deletes
//     the statement, and its line when nothing but a trailing // comment
//     shares it.
//   - double-commit: an explicit Commit under a deferred scope that
//     commits (a deferred Commit, or a deferred function that commits
//     when there is no error). The second commit fails with ErrTxDone and
//     code that propagates it reports a failure for committed work.
//   - release-in-callback: a Commit of the transaction a helper passes to
//     its callback (the helper commits again and returns ErrTxDone or
//     ErrTxClosed for committed work), or a Rollback after which the
//     callback returns nil (the helper returns that error for rolled-back
//     work). The fix turns `return tx.Commit()` into `return nil`. A bare
//     Rollback after which the callback returns an error is only a
//     redundant-release: the helper rolls back and returns the callback's
//     error, unless it is a project helper that uses its own rollback's
//     error (errors.Join), which then gets ErrTxDone: release-in-callback.
//     In bun's nested RunInTx, Rollback then nil is not reported: the
//     savepoint survives and the helper returns nil.
//
// A deferred function counts as a scope when it releases the resource on
// every path that returns, or in the named-result form
// `if err != nil { tx.Rollback() }`; then, and when the scope commits on
// success, an explicit rollback is redundant only when the function then
// returns a certainly non-nil error (errors.New, fmt.Errorf, a composite
// literal, a variable inside its own `if x != nil`, or an error variable
// of the package initialized with errors.New or fmt.Errorf and never
// assigned). A deferred function
// that releases only after recover() is not a scope.
//
// To avoid false positives the analyzer is silent:
//   - on `defer tx.Rollback()` plus `return tx.Commit()`, the canonical idiom;
//   - on a checked release (`if err := tx.Rollback(); err != nil`,
//     `require.NoError(t, tx.Rollback())`): the defer is a safety net;
//   - on a deliberate early release: some path after it does more
//     database work (a call that takes a context.Context or a database
//     handle, a method of a handle, a call of a function value, a call of
//     a function of the package that uses a handle or a context) or goes
//     to a loop's next iteration before the function returns;
//   - on releases inside the deferred function itself, and in function
//     literals other than a helper's callback (they run at times it does
//     not know); the defer and the release must be in the same function;
//   - where the defer does not dominate the release (a sibling block, or
//     after it), and in functions with goto;
//   - when the variable may be assigned, or its address taken, between
//     the defer and the release (before the release, in a loop around
//     either, in a function literal), or anywhere after the defer when
//     the deferred call reads the variable as it runs (a deferred
//     function, a helper, a pointer method on a non-pointer variable); and
//     for variables declared outside the function that releases them;
//   - under a deferred function or helper that writes the result of its
//     own rollback outside itself (to the named error, through a pointer):
//     an explicit rollback before it changes the error it reports;
//   - on a gorm *DB that does not come from Begin (through every
//     assignment) or from a helper's callback parameter;
//   - on a callback that is not a function literal.
//
// Helpers of the analyzed code are recognised through facts (package
// internal/txfacts): a function that releases a parameter on every path
// (scope 3), and one that begins a transaction, passes it to a callback
// parameter and then commits or rolls it back (scope 4). Generic helpers
// count too.
//
// The analysis is syntactic and local to a function: dominance is lexical
// (the defer sits earlier in a statement list enclosing the release), and a
// control-flow graph is built only for a function with a candidate
// redundant release, and for deferred functions, to answer "on every
// path". Where either is unsure, the analyzer is silent.
package doublerelease
