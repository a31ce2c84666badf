package useafterrelease_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/txvet/txvet/analyzer/useafterrelease"
	"github.com/txvet/txvet/internal/testtool"
)

// TestFamilies checks every rule, positive and negative, on each library
// family. No diagnostic has a fix: the intent is the author's.
func TestFamilies(t *testing.T) {
	results := analysistest.Run(t, testtool.Testdata(), useafterrelease.Analyzer,
		"useafterrelease/sqltx",
		"useafterrelease/sqlxtx",
		"useafterrelease/pgx5",
		"useafterrelease/gormtx",
		"useafterrelease/buntx",
		"useafterrelease/sqlc",
	)
	n := 0
	for _, r := range results {
		for _, d := range r.Diagnostics {
			n++
			if d.Category != "use-after-release" {
				t.Errorf("%s: category %q", d.Message, d.Category)
			}
			if len(d.SuggestedFixes) > 0 {
				t.Errorf("%s: has a fix", d.Message)
			}
			if len(d.Message) >= 160 {
				t.Errorf("message of %d characters: %s", len(d.Message), d.Message)
			}
		}
	}
	if n == 0 {
		t.Error("no diagnostics")
	}
}
