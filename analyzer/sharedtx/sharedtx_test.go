package sharedtx_test

import (
	"strings"
	"testing"

	"github.com/txvet/txvet/internal/testtool"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/txvet/txvet/analyzer/sharedtx"
)

// TestSeed is the origin incident: errgroup running a rows query and a
// count query on one pgx transaction.
func TestSeed(t *testing.T) {
	t.Parallel()
	analysistest.RunWithSuggestedFixes(t, testtool.Testdata(), sharedtx.Analyzer, "sharedtx/seed")
}

// TestPositive holds a case for each bullet of "What is reported" in
// docs/sharedtx.md, per family.
func TestPositive(t *testing.T) {
	t.Parallel()
	results := analysistest.RunWithSuggestedFixes(t, testtool.Testdata(), sharedtx.Analyzer, "sharedtx/positive")
	n, fixes := 0, 0
	for _, r := range results {
		for _, d := range r.Diagnostics {
			n++
			if d.Category != "shared-tx" {
				t.Errorf("%s: category %q, want shared-tx", r.Pass.Fset.Position(d.Pos), d.Category)
			}
			if len(d.SuggestedFixes) > 1 {
				t.Errorf("%s: %d fixes, want at most 1", r.Pass.Fset.Position(d.Pos), len(d.SuggestedFixes))
			}
			if len(d.SuggestedFixes) == 1 {
				fixes++
			}
			if len(d.Related) == 0 && !strings.Contains(d.Message, "launched in a loop at line") {
				t.Errorf("%s: no related positions", r.Pass.Fset.Position(d.Pos))
			}
		}
	}
	// Every finding here has a fix, but a finding whose launches an
	// earlier one already rewrites (another resource of the same
	// goroutines) does not repeat it.
	if n == 0 || fixes != n-1 {
		t.Fatalf("%d diagnostics, %d with a fix; want all but one", n, fixes)
	}
}

// TestDoc checks that the analyzer's documentation is the doc.go text,
// from its summary on (x/tools drops the "sharedtx:" prefix).
func TestDoc(t *testing.T) {
	t.Parallel()
	a := sharedtx.Analyzer
	if !strings.HasPrefix(a.Doc, "report a transaction or connection used by goroutines") {
		t.Errorf("Doc starts %.60q", a.Doc)
	}
	for _, s := range []string{"conn busy", "errgroup", "silent"} {
		if !strings.Contains(a.Doc, s) {
			t.Errorf("Doc does not mention %q", s)
		}
	}
	if a.URL != "https://github.com/txvet/txvet/blob/main/docs/sharedtx.md" {
		t.Errorf("URL = %s", a.URL)
	}
	if len(a.FactTypes) > 0 {
		t.Error("sharedtx declares facts: drivers would then load every dependency from source")
	}
}

// TestNegative holds a case for each bullet of "What is never reported" in
// docs/sharedtx.md and for each place the analyzer stays silent because it
// cannot be sure.
func TestNegative(t *testing.T) {
	t.Parallel()
	analysistest.Run(t, testtool.Testdata(), sharedtx.Analyzer, "sharedtx/negative")
}

// TestNoFix holds findings reported without a fix: the launched body sends
// or its code is unknown, or the group's Wait is in a form no rewrite keeps.
func TestNoFix(t *testing.T) {
	t.Parallel()
	analysistest.RunWithSuggestedFixes(t, testtool.Testdata(), sharedtx.Analyzer, "sharedtx/nofix")
}

// TestProjectHelper: a *gorm.DB handed to the callback of a project-local
// helper that owns a transaction (a fact) is a transaction, as under
// db.Transaction; the pool handed to a plain callback is not.
func TestProjectHelper(t *testing.T) {
	t.Parallel()
	analysistest.Run(t, testtool.Testdata(), sharedtx.Analyzer, "sharedtx/helpertx")
}

// TestDerivedInHelper: sqlc Queries that a project helper of another
// package binds to its transaction (New(tx), q.WithTx(tx)) carry it into
// the callback's goroutines; Queries on the pool do not.
func TestDerivedInHelper(t *testing.T) {
	t.Parallel()
	analysistest.Run(t, testtool.Testdata(), sharedtx.Analyzer, "sharedtx/queries")
}

// TestBodiless launches functions of the package whose body the analyzer
// cannot read (an interface method, declarations without a body) and
// generic instantiations: a transaction passed to them is a use, and
// nothing panics.
func TestBodiless(t *testing.T) {
	t.Parallel()
	analysistest.RunWithSuggestedFixes(t, testtool.Testdata(), sharedtx.Analyzer, "sharedtx/bodiless")
}
