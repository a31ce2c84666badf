// Package sharedtx defines an Analyzer that reports one transaction or
// connection used by goroutines that may run at the same time.
//
// # Analyzer sharedtx
//
// sharedtx: report a transaction or connection used by goroutines that may run at the same time
//
// A transaction (*sql.Tx, *sqlx.Tx, pgx.Tx, bun.Tx, a gorm *DB from Begin
// or the callback of Transaction or of a project helper that begins, calls
// back and commits, a generated type with Commit and Rollback) or
// a single connection (*sql.Conn, *sqlx.Conn, *pgx.Conn, *pgxpool.Conn,
// bun.Conn) owns one database connection, and a connection runs one query
// at a time. Handing it to goroutines that run at once fails at random:
// pgx reports "conn busy" or panics, MySQL "busy buffer" or "commands out
// of sync", and database/sql "driver: bad connection". On PostgreSQL, two
// errgroup goroutines sharing one *sql.Tx failed 47 rounds out of 50.
//
// The analyzer reports, in each function:
//
//   - two launches that use the same resource and may overlap;
//   - a launch in a loop that uses the resource: it overlaps with itself;
//   - a launch that uses the resource while the function uses it again
//     before waiting for the launch (or at all, when nothing waits).
//
// For example:
//
//	g, ctx := errgroup.WithContext(ctx)
//	g.Go(func() error { // transaction tx is used at the same time by the goroutines launched at lines 2 and 5; run its queries in turn, or use a pool connection per goroutine for reads outside the transaction
//		return tx.QueryRow(ctx, listSQL).Scan(&list)
//	})
//	g.Go(func() error {
//		return tx.QueryRow(ctx, countSQL).Scan(&total)
//	})
//	return g.Wait()
//
// A launch is a go statement, errgroup's Go and TryGo, sync.WaitGroup.Go,
// or conc's WaitGroup.Go and pool Go. It uses a resource when its function
// literal refers to it, when the resource is an argument of the launched
// call, or when a value derived from the resource is: sqlc's New(tx) and
// q.WithTx(tx), a struct literal holding it, tx.Stmt(s), the *sql.Rows of
// tx.Query. Two launches may overlap when one is reachable from the other
// without the function waiting in between: a Wait of any group, a channel
// operation, a lock.
//
// The suggested fix runs the launches one after another: go f(x) becomes
// f(x), wg.Go(f) becomes f(), a launched function literal becomes its
// statements, and each errgroup launch becomes an in-place call whose
// error is checked as g.Wait() would have returned it (if err := expr;
// err != nil for a body that is one return). A group used by nothing else
// goes: a WaitGroup with its Add, Done and Wait, an errgroup with its
// Wait, its context replaced by the one it derives from. A body stays a
// closure called in place where its statements need one (a return before
// its end, a defer of its own, a label), and goes in a block of its own
// where a name it declares would clash. Where the errgroup rewrite cannot
// be made, g.SetLimit(1) after the group's declaration is the fix when the
// launches overlap only each other.
//
// The analyzer is silent for goroutines that use a pool (*sql.DB,
// *pgxpool.Pool, a *gorm.DB that is not known to be a transaction) or
// begin their own transaction, for a group limited to one goroutine at a
// time (g.SetLimit(1), conc's WithMaxGoroutines(1)), and for a launch that
// is waited for before the resource is used again. To avoid false
// positives it is also silent where it cannot be sure: for a launched
// function that receives from a channel, takes a lock or waits on a group
// (it may be ordered by the function it synchronizes with; a mutex counts
// only when one critical section holds every use of the resource, so a
// lock that guards only a results map is reported; workers that
// range over one job channel are still reported against each other), for a
// resource carried in a context.Context, a struct field reached through a
// receiver, or a channel, and for a derived value that is assigned more
// than once. No fix is offered when the launched code sends on a channel
// or loops forever or cannot be seen (run in place, it could block), when
// a launch is part of an expression, or when the group's Wait is in a form
// whose error handling cannot be repeated at each launch.
package sharedtx
