package negative

import (
	"context"
	"database/sql"
	"sync"

	"golang.org/x/sync/errgroup"
	"gorm.io/gorm"

	"github.com/jackc/pgx/v5"
)

// Where tracking is uncertain, the analyzer stays silent. Each function is
// a limit of the analysis, listed in docs/sharedtx.md.

type ctxKey struct{}

// TxInContext: a transaction carried in a context.Context is not followed.
func TxInContext(ctx context.Context, tx *sql.Tx) error {
	ctx = context.WithValue(ctx, ctxKey{}, tx)
	var g errgroup.Group
	g.Go(func() error { return deleteFrom(ctx, "a") })
	g.Go(func() error { return deleteFrom(ctx, "b") })
	return g.Wait()
}

func deleteFrom(ctx context.Context, table string) error {
	tx := ctx.Value(ctxKey{}).(*sql.Tx)
	_, err := tx.ExecContext(ctx, "DELETE FROM "+table)
	return err
}

// Repo keeps its transaction in a field.
type Repo struct{ tx *sql.Tx }

// TxInReceiverField: a transaction reached through a method's receiver is
// not followed.
func (r *Repo) TxInReceiverField(ctx context.Context) error {
	var g errgroup.Group
	g.Go(func() error { _, err := r.tx.ExecContext(ctx, "DELETE FROM a"); return err })
	g.Go(func() error { _, err := r.tx.ExecContext(ctx, "DELETE FROM b"); return err })
	return g.Wait()
}

// TxSentOverChannel: a transaction handed over a channel is not followed.
func TxSentOverChannel(ctx context.Context, tx *sql.Tx) {
	txs := make(chan *sql.Tx, 2)
	txs <- tx
	txs <- tx
	var wg sync.WaitGroup
	for i := 0; i < 2; i++ {
		wg.Go(func() {
			t := <-txs
			_, _ = t.ExecContext(ctx, "DELETE FROM a")
		})
	}
	wg.Wait()
}

// LaunchWaitsForSignal: the goroutine waits on a channel the function
// closes after its own query: the order is the code's own, not guessed.
func LaunchWaitsForSignal(ctx context.Context, tx *sql.Tx) {
	start := make(chan struct{})
	go func() {
		<-start
		_, _ = tx.ExecContext(ctx, "DELETE FROM a")
	}()
	_, _ = tx.ExecContext(ctx, "DELETE FROM b")
	close(start)
}

// LaunchesTakeALock: goroutines that hold a lock around their queries run
// them in turn.
func LaunchesTakeALock(ctx context.Context, tx *sql.Tx, ids []int64) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Go(func() {
			mu.Lock()
			defer mu.Unlock()
			_, _ = tx.ExecContext(ctx, "DELETE FROM a WHERE id = $1", id)
		})
	}
	wg.Wait()
}

// ValueComputedFromTx: count(tx) is evaluated by the launching function;
// the goroutine only gets an int.
func ValueComputedFromTx(ctx context.Context, tx *sql.Tx) {
	var wg sync.WaitGroup
	wg.Add(2)
	go report(count(ctx, tx), &wg)
	go report(count(ctx, tx), &wg)
	wg.Wait()
}

func count(ctx context.Context, tx *sql.Tx) int {
	var n int
	_ = tx.QueryRowContext(ctx, "SELECT count(*) FROM a").Scan(&n)
	return n
}

func report(n int, wg *sync.WaitGroup) { defer wg.Done(); println(n) }

// GormDBParameterIsNotATx: a *gorm.DB parameter may be the pool: only
// Begin and Transaction callbacks make it a transaction.
func GormDBParameterIsNotATx(db *gorm.DB) error {
	var g errgroup.Group
	g.Go(func() error { return db.Create(&User{ID: 1}).Error })
	g.Go(func() error { return db.Create(&User{ID: 2}).Error })
	return g.Wait()
}

// DerivedValueReassigned: q is reassigned, so which transaction it holds
// when the goroutines run is not known.
func DerivedValueReassigned(ctx context.Context, tx *sql.Tx, other *sql.DB) {
	s := Store{tx: tx}
	s = Store{db: other}
	var wg sync.WaitGroup
	wg.Go(s.Touch)
	wg.Go(s.Touch)
	wg.Wait()
}

// Store holds a transaction or a pool.
type Store struct {
	tx *sql.Tx
	db *sql.DB
}

func (s Store) Touch() {}

// SuppressedWithDirective: //txvet:ignore on the line above.
func SuppressedWithDirective(ctx context.Context, tx *sql.Tx) {
	var wg sync.WaitGroup
	//txvet:ignore reads of a read-only snapshot in a test helper
	wg.Go(func() { _, _ = tx.ExecContext(ctx, "SELECT 1") })
	wg.Go(func() { _, _ = tx.ExecContext(ctx, "SELECT 2") })
	wg.Wait()
}

// GroupFromCaller: the caller may have limited g to one goroutine.
func GroupFromCaller(ctx context.Context, g *errgroup.Group, tx *sql.Tx) {
	g.Go(func() error { _, err := tx.ExecContext(ctx, "DELETE FROM a"); return err })
	g.Go(func() error { _, err := tx.ExecContext(ctx, "DELETE FROM b"); return err })
}

