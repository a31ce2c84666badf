package positive

import (
	"context"
	"database/sql"
	"errors"
	"sync"

	"golang.org/x/sync/errgroup"
)

// event is a value that carries a transaction, with methods of a struct
// receiver.
type event struct {
	tx   *sql.Tx
	name string
}

func (e event) store(ctx context.Context) error {
	_, err := e.tx.ExecContext(ctx, "INSERT INTO events VALUES ($1)", e.name)
	return err
}

func (e event) with(name string) event { e.name = name; return e }

func (e event) exec(ctx context.Context) (sql.Result, error) {
	return e.tx.ExecContext(ctx, "DELETE FROM events WHERE name = $1", e.name)
}

func (e event) flush() error {
	_, err := e.tx.Exec("DELETE FROM pending")
	return err
}

func (e event) run() { _, _ = e.tx.Exec("VACUUM events") }

// CompositeLiteralInHeader: moved into an if header, the literal gets
// parentheses, or the parser would take its braces for the if's block.
func CompositeLiteralInHeader(ctx context.Context, tx *sql.Tx) error {
	var g errgroup.Group
	g.Go(func() error { return event{tx: tx, name: "a"}.store(ctx) }) // want `^transaction tx is used at the same time`
	g.Go(func() error { return event{tx: tx}.with("b").store(ctx) })
	g.Go(func() error {
		_, err := event{tx: tx, name: "c"}.exec(ctx)
		return err
	})
	return g.Wait()
}

// MethodValuesOfStructs: a method value on a literal, and on a variable.
func MethodValuesOfStructs(ctx context.Context, tx *sql.Tx) error {
	e := event{tx: tx, name: "d"}
	g, gctx := errgroup.WithContext(ctx)
	g.Go(event{tx: tx}.flush) // want `^transaction tx is used at the same time`
	g.Go(e.flush)
	g.Go(func() error { return e.store(gctx) })
	if err := g.Wait(); err != nil {
		return errors.Join(errors.New("flush"), err)
	}
	return nil
}

// StructReceiverInWaitGroup: wg.Go(v.m) becomes v.m(), a statement, where
// the literal needs no parentheses.
func StructReceiverInWaitGroup(tx *sql.Tx) {
	var wg sync.WaitGroup
	wg.Go(event{tx: tx, name: "e"}.run) // want `^transaction tx is used at the same time`
	wg.Go(event{tx: tx, name: "f"}.run)
	wg.Wait()
}

// BodiesDeclareTheSameName: the second body's n would clash with the
// first's, so it keeps a block of its own.
func BodiesDeclareTheSameName(ctx context.Context, tx *sql.Tx) (users, orders int) {
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { // want `^transaction tx is used at the same time`
		defer wg.Done()
		n := count(ctx, tx, "users")
		users = n
	}()
	go func() {
		defer wg.Done()
		n := count(ctx, tx, "orders")
		orders = n
	}()
	wg.Wait()
	return users, orders
}

func count(ctx context.Context, tx *sql.Tx, table string) (n int) {
	_ = tx.QueryRowContext(ctx, "SELECT count(*) FROM "+table).Scan(&n)
	return n
}

// BodyDeclaresNameUsedLater: the body's err would hide the named result
// the function returns, so the body keeps a block.
func BodyDeclaresNameUsedLater(ctx context.Context, tx *sql.Tx) (err error) {
	var wg sync.WaitGroup
	wg.Go(func() { // want `^transaction tx is used at the same time`
		_, err := tx.ExecContext(ctx, "DELETE FROM a")
		logError(err)
	})
	_, err = tx.ExecContext(ctx, "DELETE FROM b")
	wg.Wait()
	return err
}

func logError(error) {}

// ReturnInGoBody: run in place, the return would leave the function, so
// the body stays a closure; the WaitGroup still goes.
func ReturnInGoBody(ctx context.Context, tx *sql.Tx, ids []int64) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // want `^transaction tx is used at the same time`
		defer wg.Done()
		if len(ids) == 0 {
			return
		}
		_, _ = tx.ExecContext(ctx, "DELETE FROM a WHERE id = ANY($1)", ids)
	}()
	_, _ = tx.ExecContext(ctx, "DELETE FROM b")
	wg.Wait()
}

