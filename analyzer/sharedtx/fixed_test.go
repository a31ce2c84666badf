package sharedtx_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/txvet/txvet"
)

// fixedPackages are the testdata packages whose findings have fixes.
var fixedPackages = []string{"sharedtx/seed", "sharedtx/positive"}

// wantComment is an analysistest expectation, stripped from fixed code.
var wantComment = regexp.MustCompile(`\s*// want .*`)

// TestFixedCodeIsClean applies every fix (the .golden files, which
// RunWithSuggestedFixes checks against the applied fixes), type-checks the
// result, and runs every txvet analyzer on it again: it must compile and
// draw no diagnostic.
func TestFixedCodeIsClean(t *testing.T) {
	gopath := t.TempDir()
	src := filepath.Join(testdata(t), "src")
	goldens := 0
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if strings.HasSuffix(rel, ".golden") {
			rel = strings.TrimSuffix(rel, ".golden") // overwrites the original below
			goldens++
		} else if _, err := os.Stat(path + ".golden"); err == nil {
			return nil // the golden version is written instead
		}
		data = wantComment.ReplaceAll(data, nil)
		out := filepath.Join(gopath, "src", rel)
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		return os.WriteFile(out, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	if goldens == 0 {
		t.Fatal("no .golden files found")
	}
	cfg := &packages.Config{
		Mode: packages.LoadAllSyntax,
		Dir:  gopath,
		Env:  append(os.Environ(), "GOPATH="+gopath, "GO111MODULE=off", "GOWORK=off"),
	}
	pkgs, err := packages.Load(cfg, fixedPackages...)
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		t.Fatal("the fixed code does not compile")
	}
	graph, err := checker.Analyze(txvet.Analyzers(), pkgs, nil)
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
