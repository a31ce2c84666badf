// Package testtool builds the txvet command for integration tests, once per
// test process.
package testtool

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
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

// Main runs the tests of a package that builds txvet, then removes the
// binary: call it from TestMain.
func Main(m *testing.M) {
	code := m.Run()
	Cleanup()
	os.Exit(code)
}

// HeavyEnv is the environment variable that turns on the tests that build
// a large tool (golangci-lint, gopls): minutes on a cold build cache, too
// long for the plain go test ./.... .ci/run sets it.
const HeavyEnv = "TXVET_HEAVY"

// HeavyMain runs the tests of package pkg (as go test names it: a
// ./relative/path/) only when HeavyEnv is set; otherwise it prints one
// line saying what it skipped and how to run it. Call it from TestMain.
func HeavyMain(m *testing.M, pkg, what string) {
	if os.Getenv(HeavyEnv) == "" {
		fmt.Printf("skipped %s: %s; run it with %s=1 go test %s (bash .ci/run does)\n", pkg, what, HeavyEnv, pkg)
		os.Exit(0)
	}
	Main(m)
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

// Testdata returns the repository's shared analysistest directory, which
// holds the library stubs and the cases of every analyzer.
func Testdata() string {
	return filepath.Join(RepoRoot(), "testdata")
}

// CopyDir copies the tree at src into a new temporary directory, with
// writable files, and returns that directory.
func CopyDir(t testing.TB, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// Command runs name in dir and returns its standard output and standard
// error; it fails the test unless the exit code is one of codes.
func Command(t testing.TB, dir string, codes []int, name string, args ...string) (stdout, stderr string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	var errOut strings.Builder
	cmd.Stderr = &errOut
	out, err := cmd.Output()
	if code := cmd.ProcessState.ExitCode(); err != nil && code < 0 || !slices.Contains(codes, code) {
		t.Fatalf("%s %s in %s: exit %d, want %v: %v\n%s%s", name, strings.Join(args, " "), dir, code, codes, err, out, errOut.String())
	}
	return string(out), errOut.String()
}
