package doublerelease_test

import (
	"os"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/txvet/txvet/analyzer/doublerelease"
	"github.com/txvet/txvet/internal/testtool"
)

// TestNoReadFile: under a driver that leaves pass.ReadFile nil, the
// findings are the same, each with a fix that deletes the call alone.
func TestNoReadFile(t *testing.T) {
	dir := testtool.Testdata()
	cfg := &packages.Config{
		Mode: packages.LoadAllSyntax,
		Dir:  dir,
		Env:  append(os.Environ(), "GOPATH="+dir, "GO111MODULE=off", "GOWORK=off"),
	}
	pkgs, err := packages.Load(cfg, "doublerelease/bodiless")
	if err != nil {
		t.Fatal(err)
	}
	noReadFile := *doublerelease.Analyzer
	noReadFile.Run = func(pass *analysis.Pass) (any, error) {
		pass.ReadFile = nil
		return doublerelease.Analyzer.Run(pass)
	}
	count := func(a *analysis.Analyzer) (diags, fixes int) {
		graph, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, act := range graph.Roots {
			if act.Err != nil {
				t.Fatalf("%v: %v", act, act.Err)
			}
			for _, d := range act.Diagnostics {
				diags++
				fixes += len(d.SuggestedFixes)
			}
		}
		return diags, fixes
	}
	wantDiags, wantFixes := count(doublerelease.Analyzer)
	diags, fixes := count(&noReadFile)
	if wantDiags == 0 || diags != wantDiags || fixes != wantFixes {
		t.Errorf("without ReadFile: %d diagnostics, %d fixes; with: %d, %d", diags, fixes, wantDiags, wantFixes)
	}
}
