package sharedtx_test

import (
	"bytes"
	"fmt"
	"go/format"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/txvet/txvet"
	"github.com/txvet/txvet/analyzer/sharedtx"
	"github.com/txvet/txvet/internal/testtool"
)

// fixedPackages are the testdata packages whose findings all have fixes.
var fixedPackages = []string{"sharedtx/seed", "sharedtx/positive"}

// wantComment is an analysistest expectation, stripped from fixed code.
var wantComment = regexp.MustCompile(`[ \t]*// want .*`)

// TestFixedCodeIsClean applies every suggested fix as a driver that does
// no clean-up of its own would (golangci-lint --fix: raw text edits, no
// gofmt, no import pruning), checks that the result is gofmt-clean and is
// the .golden file, type-checks it, and runs every txvet analyzer on it
// again: it must compile and draw no diagnostic.
func TestFixedCodeIsClean(t *testing.T) {
	t.Parallel()
	src := filepath.Join(testtool.Testdata(), "src")
	fixed := applyFixes(t, load(t, filepath.Dir(src), fixedPackages))
	if len(fixed) == 0 {
		t.Fatal("no fixes")
	}
	for name, content := range fixed {
		golden, err := os.ReadFile(name + ".golden")
		if err != nil {
			t.Errorf("%s: fixed, but no golden file: %v", name, err)
			continue
		}
		formatted, err := format.Source(content)
		if err != nil {
			t.Errorf("%s: fixed code does not parse: %v\n%s", name, err, content)
			continue
		}
		if !bytes.Equal(formatted, content) {
			t.Errorf("%s: fixed code is not gofmt-clean:\n%s", name, content)
		}
		if !bytes.Equal(content, golden) {
			t.Errorf("%s: fixed code differs from its golden file:\n%s", name, content)
		}
	}

	// A GOPATH holding the stubs and the fixed files, without expectations.
	gopath := t.TempDir()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(path, ".golden") {
			return err
		}
		data, ok := fixed[path]
		if !ok {
			if data, err = os.ReadFile(path); err != nil {
				return err
			}
		}
		rel, _ := filepath.Rel(src, path)
		out := filepath.Join(gopath, "src", rel)
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		return os.WriteFile(out, wantComment.ReplaceAll(data, nil), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	graph, err := checker.Analyze(txvet.Analyzers(), load(t, gopath, fixedPackages), nil)
	if err != nil {
		t.Fatal(err)
	}
	for act := range graph.All() {
		if !act.IsRoot {
			continue
		}
		if act.Err != nil {
			t.Errorf("%s on %s: %v", act.Analyzer.Name, act.Package.PkgPath, act.Err)
		}
		for _, d := range act.Diagnostics {
			t.Errorf("%s: %s: %s", act.Package.Fset.Position(d.Pos), act.Analyzer.Name, d.Message)
		}
	}
}

// load loads packages in GOPATH mode and fails on any error.
func load(t *testing.T, gopath string, patterns []string) []*packages.Package {
	t.Helper()
	cfg := &packages.Config{
		Mode: packages.LoadAllSyntax,
		Dir:  gopath,
		Env:  append(os.Environ(), "GOPATH="+gopath, "GO111MODULE=off", "GOWORK=off"),
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		t.Fatalf("%s in %s does not compile", patterns, gopath)
	}
	return pkgs
}

// applyFixes runs sharedtx and applies every diagnostic's fix, returning
// the new content of each file it changed.
func applyFixes(t *testing.T, pkgs []*packages.Package) map[string][]byte {
	t.Helper()
	graph, err := checker.Analyze([]*analysis.Analyzer{sharedtx.Analyzer}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	type edit struct {
		start, end int
		text       string
	}
	edits := make(map[string][]edit)
	for act := range graph.All() {
		if !act.IsRoot || act.Analyzer != sharedtx.Analyzer {
			continue
		}
		fset := act.Package.Fset
		for _, d := range act.Diagnostics {
			if len(d.SuggestedFixes) > 1 {
				t.Errorf("%s: %d fixes, want at most 1", fset.Position(d.Pos), len(d.SuggestedFixes))
			}
			if len(d.SuggestedFixes) == 0 {
				continue // covered by another finding's fix, as the recheck shows
			}
			for _, e := range d.SuggestedFixes[0].TextEdits {
				start, end := fset.Position(e.Pos), fset.Position(e.End)
				ed := edit{start.Offset, end.Offset, string(e.NewText)}
				if !slices.Contains(edits[start.Filename], ed) {
					edits[start.Filename] = append(edits[start.Filename], ed)
				}
			}
		}
	}
	fixed := make(map[string][]byte)
	for name, es := range edits {
		content, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		slices.SortFunc(es, func(x, y edit) int { return x.start - y.start })
		var b bytes.Buffer
		last := 0
		for _, e := range es {
			if e.start < last {
				t.Fatalf("%s: overlapping edits at offset %d", name, e.start)
			}
			fmt.Fprintf(&b, "%s%s", content[last:e.start], e.text)
			last = e.end
		}
		b.Write(content[last:])
		fixed[name] = b.Bytes()
	}
	return fixed
}
