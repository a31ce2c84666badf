// Package corpus writes a synthetic Go module of database code, scaled by
// a factor, so that txvet's cost can be measured as the code grows.
//
// Each package holds ordinary code (types, loops, maps) and transaction
// code in the shapes txvet looks at: the canonical defer-Rollback idiom,
// explicit releases under a deferred one, a release helper imported from
// the previous package (a cross-package fact), goroutines sharing one
// transaction and goroutines using the pool. Packages form a chain so that
// facts and export data flow between them as in a real module.
package corpus

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Module is the module path of the generated corpus.
const Module = "txvet.example/corpus"

// Shape fixes how much code one scale unit holds.
type Shape struct {
	PackagesPerUnit int // packages added per unit of scale
	FilesPerPackage int
	GroupsPerFile   int // each group is one ordinary and one database function set
}

// DefaultShape is about 2,000 lines of Go per unit of scale.
var DefaultShape = Shape{PackagesPerUnit: 2, FilesPerPackage: 3, GroupsPerFile: 3}

// Stats describes what Write produced.
type Stats struct {
	Packages, Files, Lines int
	// Planted counts the functions written to draw a diagnostic, by kind.
	Planted map[string]int
}

// Write writes the corpus at the given scale into dir, which must be empty
// or absent.
func Write(dir string, scale int, shape Shape) (Stats, error) {
	st := Stats{Planted: map[string]int{}}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return st, err
	}
	gomod := fmt.Sprintf("module %s\n\ngo 1.26.0\n\nrequire golang.org/x/sync v0.0.0\n\nreplace golang.org/x/sync => ./xsync\n", Module)
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644); err != nil {
		return st, err
	}
	if err := writeErrgroup(filepath.Join(dir, "xsync")); err != nil {
		return st, err
	}
	n := scale * shape.PackagesPerUnit
	for p := range n {
		pkgDir := filepath.Join(dir, pkgName(p))
		if err := os.MkdirAll(pkgDir, 0o755); err != nil {
			return st, err
		}
		for f := range shape.FilesPerPackage {
			src := file(p, f, shape.GroupsPerFile, st.Planted)
			name := filepath.Join(pkgDir, fmt.Sprintf("f%02d.go", f))
			if err := os.WriteFile(name, []byte(src), 0o644); err != nil {
				return st, err
			}
			st.Files++
			st.Lines += strings.Count(src, "\n")
		}
		st.Packages++
	}
	return st, nil
}

func pkgName(p int) string { return fmt.Sprintf("p%04d", p) }

// file returns the source of file f of package p.
func file(p, f, groups int, planted map[string]int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "package %s\n\nimport (\n\t\"context\"\n\t\"database/sql\"\n\t\"errors\"\n\t\"fmt\"\n\t\"sort\"\n\t\"strings\"\n\t\"sync\"\n\n\t\"golang.org/x/sync/errgroup\"\n", pkgName(p))
	prev := ""
	if p > 0 {
		prev = pkgName(p - 1)
		fmt.Fprintf(&b, "\n\t%q\n", Module+"/"+prev)
	}
	b.WriteString(")\n\n")
	b.WriteString("var (\n\t_ = errgroup.WithContext\n\t_ = errors.New\n\t_ = fmt.Sprint\n\t_ = sort.Ints\n\t_ = strings.Join\n\t_ sync.Mutex\n\t_ context.Context\n\t_ *sql.DB\n)\n")
	if f == 0 {
		// The release helper that later packages defer (a fact crosses the import).
		b.WriteString(finishHelper)
		if prev != "" {
			fmt.Fprintf(&b, "\nvar _ = %s.Finish\n", prev)
		}
	}
	for g := range groups {
		id := fmt.Sprintf("%d_%d", f, g)
		fmt.Fprintf(&b, ordinary, id, id, id, id)
		fmt.Fprintf(&b, canonical, id)
		fmt.Fprintf(&b, earlyRelease, id)
		fmt.Fprintf(&b, poolGoroutines, id)
		if prev != "" {
			fmt.Fprintf(&b, helperScope, id, prev)
		}
		// One planted finding of each kind per file, in the first group.
		if g == 0 {
			fmt.Fprintf(&b, redundantRelease, id)
			planted["redundant-release"]++
			fmt.Fprintf(&b, sharedTx, id)
			planted["shared-tx"]++
			fmt.Fprintf(&b, sharedTxStructs, id)
			planted["shared-tx"] += 2
		}
	}
	return b.String()
}

