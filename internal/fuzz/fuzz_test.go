package fuzz

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/txvet/txvet"
)

// FuzzAnalyzers feeds Go sources through parsing, type-checking and every
// txvet analyzer. A panic anywhere fails. On input that type-checks it also
// requires what the analyzers promise: no analyzer error, diagnostics only
// in the analyzed file, at most one fix per diagnostic, and each fix, applied
// alone, leaves code that type-checks and draws fewer diagnostics. Input
// that does not type-check is analyzed a second time as if it did (as a
// driver that runs analyzers despite errors would), for panics only.
//
//	go test ./internal/fuzz -run '^$' -fuzz FuzzAnalyzers -fuzztime 5m
func TestMain(m *testing.M) {
	code := m.Run()
	if shared != nil {
		os.RemoveAll(shared.dir)
	}
	os.Exit(code)
}

func FuzzAnalyzers(f *testing.F) {
	for _, src := range seeds(f) {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		u := theUniverse()
		u.mu.Lock()
		defer u.mu.Unlock()
		defer hangGuard(src)()
		examine(t, u, src)
	})
}

// TestSeedsReachTheAnalyzers guards the fuzz target itself: most seeds must
// type-check against the stubs, and the analyzers must report and fix
// something on them, or the fuzzer would only be exercising the parser.
func TestSeedsReachTheAnalyzers(t *testing.T) {
	u := theUniverse()
	u.mu.Lock()
	defer u.mu.Unlock()
	var total outcome
	srcs := seeds(t)
	for _, src := range srcs {
		o := examine(t, u, src)
		total.typed += o.typed
		total.diagnostics += o.diagnostics
		total.fixes += o.fixes
	}
	t.Logf("%d seeds: %d type-check, %d diagnostics, %d fixes checked", len(srcs), total.typed, total.diagnostics, total.fixes)
	if total.typed < len(srcs)/2 {
		t.Errorf("only %d of %d seeds type-check: the fuzz universe is not resolving the stubs", total.typed, len(srcs))
	}
	if total.diagnostics == 0 || total.fixes == 0 {
		t.Errorf("the seeds drew %d diagnostics and %d fixes: the analyzers are not reached", total.diagnostics, total.fixes)
	}
}

// hangGuard crashes the process, with every goroutine's stack, when one
// input takes far longer than any should: go test -fuzz has no time limit
// per input, and records a crash as a failing input.
func hangGuard(src []byte) (stop func()) {
	timer := time.AfterFunc(time.Minute, func() {
		buf := make([]byte, 1<<20)
		n := runtime.Stack(buf, true)
		fmt.Fprintf(os.Stderr, "input analyzed for over a minute:\n%s\n\n%s", src, buf[:n])
		panic("fuzz: analysis hung")
	})
	return func() { timer.Stop() }
}

// outcome counts what one input exercised.
type outcome struct{ typed, diagnostics, fixes int }

const inputPath = "fuzzinput/p"

func examine(t *testing.T, u *universe, src []byte) outcome {
	var o outcome
	f, err := u.parseInput("input.go", src)
	if err != nil {
		return o
	}
	p := u.check(inputPath, []*ast.File{f})
	if p.IllTyped {
		p.IllTyped = false // analyze despite the errors: panics only
		analyze(t, p)
		return o
	}
	o.typed = 1
	diags := analyze(t, p)
	o.diagnostics = len(diags)
	tf := u.fset.File(f.FileStart)
	for _, d := range diags {
		if !inFile(tf, d.Pos) || (d.End.IsValid() && !inFile(tf, d.End)) {
			t.Errorf("diagnostic outside the analyzed file: %q at %v", d.Message, u.fset.Position(d.Pos))
			continue
		}
		if len(d.SuggestedFixes) > 1 {
			t.Errorf("%v: %d fixes for %q, want at most one", u.fset.Position(d.Pos), len(d.SuggestedFixes), d.Message)
		}
		if len(d.SuggestedFixes) == 0 {
			continue
		}
		o.fixes++
		fixed, ok := applyFix(t, tf, src, d.SuggestedFixes[0])
		if !ok {
			continue
		}
		checkFixed(t, u, src, fixed, d, len(diags))
	}
	return o
}

// analyze runs every txvet analyzer on p and returns the diagnostics of p.
// An analyzer error on a package that type-checks is a failure.
func analyze(t *testing.T, p *packages.Package) []analysis.Diagnostic {
	t.Helper()
	graph, err := checker.Analyze(txvet.Analyzers(), []*packages.Package{p}, nil)
	if err != nil {
		t.Fatalf("checker: %v", err)
	}
	var diags []analysis.Diagnostic
	for _, act := range graph.Roots {
		if act.Err != nil && len(p.TypeErrors) == 0 {
			t.Errorf("%s failed on input that type-checks: %v", act.Analyzer.Name, act.Err)
		}
		diags = append(diags, act.Diagnostics...)
	}
	return diags
}

func inFile(tf *token.File, pos token.Pos) bool {
	return tf != nil && pos.IsValid() && int(pos) >= tf.Base() && int(pos) <= tf.Base()+tf.Size()
}

// applyFix applies one fix to the source of the input file.
func applyFix(t *testing.T, tf *token.File, src []byte, fix analysis.SuggestedFix) ([]byte, bool) {
	edits := slices.Clone(fix.TextEdits)
	for _, e := range edits {
		if !inFile(tf, e.Pos) || !inFile(tf, e.End) || e.End < e.Pos {
			t.Errorf("fix %q edits outside the analyzed file or backwards", fix.Message)
			return nil, false
		}
	}
	slices.SortFunc(edits, func(a, b analysis.TextEdit) int { return int(a.Pos) - int(b.Pos) })
	var out bytes.Buffer
	last := 0
	for _, e := range edits {
		start, end := tf.Offset(e.Pos), tf.Offset(e.End)
		if start < last {
			t.Errorf("fix %q has overlapping edits", fix.Message)
			return nil, false
		}
		out.Write(src[last:start])
		out.Write(e.NewText)
		last = end
	}
	out.Write(src[last:])
	return out.Bytes(), true
}

// checkFixed requires the fixed source to type-check and to draw fewer
// diagnostics than the original.
func checkFixed(t *testing.T, u *universe, src, fixed []byte, d analysis.Diagnostic, before int) {
	t.Helper()
	f, err := u.parseInput("fixed.go", fixed)
	if err != nil {
		t.Errorf("fix for %q at %v does not parse: %v\n%s", d.Message, u.fset.Position(d.Pos), err, fixed)
		return
	}
	p := u.check(inputPath, []*ast.File{f})
	if p.IllTyped {
		t.Errorf("fix for %q at %v does not type-check: %v\n--- before\n%s\n--- after\n%s", d.Message, u.fset.Position(d.Pos), p.TypeErrors, src, fixed)
		return
	}
	if after := analyze(t, p); len(after) >= before {
		t.Errorf("fix for %q at %v left %d diagnostics (had %d): %v", d.Message, u.fset.Position(d.Pos), len(after), before, messages(after))
	}
}

func messages(ds []analysis.Diagnostic) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Message)
	}
	return out
}

// seeds returns the Go sources of the analyzers' test cases (with their
// .golden forms) and of the library stubs, and the shapeSeeds.
func seeds(tb testing.TB) [][]byte {
	root := theUniverse().srcRoot
	var out [][]byte
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if strings.HasSuffix(path, ".go") || strings.HasSuffix(path, ".go.golden") {
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			out = append(out, src)
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	if len(out) == 0 {
		tb.Fatalf("no seeds under %s", root)
	}
	return append(out, shapeSeeds...)
}
