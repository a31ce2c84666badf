package dbcode_test

import (
	"go/ast"
	"strings"
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
	analysistest.Run(t, testtool.Testdata(), probe, "dbcode/handle", "dbcode/callback", "dbcode/plain", "dbcode/wrapper")
}

// declProbe reports each top-level declaration that the Result's
// inspector holds, with what it holds: "releases", "launches".
var declProbe = &analysis.Analyzer{
	Name:     "declprobe",
	Doc:      "reports the declarations the inspector holds",
	Requires: []*analysis.Analyzer{dbcode.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		res := pass.ResultOf[dbcode.Analyzer].(*dbcode.Result)
		ins := res.Declarations()
		if ins == nil {
			pass.Reportf(pass.Files[0].Package, "none")
			return nil, nil
		}
		for file := range ins.Root().Children() {
			for decl := range file.Children() {
				d, ok := decl.Node().(ast.Decl)
				if !ok {
					continue // the file's name
				}
				var held []string
				for _, k := range []struct {
					name string
					kind dbcode.Kinds
				}{{"releases", dbcode.Releases}, {"launches", dbcode.Launches}} {
					if res.KindsOf(d)&k.kind != 0 {
						held = append(held, k.name)
					}
				}
				pass.Reportf(d.Pos(), "%s", strings.Join(held, " "))
			}
		}
		return nil, nil
	},
}

func TestDeclarations(t *testing.T) {
	analysistest.Run(t, testtool.Testdata(), declProbe, "dbcode/decls", "dbcode/nolaunch", "dbcode/nohandle")
}
