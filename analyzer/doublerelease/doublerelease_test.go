package doublerelease_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/txvet/txvet/analyzer/doublerelease"
)

func testdata(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("../../testdata")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestFamilies checks every bullet of RULES.md on each library family,
// and the fixes against the .golden files.
func TestFamilies(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), doublerelease.Analyzer,
		"doublerelease/sqltx",
	)
}
