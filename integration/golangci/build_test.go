package golangci_test

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/txvet/txvet/internal/testtool"
)

func TestMain(m *testing.M) {
	testtool.HeavyMain(m, "./integration/golangci/", "builds golangci-lint v2.15.0 with the txvet plugin (about 6 minutes on a cold 2-core machine)")
}

var build struct {
	once sync.Once
	path string
	out  []byte
	err  error
}

// golangciLint returns a golangci-lint v2 binary with the txvet plugin,
// built once per test process by scripts/build-golangci.sh. It lives under
// $TMPDIR in a directory keyed by the build module's go.sum, so later runs
// only recompile what changed in txvet.
func golangciLint(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("skipped in -short mode: builds golangci-lint (minutes on a cold build cache)")
	}
	build.once.Do(func() {
		root := testtool.RepoRoot()
		sum, err := os.ReadFile(filepath.Join(root, "integration/golangci/testdata/gcl/go.sum"))
		if err != nil {
			build.err = err
			return
		}
		key := sha256.Sum256(sum)
		build.path = filepath.Join(os.TempDir(), "txvet-golangci-"+hex.EncodeToString(key[:6]), "golangci-lint")
		start := time.Now()
		cmd := exec.Command("bash", filepath.Join(root, "scripts/build-golangci.sh"), build.path)
		build.out, build.err = cmd.CombinedOutput()
		t.Logf("built %s in %s", build.path, time.Since(start).Round(time.Second))
	})
	if build.err != nil {
		t.Fatalf("scripts/build-golangci.sh: %v\n%s", build.err, build.out)
	}
	return build.path
}
