// Package postgres runs the shipped example service against a real
// PostgreSQL, as written and after `txvet -fix`, and checks that the fixes
// turn failing requests into working ones without changing the data.
//
// It needs a server: run it through scripts/postgres.sh, which starts a
// throw-away one and sets TXVET_PG_DSN. Without TXVET_PG_DSN it skips.
package postgres

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/txvet/txvet/internal/testtool"
)

const (
	seedRows       = 20000 // user 1's history
	historyURL     = "/history?user=1&limit=50&offset=100"
	historyRounds  = 200 // GET requests per run
	historyClients = 4   // concurrent clients sending them
	recordRounds   = 20  // POST requests per run

	leakPool = 2               // connections of the service that shows the leak
	leakGood = 5               // good requests after the leaking ones
	leakWait = 3 * time.Second // how long a good request may wait for a connection

	historyDeadline = time.Minute // for all GET requests of one run
	requestTimeout  = 10 * time.Second
)

func TestMain(m *testing.M) { testtool.Main(m) }

// TestExampleBeforeAndAfterFix is issue 6: each bug of example/ fails on a
// real server as written, and works after txvet -fix.
func TestExampleBeforeAndAfterFix(t *testing.T) {
	dsn := os.Getenv("TXVET_PG_DSN")
	if dsn == "" {
		t.Skip("TXVET_PG_DSN is not set, so no PostgreSQL to run the example against: " +
			"run `scripts/postgres.sh go test -v ./integration/postgres/`")
	}
	if _, err := exec.LookPath("psql"); err != nil {
		t.Fatalf("psql not found (it comes with Debian's postgresql, which scripts/postgres.sh installs): %v", err)
	}
	example := filepath.Join(testtool.RepoRoot(), "example")
	drivers := []string{"sql", "pgx"} // database/sql with the pgx stdlib driver; native pgx
	t.Logf("%s, pgx %s, %s", psql(t, dsn, "SELECT version()"), moduleVersion(t, example, "github.com/jackc/pgx/v5"), runtime.Version())

	// As written.
	before := goBuild(t, example)
	asWritten := make(map[string]*outcome)
	for _, driver := range drivers {
		o := exercise(t, before, driver, dsn)
		asWritten[driver] = o
		t.Logf("%s as written: %s", driver, o)
		// The double release: the helper reports failure for committed work.
		if o.recordFailed != recordRounds || o.recordCommitted != recordRounds {
			t.Errorf("%s as written: Record should fail for every committed insert; %d of %d failed, %d committed",
				driver, o.recordFailed, recordRounds, o.recordCommitted)
		}
		// The leak: a few failing requests exhaust the pool, and the next
		// good request waits for a connection until its context ends.
		if o.forgetNotFound != leakPool || o.leakGoodOK != 0 || !o.leakGoodWaited {
			t.Errorf("%s as written: after %d leaking requests the next good one should wait; %d answered 404, %d good answered, waited: %v",
				driver, leakPool, o.forgetNotFound, o.leakGoodOK, o.leakGoodWaited)
		}
	}
	// The shared transaction fails at random; across both drivers it must
	// show, or the example no longer demonstrates the bug.
	if !slices.ContainsFunc(slices.Collect(maps.Values(asWritten)), func(o *outcome) bool {
		return o.crash != "" || o.historyOK < historyRounds
	}) {
		t.Errorf("the example's shared transaction failed no request with either driver")
	}

	// After txvet -fix on a copy.
	after := goBuild(t, fixedExample(t, example))
	for _, driver := range drivers {
		o := exercise(t, after, driver, dsn)
		t.Logf("%s after fix:  %s", driver, o)
		// Everything works and returns what sequential code returns.
		if o.crash != "" || o.historyOK != historyRounds {
			t.Errorf("%s after fix: %d of %d history requests returned the sequential queries' page (crash: %q, errors: %v)",
				driver, o.historyOK, historyRounds, o.crash, o.historyErrors)
		}
		if o.recordFailed != 0 || o.recordCommitted != recordRounds || !o.recordIDsMatch {
			t.Errorf("%s after fix: Record: %d of %d failed, %d committed, ids match: %v",
				driver, o.recordFailed, recordRounds, o.recordCommitted, o.recordIDsMatch)
		}
		// The leak is fixed: every request gets its answer.
		if o.forgetNotFound != leakPool || o.leakGoodOK != leakGood || o.leakGoodWaited {
			t.Errorf("%s after fix: %d of %d unknown ids answered 404, %d of %d good requests answered, one waited: %v",
				driver, o.forgetNotFound, leakPool, o.leakGoodOK, leakGood, o.leakGoodWaited)
		}
		// The redundant release is a clean-up: the fix changes nothing visible.
		if b := asWritten[driver]; o.clear != b.clear {
			t.Errorf("%s: Clear answers differently after the fix:\nbefore %s\nafter  %s", driver, b.clear, o.clear)
		}
	}
}