const finishHelper = `
// Finish commits tx when *err is nil and rolls it back otherwise.
func Finish(tx *sql.Tx, err *error) {
	if *err != nil {
		_ = tx.Rollback()
		return
	}
	*err = tx.Commit()
}
`

// ordinary is non-database code: the bulk that type-checking pays for.
const ordinary = `
type Record%s struct {
	ID    int
	Name  string
	Tags  []string
	Attrs map[string]int
}

func Summarize%s(rs []Record%s) (string, error) {
	if len(rs) == 0 {
		return "", errors.New("no records")
	}
	counts := make(map[string]int)
	for _, r := range rs {
		for _, t := range r.Tags {
			counts[strings.ToLower(t)]++
		}
		for k, v := range r.Attrs {
			if v > 0 {
				counts[k] += v
			}
		}
	}
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var sb strings.Builder
	for i, k := range keys {
		if i > 0 {
			sb.WriteString(", ")
		}
		fmt.Fprintf(&sb, "%%s=%%d", k, counts[k])
	}
	return sb.String(), nil
}

func Merge%s(ctx context.Context, a, b []int) []int {
	out := make([]int, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if ctx.Err() != nil {
			return nil
		}
		switch {
		case a[i] <= b[j]:
			out = append(out, a[i])
			i++
		default:
			out = append(out, b[j])
			j++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}
`

// canonical is the idiom txvet must leave alone.
const canonical = `
func Transfer%s(ctx context.Context, db *sql.DB, from, to, amount int) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE accounts SET balance = balance - $1 WHERE id = $2", amount, from); err != nil {
		return fmt.Errorf("debit: %%w", err)
	}
	if _, err := tx.ExecContext(ctx, "UPDATE accounts SET balance = balance + $1 WHERE id = $2", amount, to); err != nil {
		return fmt.Errorf("credit: %%w", err)
	}
	return tx.Commit()
}
`

// earlyRelease releases early and then does more database work: no finding.
const earlyRelease = `
func Retry%s(ctx context.Context, db *sql.DB, id int) error {
	for attempt := 0; attempt < 3; attempt++ {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		if _, err := tx.ExecContext(ctx, "UPDATE jobs SET tries = tries + 1 WHERE id = $1", id); err != nil {
			tx.Rollback()
			continue
		}
		return tx.Commit()
	}
	return errors.New("gave up")
}
`

// poolGoroutines uses the pool from goroutines: no finding.
const poolGoroutines = `
func Counts%s(ctx context.Context, db *sql.DB) (int, int, error) {
	var a, b int
	var ea, eb error
	var wg sync.WaitGroup
	wg.Go(func() { ea = db.QueryRowContext(ctx, "SELECT count(*) FROM a").Scan(&a) })
	wg.Go(func() { eb = db.QueryRowContext(ctx, "SELECT count(*) FROM b").Scan(&b) })
	wg.Wait()
	return a, b, errors.Join(ea, eb)
}
`

// helperScope defers the previous package's release helper: no finding.
const helperScope = `
func Archive%s(ctx context.Context, db *sql.DB, id int) (err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer %s.Finish(tx, &err)
	_, err = tx.ExecContext(ctx, "INSERT INTO archive SELECT * FROM items WHERE id = $1", id)
	return err
}
`