// Service keeps a group in a field.
type Service struct{ g *errgroup.Group }

// GroupInField: the group's limit is set wherever the field is.
func (s *Service) GroupInField(ctx context.Context, tx *sql.Tx, ids []int64) {
	for _, id := range ids {
		s.g.Go(func() error { _, err := tx.ExecContext(ctx, "DELETE FROM a WHERE id = $1", id); return err })
	}
}

// Logger is not a database handle.
type Logger struct{}

func (Logger) Print(string) {}

// Service2 holds a transaction and a logger.
type Service2 struct {
	tx  *sql.Tx
	log Logger
}

// FieldThatCannotHoldTx: the goroutines only touch the logger of a struct
// that also holds tx.
func FieldThatCannotHoldTx(tx *sql.Tx) {
	s := Service2{tx: tx}
	var wg sync.WaitGroup
	wg.Go(func() { s.log.Print("a") })
	wg.Go(func() { s.log.Print("b") })
	go s.log.Print("c")
	wg.Wait()
	_ = s.tx.Commit()
}

// TxAddressTaken: where &tx goes, tx may change, so it is not followed.
func TxAddressTaken(ctx context.Context, db *sql.DB) {
	var tx *sql.Tx
	begin(ctx, db, &tx)
	var wg sync.WaitGroup
	wg.Go(func() { _, _ = tx.ExecContext(ctx, "DELETE FROM a") })
	wg.Go(func() { _, _ = tx.ExecContext(ctx, "DELETE FROM b") })
	wg.Wait()
}

func begin(ctx context.Context, db *sql.DB, tx **sql.Tx) { *tx, _ = db.BeginTx(ctx, nil) }

// ClosureDefinedNotRun: defining a closure that uses tx is not a use; it
// runs after the Wait.
func ClosureDefinedNotRun(ctx context.Context, tx *sql.Tx) {
	var wg sync.WaitGroup
	wg.Go(func() { _, _ = tx.ExecContext(ctx, "DELETE FROM a") })
	cleanup := func() { _ = tx.Rollback() }
	wg.Wait()
	cleanup()
}

// AttributeReadIsNotAUse: reading the backend's PID runs no query (pgx's
// own test of a connection killed while a query runs).
func AttributeReadIsNotAUse(ctx context.Context, conn *pgx.Conn, other *pgx.Conn) {
	var wg sync.WaitGroup
	wg.Go(func() { _, _ = conn.Exec(ctx, "SELECT pg_sleep(10)") })
	_, _ = other.Exec(ctx, "SELECT pg_terminate_backend($1)", conn.PgConn().PID())
	wg.Wait()
	_ = conn.IsClosed()
}

// Semaphore stands for golang.org/x/sync/semaphore.Weighted, whose code
// the analyzer does not see.
type Semaphore interface {
	Acquire(ctx context.Context, n int64) error
	Release(n int64)
}

// LaunchesTakeASemaphore: a semaphore of one orders the goroutines.
func LaunchesTakeASemaphore(ctx context.Context, tx *sql.Tx, sem Semaphore, ids []int64) {
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Go(func() {
			if err := sem.Acquire(ctx, 1); err != nil {
				return
			}
			defer sem.Release(1)
			_, _ = tx.ExecContext(ctx, "DELETE FROM a WHERE id = $1", id)
		})
	}
	wg.Wait()
}

// LaunchesShareAOnce: sync.Once runs the query once; the others wait.
func LaunchesShareAOnce(ctx context.Context, tx *sql.Tx) {
	var once sync.Once
	var wg sync.WaitGroup
	for range 3 {
		wg.Go(func() { once.Do(func() { _, _ = tx.ExecContext(ctx, "REFRESH MATERIALIZED VIEW v") }) })
	}
	wg.Wait()
}

// CopyReassigned: t is a copy of tx, then another transaction: the
// goroutine and the function use different connections.
func CopyReassigned(ctx context.Context, tx, other *sql.Tx) {
	t := tx
	if other != nil {
		t = other
	}
	go func() { _, _ = t.ExecContext(ctx, "DELETE FROM a") }()
	_, _ = tx.ExecContext(ctx, "DELETE FROM b")
}

// LaunchesLockAroundTheQuery: Lock and Unlock around the query itself.
func LaunchesLockAroundTheQuery(ctx context.Context, tx *sql.Tx, ids []int64) map[int64]string {
	var mu sync.Mutex
	var wg sync.WaitGroup
	names := make(map[int64]string)
	for _, id := range ids {
		wg.Go(func() {
			var name string
			mu.Lock()
			err := tx.QueryRowContext(ctx, "SELECT name FROM a WHERE id = $1", id).Scan(&name)
			if err == nil {
				names[id] = name
			}
			mu.Unlock()
		})
	}
	wg.Wait()
	return names
}

// LockedSectionInBranch: the lock is taken in a branch; its extent is not
// followed.
func LockedSectionInBranch(ctx context.Context, tx *sql.Tx, ids []int64, locked bool) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Go(func() {
			if locked {
				mu.Lock()
			}
			_, _ = tx.ExecContext(ctx, "DELETE FROM a WHERE id = $1", id)
			if locked {
				mu.Unlock()
			}
		})
	}
	wg.Wait()
}
