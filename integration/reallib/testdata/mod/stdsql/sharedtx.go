package stdsql

import (
	"context"
	"database/sql"
	"sync"

	"golang.org/x/sync/errgroup"
)

// --- sharedtx: report ---

// The incident: the rows query and the count query at once on one transaction.
func pageAndCount(ctx context.Context, db *sql.DB) ([]string, int, error) {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	var names []string
	var total int
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { // want `^transaction tx is used at the same time by the goroutines launched at lines \d+ and \d+`
		rows, err := tx.QueryContext(gctx, "SELECT name FROM t LIMIT 50")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				return err
			}
			names = append(names, s)
		}
		return rows.Err()
	})
	g.Go(func() error {
		return tx.QueryRowContext(gctx, "SELECT count(*) FROM t").Scan(&total)
	})
	if err := g.Wait(); err != nil {
		return nil, 0, err
	}
	return names, total, tx.Commit()
}

// A launch in a loop overlaps with itself.
func updateAllInLoop(ctx context.Context, tx *sql.Tx, ids []int64) error {
	var g errgroup.Group
	for _, id := range ids {
		g.Go(func() error { // want `^transaction tx is used at the same time by the goroutines launched in a loop at line \d+`
			_, err := tx.ExecContext(ctx, "UPDATE t SET n = n + 1 WHERE id = $1", id)
			return err
		})
	}
	return g.Wait()
}

// sync.WaitGroup.Go (Go 1.25) on a single connection.
func waitGroupGoOnConn(ctx context.Context, conn *sql.Conn) {
	var wg sync.WaitGroup
	wg.Go(func() { // want `^connection conn is used at the same time by the goroutines launched at lines \d+ and \d+`
		conn.ExecContext(ctx, "ANALYZE a")
	})
	wg.Go(func() {
		conn.ExecContext(ctx, "ANALYZE b")
	})
	wg.Wait()
}

// A go statement passed the transaction while the parent keeps using it.
func goStatementAndParent(ctx context.Context, tx *sql.Tx) error {
	go audit(ctx, tx, "start") // want `^transaction tx is used at the same time by the goroutine launched at line \d+ and by this function at line \d+ before it waits for them`
	_, err := tx.ExecContext(ctx, "UPDATE t SET n = 0")
	return err
}

func audit(ctx context.Context, tx *sql.Tx, what string) {
	tx.ExecContext(ctx, "INSERT INTO audit VALUES ($1)", what)
}

// --- sharedtx: never report ---

// Each goroutine draws its own connection from the pool.
func poolPerGoroutine(ctx context.Context, db *sql.DB) (int, int, error) {
	var a, b int
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return db.QueryRowContext(gctx, "SELECT count(*) FROM a").Scan(&a) })
	g.Go(func() error { return db.QueryRowContext(gctx, "SELECT count(*) FROM b").Scan(&b) })
	return a, b, g.Wait()
}

// Each goroutine begins its own transaction.
func ownTxPerGoroutine(ctx context.Context, db *sql.DB, ids []int64) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, id := range ids {
		g.Go(func() error {
			tx, err := db.BeginTx(gctx, nil)
			if err != nil {
				return err
			}
			defer tx.Rollback()
			if _, err := tx.ExecContext(gctx, "UPDATE t SET n = 0 WHERE id = $1", id); err != nil {
				return err
			}
			return tx.Commit()
		})
	}
	return g.Wait()
}

// One at a time.
func limitedToOne(ctx context.Context, tx *sql.Tx, ids []int64) error {
	var g errgroup.Group
	g.SetLimit(1)
	for _, id := range ids {
		g.Go(func() error {
			_, err := tx.ExecContext(ctx, "DELETE FROM t WHERE id = $1", id)
			return err
		})
	}
	return g.Wait()
}

// One launch, waited for before the transaction is used again.
func waitedBeforeReuse(ctx context.Context, tx *sql.Tx) error {
	var g errgroup.Group
	g.Go(func() error {
		_, err := tx.ExecContext(ctx, "UPDATE t SET n = 1")
		return err
	})
	if err := g.Wait(); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, "UPDATE t SET n = 2")
	return err
}
