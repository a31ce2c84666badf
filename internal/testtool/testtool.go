// Package testtool builds the txvet command for integration tests, once per
// test process.
package testtool

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
)

var build struct {
	once sync.Once
	path string
	out  []byte
	err  error
}

// Txvet returns the path of a txvet binary built from this checkout.
// The binary lives in a temporary directory removed when the process exits
// (callers' TestMain may call Cleanup).
func Txvet(t testing.TB) string {
	t.Helper()
	build.once.Do(func() {
		dir, err := os.MkdirTemp("", "txvet-bin-")
		if err != nil {
			build.err = err
			return
		}
		build.path = filepath.Join(dir, "txvet")
		cmd := exec.Command("go", "build", "-o", build.path, "./cmd/txvet")
		cmd.Dir = RepoRoot()
		build.out, build.err = cmd.CombinedOutput()
	})
	if build.err != nil {
		t.Fatalf("building txvet: %v\n%s", build.err, build.out)
	}
	return build.path
}

// Cleanup removes the built binary, if any.
func Cleanup() {
	if build.path != "" {
		os.RemoveAll(filepath.Dir(build.path))
	}
}

// RepoRoot returns the root of the txvet checkout.
func RepoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}
