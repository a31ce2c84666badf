package report_test

import (
	"go/ast"
	"testing"

	"github.com/txvet/txvet/internal/testtool"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/txvet/txvet/internal/report"
)

// everyCall reports each call expression, with a fix that deletes it.
var everyCall = &analysis.Analyzer{
	Name: "everycall",
	Doc:  "reports every call",
	Run: func(pass *analysis.Pass) (any, error) {
		r := report.New(pass)
		for _, f := range pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				if call, ok := n.(*ast.CallExpr); ok {
					r.Report(analysis.Diagnostic{
						Pos:     call.Pos(),
						End:     call.End(),
						Message: "call",
						SuggestedFixes: []analysis.SuggestedFix{{
							Message:   "delete",
							TextEdits: []analysis.TextEdit{{Pos: call.Pos(), End: call.End()}},
						}},
					})
				}
				return true
			})
		}
		return nil, nil
	},
}

func TestReporter(t *testing.T) {
	testdata := testtool.Testdata()
	// report/a.go checks the ignore directive and its golden file the fix;
	// report/gen.go is generated: reported, not fixed (no change in its golden).
	analysistest.RunWithSuggestedFixes(t, testdata, everyCall, "report")
}

func TestIsIgnore(t *testing.T) {
	for text, want := range map[string]bool{
		"//txvet:ignore":                 true,
		"//txvet:ignore deferred safety": true,
		"//txvet:ignored":                false,
		"// txvet:ignore":                false,
		"//nolint:txvet":                 false,
	} {
		if got := report.IsIgnore(text); got != want {
			t.Errorf("IsIgnore(%q) = %v, want %v", text, got, want)
		}
	}
}
