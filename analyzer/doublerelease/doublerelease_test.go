package doublerelease_test

import (
	"os"
	"strings"
	"testing"

	"github.com/txvet/txvet/internal/testtool"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/txvet/txvet/analyzer/doublerelease"
	"github.com/txvet/txvet/internal/dbcode"
	"github.com/txvet/txvet/internal/model"
	"github.com/txvet/txvet/internal/txfacts"
)

// TestFamilies checks every bullet of docs/doublerelease.md on each library family,
// and the fixes against the .golden files. Package generated has
// diagnostics but no fixes; crosspkg uses helpers through facts.
func TestFamilies(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testtool.Testdata(), doublerelease.Analyzer,
		"doublerelease/sqltx",
		"doublerelease/sqlxtx",
		"doublerelease/pgx5",
		"doublerelease/pgx4",
		"doublerelease/gormtx",
		"doublerelease/buntx",
		"doublerelease/enttx",
		"doublerelease/crosspkg",
		"doublerelease/callbacks",
		"doublerelease/generated",
		"doublerelease/bodiless",
	)
}

// TestRedundantOff turns the clean-up kind off, through the constructor
// and through the flag: the bug kinds stay.
func TestRedundantOff(t *testing.T) {
	analysistest.Run(t, testtool.Testdata(), doublerelease.New(doublerelease.Config{Redundant: false}), "doublerelease/noredundant")

	a := doublerelease.New(doublerelease.Config{Redundant: true})
	if err := a.Flags.Set("redundant", "false"); err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, testtool.Testdata(), a, "doublerelease/noredundant")
}

// TestCategories checks that every diagnostic has one of the three
// categories, the anchors of the rule page.
func TestCategories(t *testing.T) {
	seen := make(map[string]bool)
	for _, r := range analysistest.Run(t, testtool.Testdata(), doublerelease.Analyzer, "doublerelease/sqltx", "doublerelease/gormtx") {
		for _, d := range r.Diagnostics {
			seen[d.Category] = true
			if len(d.SuggestedFixes) > 1 {
				t.Errorf("%v: %d fixes, want at most one", d.Message, len(d.SuggestedFixes))
			}
		}
	}
	for _, c := range []string{"redundant-release", "double-commit", "release-in-callback"} {
		if !seen[c] {
			t.Errorf("no diagnostic of category %q", c)
		}
		delete(seen, c)
	}
	if len(seen) > 0 {
		t.Errorf("unexpected categories: %v", seen)
	}
	if !strings.HasPrefix(doublerelease.Analyzer.URL, "https://") {
		t.Errorf("URL = %q", doublerelease.Analyzer.URL)
	}
	if !strings.Contains(doublerelease.Analyzer.Doc, "silent") {
		t.Errorf("Doc lacks the silent cases:\n%s", doublerelease.Analyzer.Doc)
	}
}

// TestIllTyped: a package that fails to type-check gets no diagnostics,
// and the analyzer does not panic even when forced to run on it.
func TestIllTyped(t *testing.T) {
	dir := testtool.Testdata()
	cfg := &packages.Config{
		Mode: packages.LoadAllSyntax,
		Dir:  dir,
		Env:  append(os.Environ(), "GOPATH="+dir, "GO111MODULE=off", "GOWORK=off"),
	}
	pkgs, err := packages.Load(cfg, "doublerelease/broken")
	if err != nil {
		t.Fatal(err)
	}
	if len(pkgs) != 1 || len(pkgs[0].TypeErrors) == 0 {
		t.Fatalf("doublerelease/broken should fail to type-check: %v", pkgs)
	}

	// As configured: skipped.
	graph, err := checker.Analyze([]*analysis.Analyzer{doublerelease.Analyzer}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	for act := range graph.All() {
		if act.Analyzer == doublerelease.Analyzer && len(act.Diagnostics) > 0 {
			t.Errorf("diagnostics on an ill-typed package: %v", act.Diagnostics)
		}
	}

	// Forced to run despite the errors (as a driver might), and the
	// facts and the model under it: no panic.
	facts := *txfacts.Analyzer
	facts.RunDespiteErrors = true
	txmodel := *model.Analyzer
	txmodel.RunDespiteErrors = true
	txmodel.Requires = []*analysis.Analyzer{dbcode.Analyzer, &facts}
	txmodel.Run = func(pass *analysis.Pass) (any, error) {
		pass.ResultOf[txfacts.Analyzer] = pass.ResultOf[&facts]
		return model.Analyzer.Run(pass)
	}
	forced := *doublerelease.New(doublerelease.Config{Redundant: true})
	forced.RunDespiteErrors = true
	forced.Requires = []*analysis.Analyzer{&txmodel}
	forced.Run = func(pass *analysis.Pass) (any, error) {
		pass.ResultOf[model.Analyzer] = pass.ResultOf[&txmodel]
		return doublerelease.Analyzer.Run(pass)
	}
	graph, err = checker.Analyze([]*analysis.Analyzer{&forced}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	for act := range graph.All() {
		if act.Err != nil {
			t.Errorf("%v: %v", act, act.Err)
		}
	}
}
