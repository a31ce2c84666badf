package dbcode_test

import (
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/txvet/txvet/internal/dbcode"
	"github.com/txvet/txvet/internal/testtool"
)

// probe reports "relevant" on the package clause of each relevant package,
// and checks that the inspector covers the package's files.
var probe = &analysis.Analyzer{
	Name:     "probe",
	Doc:      "reports relevant packages",
	Requires: []*analysis.Analyzer{dbcode.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		res := pass.ResultOf[dbcode.Analyzer].(*dbcode.Result)
		if res.Relevant && len(pass.Files) > 0 {
			if _, ok := res.Inspector().Root().FirstChild(); !ok {
				pass.Reportf(pass.Files[0].Package, "empty inspector")
			}
			pass.Reportf(pass.Files[0].Name.Pos(), "relevant")
		}
		return nil, nil
	},
}

func TestRelevant(t *testing.T) {
	analysistest.Run(t, testtool.Testdata(), probe, "dbcode/handle", "dbcode/callback", "dbcode/plain")
}