// fixedExample copies the example, applies txvet -fix to the copy and
// returns its directory. Every finding must have had a fix, and the fixed
// copy must draw none.
func fixedExample(t *testing.T, example string) string {
	t.Helper()
	txvet := testtool.Txvet(t)
	dir := testtool.CopyDir(t, example)
	t.Logf("txvet -diff on the example:\n%s", run(t, dir, []int{1}, txvet, "-diff", "./..."))
	run(t, dir, []int{0}, txvet, "-fix", "./...")
	if out := run(t, dir, []int{0, 1}, txvet, "./..."); out != "" {
		t.Fatalf("the fixed example still draws findings:\n%s", out)
	}
	return dir
}

// outcome is what one build of the example did with one driver.
type outcome struct {
	historyOK       int            // GET /history answers equal to the sequential queries' result
	historyAnswered int            // requests answered (all of them unless it crashed)
	historyErrors   map[string]int // other answers, by first line
	crash           string         // the process's panic line, if it died

	recordFailed    int  // POST /history answers that were errors
	recordCommitted int  // rows that are in the table afterwards
	recordIDsMatch  bool // the ids returned are the ids committed

	clear string // DELETE /history answers, bad then good input

	// The leak, on a pool of leakPool connections: unknown ids answered
	// 404, then good requests answered, and whether one got no answer
	// within leakWait.
	forgetNotFound int
	leakGoodOK     int
	leakGoodWaited bool
}

func (o *outcome) String() string {
	s := fmt.Sprintf("GET /history: %d of %d right", o.historyOK, historyRounds)
	if len(o.historyErrors) > 0 {
		var errs []string
		for _, k := range slices.Sorted(maps.Keys(o.historyErrors)) {
			errs = append(errs, fmt.Sprintf("%d× %q", o.historyErrors[k], k))
		}
		s += ", failed: " + strings.Join(errs, ", ")
	}
	if o.crash != "" {
		s += fmt.Sprintf(", process crashed after %d answers: %s", o.historyAnswered, o.crash)
	}
	s += fmt.Sprintf("; POST /history: %d of %d failed, %d committed", o.recordFailed, recordRounds, o.recordCommitted)
	s += "; DELETE /history: " + o.clear
	s += fmt.Sprintf("; pool of %d: %d of %d unknown ids answered 404, then %d of %d good requests answered",
		leakPool, o.forgetNotFound, leakPool, o.leakGoodOK, leakGood)
	if o.leakGoodWaited {
		s += fmt.Sprintf(", the next got no answer in %v", leakWait)
	}
	return s
}

