package dbcode_test

import (
	"go/ast"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/ast/inspector"

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

// declProbe reports each top-level declaration that the Result's
// inspectors hold: "releases", "launches", or both.
var declProbe = &analysis.Analyzer{
	Name:     "declprobe",
	Doc:      "reports the declarations the inspectors hold",
	Requires: []*analysis.Analyzer{dbcode.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		res := pass.ResultOf[dbcode.Analyzer].(*dbcode.Result)
		held := make(map[ast.Node][]string)
		var order []ast.Node
		for _, k := range []struct {
			name string
			ins  *inspector.Inspector
		}{{"releases", res.Releases()}, {"launches", res.Launches()}} {
			if k.ins == nil {
				continue
			}
			for file := range k.ins.Root().Children() {
				for decl := range file.Children() {
					if _, isName := decl.Node().(*ast.Ident); isName {
						continue
					}
					if held[decl.Node()] == nil {
						order = append(order, decl.Node())
					}
					held[decl.Node()] = append(held[decl.Node()], k.name)
				}
			}
		}
		if len(order) == 0 {
			pass.Reportf(pass.Files[0].Package, "none")
		}
		for _, n := range order {
			pass.Reportf(n.Pos(), "%s", strings.Join(held[n], " "))
		}
		return nil, nil
	},
}

func TestDeclarations(t *testing.T) {
	analysistest.Run(t, testtool.Testdata(), declProbe, "dbcode/decls", "dbcode/nolaunch", "dbcode/nohandle")
}
