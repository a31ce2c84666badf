package dbcode_test

import (
	"go/ast"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/txvet/txvet/internal/dbcode"
	"github.com/txvet/txvet/internal/testtool"
)

// probe reports "relevant" on the package clause of each relevant package.
var probe = &analysis.Analyzer{
	Name:     "probe",
	Doc:      "reports relevant packages",
	Requires: []*analysis.Analyzer{dbcode.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		res := pass.ResultOf[dbcode.Analyzer].(*dbcode.Result)
		if res.Relevant && len(pass.Files) > 0 {
			pass.Reportf(pass.Files[0].Name.Pos(), "relevant")
		}
		return nil, nil
	},
}

func TestRelevant(t *testing.T) {
	analysistest.Run(t, testtool.Testdata(), probe, "dbcode/handle", "dbcode/callback", "dbcode/plain")
}

// declProbe reports each top-level declaration that the inspector of
// dbcode.Inspect, matching go statements, holds, and each cursor that
// would leave it.
var declProbe = &analysis.Analyzer{
	Name: "declprobe",
	Doc:  "reports the declarations an inspector holds",
	Run: func(pass *analysis.Pass) (any, error) {
		ins := dbcode.Inspect(pass.Files, func(n ast.Node) bool {
			_, ok := n.(*ast.GoStmt)
			return ok
		})
		if ins == nil {
			pass.Reportf(pass.Files[0].Package, "no declaration")
			return nil, nil
		}
		for file := range ins.Root().Children() {
			for decl := range file.Children() {
				if _, isName := decl.Node().(*ast.Ident); !isName {
					pass.Reportf(decl.Node().Pos(), "held")
				}
			}
		}
		return nil, nil
	},
}

func TestInspect(t *testing.T) {
	analysistest.Run(t, testtool.Testdata(), declProbe, "dbcode/decls", "dbcode/nolaunch")
}
