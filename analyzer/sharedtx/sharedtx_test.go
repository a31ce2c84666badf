package sharedtx_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/txvet/txvet/analyzer/sharedtx"
)

func testdata(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("../../testdata")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestSeed is the origin incident: errgroup running a rows query and a
// count query on one pgx transaction.
func TestSeed(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), sharedtx.Analyzer, "sharedtx/seed")
}

// TestPositive holds a case for each Report bullet of RULES.md, per family.
func TestPositive(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), sharedtx.Analyzer, "sharedtx/positive")
}

// TestNegative holds a case for each Never report bullet of RULES.md and
// for each place the analyzer stays silent because it cannot be sure.
func TestNegative(t *testing.T) {
	analysistest.Run(t, testdata(t), sharedtx.Analyzer, "sharedtx/negative")
}

// TestNoFix holds findings reported without a fix: the launched body sends
// or its code is unknown, or the group's Wait is in a form no rewrite keeps.
func TestNoFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), sharedtx.Analyzer, "sharedtx/nofix")
}
