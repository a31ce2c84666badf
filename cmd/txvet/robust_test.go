package main

import (
	"errors"
	"go/ast"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/packages"

	"github.com/txvet/txvet/internal/guard"
)

// The module testdata/robust reproduces what used to end or blind a run
// on real applications.

func robustDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("testdata/robust")
	if err != nil {
		t.Fatal(err)
	}
	// example.com/missing, which a test file imports, must not be fetched.
	t.Setenv("GOPROXY", "off")
	t.Setenv("GOFLAGS", "-mod=readonly")
	return dir
}

// wantOutput checks the exit code and that stderr holds each of want.
func wantOutput(t *testing.T, args []string, code int, stderr string, wantCode int, want ...string) {
	t.Helper()
	if code != wantCode {
		t.Errorf("txvet %s: exit %d, want %d; stderr:\n%s", strings.Join(args, " "), code, wantCode, stderr)
	}
	for _, w := range want {
		if !strings.Contains(stderr, w) {
			t.Errorf("txvet %s: stderr lacks %q:\n%s", strings.Join(args, " "), w, stderr)
		}
	}
}

// panicky reports each function it checks, and panics on Boom, through
// the guard the txvet analyzers use.
var panicky = &analysis.Analyzer{
	Name: "panicky",
	Doc:  "test: panics on the function Boom",
	Run: guard.Run(func(pass *analysis.Pass, g *guard.Guard) (any, error) {
		for cur := range inspector.New(pass.Files).Root().Preorder((*ast.FuncDecl)(nil)) {
			g.Func(cur, func() {
				decl := cur.Node().(*ast.FuncDecl)
				if decl.Name.Name == "Boom" {
					var fn *ast.FuncDecl
					_ = fn.Body // a nil dereference, as in a real bug
				}
				pass.Reportf(decl.Pos(), "checked %s", decl.Name.Name)
			})
		}
		return nil, nil
	}),
}

// TestPanicOnOneFunction: a panic on one function is an error naming the
// analyzer, the package, the function and its position; the other
// functions' findings are printed, and the exit code is 3.
func TestPanicOnOneFunction(t *testing.T) {
	dir := robustDir(t)
	opts := &options{workDir: dir, tests: true, patterns: []string{"./guarded"}, analyzers: []*analysis.Analyzer{panicky}}
	res, err := analyze(opts)
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	code := report(opts, res, dir, &strings.Builder{}, &stderr)
	wantOutput(t, opts.patterns, code, stderr.String(), exitErrors,
		"guarded.go:4:1: checked Fine",
		"guarded.go:8:1: checked AlsoFine",
		"txvet: example.com/robust/guarded: panicky: internal error: analyzer panicky panicked on package example.com/robust/guarded, function example.com/robust/guarded.Boom at "+filepath.Join(dir, "guarded", "guarded.go")+":6:1: runtime error: invalid memory address or nil pointer dereference;",
		guard.IssuesURL,
	)
	if strings.Contains(stderr.String(), "checked Boom") {
		t.Errorf("the panicking function was reported:\n%s", stderr.String())
	}
}

// TestBrokenTestVariant: a package whose test does not compile is still
// analyzed; the test's error is reported, and the exit code is 3.
func TestBrokenTestVariant(t *testing.T) {
	dir := robustDir(t)
	const (
		finding = "store.go:14:3: tx.Rollback() is redundant"
		testErr = "store_test.go:6:19: undefined: newMockDB"
	)
	args := []string{"./brokentest"}
	code, stderr := runIn(t, dir, args...)
	wantOutput(t, args, code, stderr, exitErrors, finding, testErr)

	args = []string{"-test=false", "./brokentest"}
	code, stderr = runIn(t, dir, args...)
	wantOutput(t, args, code, stderr, exitFindings, finding)
}

// TestUnloadableTestDependency: the tests of an in-module import need a
// module that cannot be fetched. The load widened with that import for
// facts then holds its broken test variant: the named package is still
// analyzed, the import's error is reported, and the exit code is 3.
func TestUnloadableTestDependency(t *testing.T) {
	dir := robustDir(t)
	args := []string{"./app"}
	code, stderr := runIn(t, dir, args...)
	wantOutput(t, args, code, stderr, exitErrors,
		"app.go:18:3: tx.Rollback() is redundant",
		"lib_test.go:6:2: ",
	)
}

// TestWidenedLoadFails: when the second load (widened with the in-module
// imports) fails outright or loses a named package, the first is kept
// and analyzed, and the failure is reported.
func TestWidenedLoadFails(t *testing.T) {
	dir := robustDir(t)
	cfg := &packages.Config{Mode: loadMode, Tests: false, Dir: dir}
	for _, tt := range []struct {
		name   string
		second func(*packages.Config, ...string) ([]*packages.Package, error)
		want   string
	}{
		{"error", func(*packages.Config, ...string) ([]*packages.Package, error) {
			return nil, errors.New("go list: exit status 1: go: example.com/missing@v1.0.0: module lookup disabled by GOPROXY=off")
		}, "module lookup disabled by GOPROXY=off"},
		{"lost", func(cfg *packages.Config, patterns ...string) ([]*packages.Package, error) {
			return packages.Load(cfg, patterns[len(patterns)-1]) // the import alone
		}, "the go command no longer listed example.com/robust/app"},
	} {
		calls := 0
		loadPackages := func(cfg *packages.Config, patterns ...string) ([]*packages.Package, error) {
			calls++
			if calls == 2 {
				return tt.second(cfg, patterns...)
			}
			return packages.Load(cfg, patterns...)
		}
		l, err := loadWith(loadPackages, cfg, []string{"./app"}, false)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if calls != 2 {
			t.Fatalf("%s: %d loads, want 2", tt.name, calls)
		}
		var roots []string
		for _, p := range l.roots {
			roots = append(roots, p.ID)
		}
		if !slices.Equal(roots, []string{"example.com/robust/app"}) {
			t.Errorf("%s: roots = %q, want the first load's", tt.name, roots)
		}
		if len(l.errors) != 1 || !strings.Contains(l.errors[0].Msg, "could not load example.com/robust/lib from source") || !strings.Contains(l.errors[0].Msg, tt.want) {
			t.Errorf("%s: errors = %v", tt.name, l.errors)
		}
	}
}
