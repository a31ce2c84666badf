package testtool

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
)

// wantComment is an analysistest expectation, stripped from fixed code.
var wantComment = regexp.MustCompile(`[ \t]*// want .*`)

// FixedCodeIsClean applies every suggested fix of a on the testdata
// packages as a driver that does no clean-up of its own would
// (golangci-lint --fix: raw text edits, no gofmt, no import pruning),
// checks that the result is gofmt-clean and is the .golden file, then
// type-checks it and runs every analyzer of all on it: it must compile
// and draw no diagnostic. With update, it writes the .golden files
// instead of comparing them.
func FixedCodeIsClean(t *testing.T, a *analysis.Analyzer, all []*analysis.Analyzer, patterns []string, update bool) {
	t.Helper()
	src := filepath.Join(Testdata(), "src")
	fixed := applyFixes(t, a, Load(t, filepath.Dir(src), patterns))
	if len(fixed) == 0 {
		t.Fatal("no fixes")
	}
	for name, content := range fixed {
		if update {
			if err := os.WriteFile(name+".golden", content, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
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
	graph, err := checker.Analyze(all, Load(t, gopath, patterns), nil)
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

// Load loads packages in GOPATH mode and fails on any error.
func Load(t *testing.T, gopath string, patterns []string) []*packages.Package {
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

// applyFixes runs a and applies every diagnostic's fix, returning the new
// content of each file it changed.
func applyFixes(t *testing.T, a *analysis.Analyzer, pkgs []*packages.Package) map[string][]byte {
	t.Helper()
	graph, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	type edit struct {
		start, end int
		text       string
	}
	edits := make(map[string][]edit)
	for act := range graph.All() {
		if !act.IsRoot || act.Analyzer != a {
			continue
		}
		fset := act.Package.Fset
		for _, d := range act.Diagnostics {
			if len(d.SuggestedFixes) > 1 {
				t.Errorf("%s: %d fixes, want at most 1", fset.Position(d.Pos), len(d.SuggestedFixes))
			}
			if len(d.SuggestedFixes) == 0 {
				continue
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
