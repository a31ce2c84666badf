package postgres

import (
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/txvet/txvet/internal/testtool"
)

// TestBehaviour measures, on the server, the library behaviour that the
// rule pages state, and keeps docs/behaviour.md equal to what it measures.
// Its subtests run the tests of the same names in testdata/behaviour, a
// module of its own that requires the real libraries; each of those fails
// when a library behaves differently from what it wants, and logs one
// table row per case:
//
//   - ScopedHelpers: a Commit or Rollback inside the callback of a scoped
//     helper (issue 11);
//   - UseAfterRelease and DerivedAfterCommit: work on a transaction, its
//     statements and its rows after its release (issue 15);
//   - PoolLeak: transactions left open with a pool of two (issue 14).
func TestBehaviour(t *testing.T) {
	if os.Getenv("TXVET_PG_DSN") == "" {
		t.Skip("TXVET_PG_DSN is not set, so no PostgreSQL to measure on: " +
			"run `scripts/postgres.sh go test -count=1 -v -run TestBehaviour ./integration/postgres/`")
	}
	root := testtool.RepoRoot()
	module := filepath.Join(root, "integration", "postgres", "testdata", "behaviour")
	data, err := os.ReadFile(filepath.Join(root, "docs", "behaviour.md"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(data)
	for _, path := range []string{"github.com/jackc/pgx/v5", "github.com/jmoiron/sqlx", "gorm.io/gorm",
		"gorm.io/driver/postgres", "github.com/uptrace/bun", "github.com/uptrace/bun/dialect/pgdialect"} {
		if want := path + " " + moduleVersion(t, module, path); !strings.Contains(page, want) {
			t.Errorf("docs/behaviour.md does not name %s, which testdata/behaviour/go.mod requires", want)
		}
	}
	if want := "Go " + goMinor.FindString(strings.TrimPrefix(runtime.Version(), "go")); !strings.Contains(page, want) {
		t.Errorf("docs/behaviour.md does not name %s, which measures it", want)
	}

	// One build serves every subtest.
	bin := filepath.Join(t.TempDir(), "behaviour.test")
	testtool.Command(t, module, []int{0}, "go", "test", "-c", "-o", bin, ".")
	for _, name := range []string{"TestScopedHelpers", "TestUseAfterRelease", "TestDerivedAfterCommit", "TestPoolLeak"} {
		t.Run(strings.TrimPrefix(name, "Test"), func(t *testing.T) {
			out, _ := testtool.Command(t, module, []int{0}, bin, "-test.count=1", "-test.v", "-test.run", "^"+name+"$")
			rows := loggedRow.FindAllStringSubmatch(out, -1)
			if len(rows) == 0 {
				t.Fatalf("testdata/behaviour's %s logged no table row:\n%s", name, out)
			}
			for _, m := range rows {
				t.Log(m[1])
				if !strings.Contains(page, "\n"+m[1]+"\n") {
					t.Errorf("docs/behaviour.md does not show the measured row\n%s", m[1])
				}
			}
			if v := loggedVersion.FindStringSubmatch(out); v == nil {
				t.Errorf("testdata/behaviour's %s logged no server version:\n%s", name, out)
			} else if !strings.Contains(page, "PostgreSQL "+v[1]) {
				t.Errorf("docs/behaviour.md does not name PostgreSQL %s, which measured it", v[1])
			}
		})
	}
}

var (
	loggedRow     = regexp.MustCompile(`(?m)^\s+\w+_test\.go:\d+: (\| .* \|)$`)
	loggedVersion = regexp.MustCompile(`(?m)^\s+\w+_test\.go:\d+: PostgreSQL (\d+)\.`)
	goMinor       = regexp.MustCompile(`^\d+\.\d+`)
)
