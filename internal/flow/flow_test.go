package flow_test

import (
	"go/ast"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/txvet/txvet/internal/flow"
	"github.com/txvet/txvet/internal/testtool"
)

// probe reports, at the statement start() of each function, whether every
// path from it reaches a hit() before the function exits normally, and
// whether some path reaches the first hit() without passing a block()
// statement.
var probe = &analysis.Analyzer{
	Name: "flowprobe",
	Doc:  "reports path queries from start()",
	Run: func(pass *analysis.Pass) (any, error) {
		for _, file := range pass.Files {
			for _, d := range file.Decls {
				fd, ok := d.(*ast.FuncDecl)
				if !ok || fd.Body == nil {
					continue
				}
				g := flow.New(pass.TypesInfo, fd.Body)
				var start, firstHit ast.Node
				ast.Inspect(fd.Body, func(n ast.Node) bool {
					if isCall(n, "start") && start == nil {
						start = n
					}
					if isCall(n, "hit") && firstHit == nil {
						firstHit = n
					}
					return true
				})
				if start == nil {
					continue
				}
				every := g.EveryPath(start, func(n ast.Node) bool { return isCall(n, "hit") })
				reaches := g.Reaches(start, firstHit, func(n ast.Node) bool { return isCall(n, "block") })
				pass.Reportf(start.Pos(), "every=%v reaches=%v", every, reaches)
			}
		}
		return nil, nil
	},
}

// isCall reports whether n is the statement name().
func isCall(n ast.Node, name string) bool {
	es, ok := n.(*ast.ExprStmt)
	if !ok {
		return false
	}
	call, ok := es.X.(*ast.CallExpr)
	if !ok {
		return false
	}
	id, ok := call.Fun.(*ast.Ident)
	return ok && id.Name == name
}

func TestPaths(t *testing.T) {
	analysistest.Run(t, testtool.Testdata(), probe, "flow/paths")
}