// redundantRelease is the seed's double close: a doublerelease finding.
const redundantRelease = `
func Rename%s(ctx context.Context, db *sql.DB, id int, name string) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE items SET name = $1 WHERE id = $2", name, id); err != nil {
		tx.Rollback()
		return fmt.Errorf("rename: %%w", err)
	}
	return tx.Commit()
}
`

// sharedTx runs two queries at once on one transaction: a sharedtx finding.
const sharedTx = `
func History%s(ctx context.Context, db *sql.DB, user int) (rows, total int, err error) {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return 0, 0, err
	}
	defer tx.Rollback()
	var er, et error
	var wg sync.WaitGroup
	wg.Go(func() { er = tx.QueryRowContext(ctx, "SELECT count(*) FROM events WHERE user_id = $1 AND day = current_date", user).Scan(&rows) })
	wg.Go(func() { et = tx.QueryRowContext(ctx, "SELECT count(*) FROM events WHERE user_id = $1", user).Scan(&total) })
	wg.Wait()
	if err := errors.Join(er, et); err != nil {
		return 0, 0, err
	}
	return rows, total, tx.Commit()
}
`

// sharedTxStructs launches methods of a struct that holds the transaction:
// a composite literal at the start of an errgroup body (the fix moves it
// into an if header), a method value of a struct literal, and goroutines
// counted by hand with a WaitGroup. Two sharedtx findings.
const sharedTxStructs = `
type Audit%[1]s struct {
	tx   *sql.Tx
	user int
}

func (a Audit%[1]s) record(ctx context.Context, what string) error {
	_, err := a.tx.ExecContext(ctx, "INSERT INTO audit (user_id, what) VALUES ($1, $2)", a.user, what)
	return err
}

func (a Audit%[1]s) touch() { _, _ = a.tx.Exec("UPDATE users SET seen = now() WHERE id = $1", a.user) }

func Log%[1]s(ctx context.Context, db *sql.DB, user int) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return Audit%[1]s{tx: tx, user: user}.record(gctx, "login") })
	g.Go(func() error {
		_, err := tx.ExecContext(gctx, "UPDATE users SET logins = logins + 1 WHERE id = $1", user)
		return err
	})
	if err := g.Wait(); err != nil {
		return fmt.Errorf("record: %%w", err)
	}
	return tx.Commit()
}

func Touch%[1]s(tx *sql.Tx, users []int) {
	var wg sync.WaitGroup
	for _, u := range users {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a := Audit%[1]s{tx: tx, user: u}
			a.touch()
		}()
	}
	wg.Go(Audit%[1]s{tx: tx}.touch)
	wg.Wait()
}
`

// writeErrgroup writes, as module golang.org/x/sync in dir, the part of
// errgroup the corpus uses, so that the corpus builds without a download.
func writeErrgroup(dir string) error {
	if err := os.MkdirAll(filepath.Join(dir, "errgroup"), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module golang.org/x/sync\n\ngo 1.26.0\n"), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "errgroup", "errgroup.go"), []byte(errgroupSource), 0o644)
}

const errgroupSource = `// Package errgroup is the part of golang.org/x/sync/errgroup that the
// generated corpus uses: Go runs a function, Wait returns the first error.
package errgroup

import (
	"context"
	"sync"
)

type Group struct {
	wg     sync.WaitGroup
	once   sync.Once
	err    error
	cancel func()
}

func WithContext(ctx context.Context) (*Group, context.Context) {
	ctx, cancel := context.WithCancel(ctx)
	return &Group{cancel: cancel}, ctx
}

func (g *Group) Go(f func() error) {
	g.wg.Go(func() {
		if err := f(); err != nil {
			g.once.Do(func() {
				g.err = err
				if g.cancel != nil {
					g.cancel()
				}
			})
		}
	})
}

func (g *Group) Wait() error {
	g.wg.Wait()
	if g.cancel != nil {
		g.cancel()
	}
	return g.err
}
`
