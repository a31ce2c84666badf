package knowledge_test

import (
	"fmt"
	"go/ast"
	"testing"

	"github.com/txvet/txvet/internal/testtool"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/txvet/txvet/internal/knowledge"
)

// probe reports what the knowledge tables say about every parameter and
// call, so the testdata's want comments pin the tables down.
var probe = &analysis.Analyzer{
	Name:     "probe",
	Doc:      "reports knowledge classifications",
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
		for c := range ins.Root().Preorder((*ast.Field)(nil), (*ast.CallExpr)(nil)) {
			switch n := c.Node().(type) {
			case *ast.Field:
				t := pass.TypesInfo.TypeOf(n.Type)
				if r, ok := knowledge.Classify(t); ok {
					pass.Reportf(n.Pos(), "resource %s %s", r.Family, r.Kind)
				}
				switch {
				case knowledge.IsPool(t):
					pass.Reportf(n.Pos(), "pool")
				case knowledge.IsGormDB(t):
					pass.Reportf(n.Pos(), "gorm")
				case !knowledge.IsHandle(t) && knowledge.LooksLikeHandle(t):
					pass.Reportf(n.Pos(), "looks like a handle")
				}
			case *ast.CallExpr:
				info := pass.TypesInfo
				if _, op, ok := knowledge.ReleaseCall(info, n); ok {
					pass.Reportf(n.Pos(), "release %s", op)
				}
				if knowledge.BeginCall(info, n) {
					pass.Reportf(n.Pos(), "begin")
				}
				if sc, ok := knowledge.ScopeCall(info, n); ok {
					pass.Reportf(n.Pos(), "%s", fmt.Sprintf("scope %d %d", sc.Callback, sc.TxParam))
				}
				if _, _, ok := knowledge.LaunchCall(info, n); ok {
					pass.Reportf(n.Pos(), "launch")
				}
				if _, ok := knowledge.WaitCall(info, n); ok {
					pass.Reportf(n.Pos(), "wait")
				}
				if _, _, ok := knowledge.LimitCall(info, n); ok {
					pass.Reportf(n.Pos(), "limit")
				}
			}
		}
		return nil, nil
	},
}

func TestTables(t *testing.T) {
	testdata := testtool.Testdata()
	analysistest.Run(t, testdata, probe, "knowledge")
}