// exercise starts bin with driver on a freshly seeded table and sends it
// the calls of each bug.
func exercise(t *testing.T, bin, driver, dsn string) *outcome {
	svc := start(t, bin, driver, dsn)
	psql(t, dsn, fmt.Sprintf(`TRUNCATE query_history RESTART IDENTITY;
		INSERT INTO query_history (user_id, query, created_at)
		SELECT 1, 'SELECT ' || g, timestamptz '2026-01-01 00:00:00Z' + g * interval '1 second'
		FROM generate_series(1, %d) g`, seedRows))
	o := &outcome{historyErrors: make(map[string]int)}

	// The shared transaction: the rows query and the count query at once.
	want := sequentialPage(t, dsn)
	var sent, answered, ok, timeouts atomic.Int64
	var mu sync.Mutex
	var wg sync.WaitGroup
	deadline := time.Now().Add(historyDeadline)
	for range historyClients {
		wg.Go(func() {
			for sent.Add(1) <= historyRounds && !svc.exited() && time.Now().Before(deadline) {
				status, body, err := svc.do("GET", historyURL, "")
				if err != nil && svc.waitExit(time.Second) {
					return // it crashed: counted below, not as a failed request
				}
				if err == nil {
					answered.Add(1)
				}
				if err == nil && status == http.StatusOK && samePage(body, want) {
					ok.Add(1)
					continue
				}
				key := firstLine(body)
				if err != nil {
					key = "no answer"
					if errors.Is(err, context.DeadlineExceeded) || os.IsTimeout(err) {
						key = "no answer in time"
						timeouts.Add(1)
					}
				}
				mu.Lock()
				o.historyErrors[key]++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	o.historyOK = int(ok.Load())
	o.historyAnswered = int(answered.Load())
	switch {
	case svc.waitExit(time.Second):
		o.crash = svc.panicLine()
		svc = start(t, bin, driver, dsn)
	case timeouts.Load() > 0: // hung: start afresh for the other calls
		svc.stop()
		svc = start(t, bin, driver, dsn)
	}

	// The release inside the helper's callback: the helper commits twice.
	var ids []string
	for i := range recordRounds {
		status, body, err := svc.do("POST", "/history", fmt.Sprintf(`{"user":2,"query":"SELECT %d"}`, i))
		if err != nil {
			t.Fatalf("POST /history: %v", err)
		}
		if status != http.StatusCreated {
			o.recordFailed++
			continue
		}
		var r struct{ ID int64 }
		if err := json.Unmarshal([]byte(body), &r); err != nil {
			t.Fatalf("POST /history answered %q: %v", body, err)
		}
		ids = append(ids, strconv.FormatInt(r.ID, 10))
	}
	committed := psql(t, dsn, "SELECT string_agg(id::text, ',' ORDER BY id) FROM query_history WHERE user_id = 2")
	o.recordCommitted = len(strings.FieldsFunc(committed, func(r rune) bool { return r == ',' }))
	o.recordIDsMatch = strings.Join(ids, ",") == committed

	// The redundant release on an error path: same answers before and after.
	for _, before := range []string{"not-a-time", "2026-01-01T00:01:40Z"} {
		status, body, err := svc.do("DELETE", "/history?user=1&before="+before, "")
		if err != nil {
			t.Fatalf("DELETE /history: %v", err)
		}
		o.clear += fmt.Sprintf("[%d %s]", status, firstLine(body))
	}
	svc.stop()
	exerciseLeak(t, bin, driver, dsn, o)
	return o
}

// exerciseLeak starts bin with a pool of leakPool connections, asks it to
// forget leakPool queries that do not exist (as written, each answer
// leaves its transaction open), then sends good requests: DELETE /history,
// whose transaction waits for a connection until the request's context
// ends.
func exerciseLeak(t *testing.T, bin, driver, dsn string, o *outcome) {
	svc := start(t, bin, driver, dsn, "-pool", strconv.Itoa(leakPool))
	defer svc.stop()
	for range leakPool {
		status, body, err := svc.do("DELETE", "/history/999999999?user=3", "")
		if err != nil {
			t.Fatalf("DELETE /history/999999999: %v", err)
		}
		if status == http.StatusNotFound {
			o.forgetNotFound++
		} else {
			t.Errorf("%s: DELETE /history/999999999 answered %d %s", driver, status, firstLine(body))
		}
	}
	svc.client = &http.Client{Timeout: leakWait}
	for range leakGood {
		status, body, err := svc.do("DELETE", "/history?user=3&before=2026-01-01T00:00:00Z", "")
		if err != nil {
			if os.IsTimeout(err) || errors.Is(err, context.DeadlineExceeded) {
				o.leakGoodWaited = true
				return // the pool is exhausted: every later request waits too
			}
			t.Fatalf("DELETE /history: %v", err)
		}
		if status == http.StatusOK {
			o.leakGoodOK++
		} else {
			t.Errorf("%s: DELETE /history answered %d %s", driver, status, firstLine(body))
		}
	}
}

// sequentialPage runs the example's two queries one after another, as the
// fixed code does, and returns the page as the service encodes it.
func sequentialPage(t *testing.T, dsn string) page {
	var p page
	out := psql(t, dsn, `SELECT id, query, (extract(epoch FROM created_at) * 1000000)::bigint
		FROM query_history WHERE user_id = 1 ORDER BY id DESC LIMIT 50 OFFSET 100`)
	for line := range strings.Lines(out) {
		f := strings.Split(strings.TrimSpace(line), "|")
		id, _ := strconv.ParseInt(f[0], 10, 64)
		us, _ := strconv.ParseInt(f[2], 10, 64)
		p.Entries = append(p.Entries, entry{ID: id, Query: f[1], CreatedAt: time.UnixMicro(us)})
	}
	total, err := strconv.ParseInt(psql(t, dsn, "SELECT count(*) FROM query_history WHERE user_id = 1"), 10, 64)
	if err != nil || len(p.Entries) != 50 || total != seedRows {
		t.Fatalf("seeded table reads back %d entries, total %d (%v)", len(p.Entries), total, err)
	}
	p.Total = total
	return p
}

type entry struct {
	ID        int64     `json:"id"`
	Query     string    `json:"query"`
	CreatedAt time.Time `json:"created_at"`
}

type page struct {
	Entries []entry `json:"entries"`
	Total   int64   `json:"total"`
}

func samePage(body string, want page) bool {
	var got page
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		return false
	}
	return got.Total == want.Total && slices.EqualFunc(got.Entries, want.Entries, func(a, b entry) bool {
		return a.ID == b.ID && a.Query == b.Query && a.CreatedAt.Equal(b.CreatedAt)
	})
}

// service is a running example binary.
type service struct {
	cmd    *exec.Cmd
	base   string
	stderr *lockedBuffer
	done   chan struct{}
	client *http.Client
}

var listening = regexp.MustCompile(`^listening on (http://\S+)`)

func start(t *testing.T, bin, driver, dsn string, flags ...string) *service {
	t.Helper()
	s := &service{stderr: new(lockedBuffer), done: make(chan struct{}), client: &http.Client{Timeout: requestTimeout}}
	s.cmd = exec.Command(bin, append([]string{"-addr", "127.0.0.1:0", "-driver", driver, "-dsn", dsn}, flags...)...)
	s.cmd.Stderr = s.stderr
	stdout, err := s.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.stop)
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := listening.FindStringSubmatch(sc.Text()); m != nil {
				addr <- m[1]
			}
		}
		_, _ = io.Copy(io.Discard, stdout) // drain: the service must never block on its output
	}()
	go func() {
		_ = s.cmd.Wait() // a crash is read from its output (panicLine), not from the status
		close(s.done)
	}()
	select {
	case s.base = <-addr:
		return s
	case <-s.done:
		t.Fatalf("%s -driver %s exited at start:\n%s", bin, driver, s.stderr)
	case <-time.After(30 * time.Second):
		t.Fatalf("%s -driver %s did not start in 30s:\n%s", bin, driver, s.stderr)
	}
	return nil
}