// DeferInGoBody: the body's own defer must run when the body ends, so it
// stays a closure.
func DeferInGoBody(ctx context.Context, tx *sql.Tx, out *[]string) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // want `^transaction tx is used at the same time`
		defer wg.Done()
		rows, err := tx.QueryContext(ctx, "SELECT name FROM a")
		if err != nil {
			return
		}
		defer rows.Close()
		for rows.Next() {
			var s string
			_ = rows.Scan(&s)
			*out = append(*out, s)
		}
	}()
	_, _ = tx.ExecContext(ctx, "DELETE FROM b")
	wg.Wait()
}

// LabelInGoBody: labels belong to the whole function, so the body stays
// a closure.
func LabelInGoBody(ctx context.Context, tx *sql.Tx, batches [][]int64) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // want `^transaction tx is used at the same time`
		defer wg.Done()
	batches:
		for _, b := range batches {
			for _, id := range b {
				if _, err := tx.ExecContext(ctx, "DELETE FROM a WHERE id = $1", id); err != nil {
					break batches
				}
			}
		}
	}()
	_, _ = tx.ExecContext(ctx, "DELETE FROM b")
	wg.Wait()
}

// RawStringInBody: the body moves one indentation left, but the text of
// a raw string stays as it was.
func RawStringInBody(ctx context.Context, tx *sql.Tx) {
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { // want `^transaction tx is used at the same time`
		defer wg.Done()
		_, _ = tx.ExecContext(ctx, `
			DELETE FROM a
			WHERE created < now() - interval '1 day'`)
	}()
	go func() {
		_, _ = tx.ExecContext(ctx, "DELETE FROM b")
		wg.Done()
	}()
	wg.Wait()
}

// WaitGroupPassedOn: the helper calls Done itself, so the WaitGroup stays.
func WaitGroupPassedOn(ctx context.Context, tx *sql.Tx) {
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { // want `^transaction tx is used at the same time`
		defer wg.Done()
		_, _ = tx.ExecContext(ctx, "DELETE FROM a")
	}()
	go purge(ctx, tx, &wg)
	wg.Wait()
}

func purge(ctx context.Context, tx *sql.Tx, wg *sync.WaitGroup) {
	defer wg.Done()
	_, _ = tx.ExecContext(ctx, "DELETE FROM b")
}

// ContextShadowedInBody: inside the body, ctx is another context where
// the group's one is used, so gctx stays, defined as ctx.
func ContextShadowedInBody(ctx context.Context, tx *sql.Tx) error {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { // want `^transaction tx is used at the same time`
		ctx, cancel := context.WithCancel(gctx)
		_, err := tx.ExecContext(ctx, "DELETE FROM a")
		cancel()
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(gctx, "DELETE FROM b")
		return err
	})
	_, _ = tx.ExecContext(ctx, "DELETE FROM c")
	if err := g.Wait(); err != nil {
		return err
	}
	return nil
}

// NamedResultInBody: the body's named result needs its function.
func NamedResultInBody(ctx context.Context, tx *sql.Tx) error {
	var g errgroup.Group
	g.Go(func() (err error) { // want `^transaction tx is used at the same time`
		_, err = tx.ExecContext(ctx, "DELETE FROM a")
		return
	})
	g.Go(func() error {
		_, err := tx.ExecContext(ctx, "DELETE FROM b")
		if err != nil {
			return errors.Join(errors.New("b"), err)
		}
		return nil
	})
	return g.Wait()
}

// AssignedWaitError: err = g.Wait() assigns the function's err, and so
// does each launch.
func AssignedWaitError(ctx context.Context, tx *sql.Tx) (err error) {
	var g errgroup.Group
	g.Go(func() error { return event{tx: tx, name: "g"}.store(ctx) }) // want `^transaction tx is used at the same time`
	g.Go(func() error {
		_, err := tx.ExecContext(ctx, "DELETE FROM b")
		return err
	})
	if err = g.Wait(); err != nil {
		return err
	}
	return nil
}

// BodyReturnsNil: the statements run, and there is no error to check.
func BodyReturnsNil(ctx context.Context, tx *sql.Tx) error {
	var g errgroup.Group
	g.Go(func() error { // want `^transaction tx is used at the same time`
		_, _ = tx.ExecContext(ctx, "DELETE FROM a")
		return nil
	})
	g.Go(func() error {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM b").Scan(&n); err != nil {
			return err
		}
		logError(nil)
		return tx.QueryRowContext(ctx, "SELECT $1::int", n).Err()
	})
	return g.Wait()
}
