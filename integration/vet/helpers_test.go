package vet

import (
	"bufio"
	"bytes"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/txvet/txvet/internal/testtool"
)

func TestMain(m *testing.M) { testtool.Main(m) }

// run runs a command in dir and returns its stdout, stderr and exit code.
func run(t *testing.T, dir, name string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	t.Logf("(in %s) %s %s: exit %d\nstdout:\n%s\nstderr:\n%s", filepath.Base(dir), name, strings.Join(args, " "), code, &out, &errOut)
	return out.String(), errOut.String(), code
}

// fixture returns the absolute path of a fixture module.
func fixture(t *testing.T, name string) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// copyFixture copies a fixture module to a temporary directory, for the
// tests that change it.
func copyFixture(t *testing.T, name string) string {
	t.Helper()
	return testtool.CopyDir(t, fixture(t, name))
}

// A reported finding, by the function that contains it.
type reported struct {
	file string // slash path relative to the module
	line int
	fn   string // pkg.Func
}

// parseFindings reads "file:line:col: message" lines (go vet and txvet
// text output), skipping related-information lines, and names the
// function of the module in moduleDir that contains each.
func parseFindings(t *testing.T, moduleDir, output string) []reported {
	t.Helper()
	var found []reported
	sc := bufio.NewScanner(strings.NewReader(output))
	for sc.Scan() {
		file, line, msg, ok := splitPosition(sc.Text())
		if !ok || strings.HasPrefix(msg, "\t") {
			continue
		}
		if !filepath.IsAbs(file) {
			file = filepath.Join(moduleDir, file)
		}
		found = append(found, reported{relSlash(moduleDir, file), line, enclosingFunc(t, file, line)})
	}
	return found
}

func splitPosition(s string) (file string, line int, msg string, ok bool) {
	parts := strings.SplitN(s, ":", 4)
	if len(parts) != 4 || !strings.HasSuffix(parts[0], ".go") {
		return "", 0, "", false
	}
	line, err1 := strconv.Atoi(parts[1])
	_, err2 := strconv.Atoi(parts[2])
	if err1 != nil || err2 != nil {
		return "", 0, "", false
	}
	return parts[0], line, strings.TrimPrefix(parts[3], " "), true
}

func relSlash(base, path string) string {
	rel, err := filepath.Rel(base, path)
	if err != nil {
		return path
	}
	return filepath.ToSlash(rel)
}

// enclosingFunc names the top-level function of file around line, as
// pkg.Func.
func enclosingFunc(t *testing.T, file string, line int) string {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatalf("parsing %s: %v", file, err)
	}
	for _, decl := range f.Decls {
		if fn, ok := decl.(*ast.FuncDecl); ok && fset.Position(fn.Pos()).Line <= line && line <= fset.Position(fn.End()).Line {
			return f.Name.Name + "." + fn.Name.Name
		}
	}
	return f.Name.Name + ".?"
}

// funcs returns the sorted functions of the findings.
func funcs(found []reported) []string {
	var names []string
	for _, r := range found {
		names = append(names, r.fn)
	}
	slices.Sort(names)
	return names
}

// The findings the bugs fixture must yield, by function: its redundant
// releases (store.Transfer, and store.seed in a test file), its release
// inside a helper of another package that owns the transaction
// (billing.Charge: facts across packages), and its two shared
// transactions (history.Touch: go statements; history.Counts:
// errgroup). store.Audit is silenced by //txvet:ignore; store.Canonical
// and history.Pooled are correct code; store.SpecialTransfer is built
// only with -tags txvetspecial.
var (
	doublereleaseFuncs = []string{"billing.Charge", "store.Transfer", "store.seed"}
	sharedtxFuncs      = []string{"history.Counts", "history.Touch"}
	allFuncs           = []string{"billing.Charge", "history.Counts", "history.Touch", "store.Transfer", "store.seed"}
)

func checkFuncs(t *testing.T, what string, found []reported, want []string) {
	t.Helper()
	if got := funcs(found); !slices.Equal(got, want) {
		t.Errorf("%s: findings in %q, want %q", what, got, want)
	}
}