func (s *service) do(method, path, body string) (int, string, error) {
	req, err := http.NewRequest(method, s.base+path, strings.NewReader(body))
	if err != nil {
		return 0, "", err
	}
	resp, err := s.client.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(data), err
}

func (s *service) exited() bool { return s.waitExit(0) }

func (s *service) waitExit(d time.Duration) bool {
	select {
	case <-s.done:
		return true
	case <-time.After(d):
		return false
	}
}

// panicLine returns the "panic: ..." line the dead process printed, or
// its last line.
func (s *service) panicLine() string {
	out := s.stderr.String()
	for line := range strings.Lines(out) {
		if strings.HasPrefix(line, "panic: ") || strings.HasPrefix(line, "fatal error: ") {
			return strings.TrimSpace(line)
		}
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	return "exited: " + lines[len(lines)-1]
}

func (s *service) stop() {
	if !s.exited() {
		_ = s.cmd.Process.Kill() // it may have exited meanwhile
		<-s.done
	}
}

type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return line
}

// psql runs query and returns its unaligned, tuples-only output.
func psql(t *testing.T, dsn, query string) string {
	t.Helper()
	out, err := exec.Command("psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", dsn, "-c", query).CombinedOutput()
	if err != nil {
		t.Fatalf("psql %q: %v\n%s", query, err, out)
	}
	return strings.TrimSpace(string(out))
}

// run runs name in dir, fails unless its exit code is one of codes, and
// returns its standard output followed by its standard error.
func run(t *testing.T, dir string, codes []int, name string, args ...string) string {
	t.Helper()
	out, errOut := testtool.Command(t, dir, codes, name, args...)
	return out + errOut
}

func goBuild(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "queryhist")
	run(t, dir, []int{0}, "go", "build", "-o", bin, ".")
	return bin
}

// copyDir copies the example module to a temporary directory.

// moduleVersion returns the version of module path that dir's go.mod requires.
func moduleVersion(t *testing.T, dir, path string) string {
	data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(path) + `\s+(\S+)`).FindSubmatch(data)
	if m == nil {
		t.Fatalf("%s/go.mod does not require %s", dir, path)
	}
	return string(m[1])
}
