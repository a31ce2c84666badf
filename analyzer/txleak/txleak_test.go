package txleak_test

import (
	"flag"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/txvet/txvet"
	"github.com/txvet/txvet/analyzer/txleak"
	"github.com/txvet/txvet/internal/testtool"
)

// TestFamilies checks the leaks of every library of the resource table,
// and their fixes against the .golden files.
func TestFamilies(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testtool.Testdata(), txleak.Analyzer,
		"txleak/sqltx",
		"txleak/sqlxtx",
		"txleak/pgx5",
		"txleak/gormtx",
		"txleak/buntx",
		"txleak/nofix",
		"txleak/loops",
		"txleak/factory/app",
		"txleak/negative",
	)
}

// TestLibraryInternals: inside a library, an unexported method may hand
// the resource over (pgxpool's Query returns rows that release the
// connection): silent.
func TestLibraryInternals(t *testing.T) {
	analysistest.Run(t, testtool.Testdata(), txleak.Analyzer, "github.com/jackc/pgx/v5/pgxpool")
}

// TestDoc checks the documentation the drivers print (x/tools drops the
// "txleak:" prefix).
func TestDoc(t *testing.T) {
	if !strings.HasPrefix(txleak.Analyzer.Doc, "report a transaction") {
		t.Errorf("Doc does not start with the one-line summary:\n%s", txleak.Analyzer.Doc)
	}
	if !strings.Contains(txleak.Analyzer.Doc, "silent") {
		t.Errorf("Doc lacks the silent cases:\n%s", txleak.Analyzer.Doc)
	}
}

var update = flag.Bool("update", false, "write the .golden files from the fixes")

// fixedPackages are the testdata packages with fixes.
var fixedPackages = []string{"txleak/sqltx", "txleak/sqlxtx", "txleak/pgx5", "txleak/gormtx", "txleak/buntx",
	"txleak/loops", "txleak/factory/app"}

// TestFixedCodeIsClean: the fixed code is the golden files, compiles and
// draws no diagnostic from any analyzer (doublerelease accepts the
// inserted defer beside the explicit releases).
func TestFixedCodeIsClean(t *testing.T) {
	testtool.FixedCodeIsClean(t, txleak.Analyzer, txvet.Analyzers(), fixedPackages, *update)
}
