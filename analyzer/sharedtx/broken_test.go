package sharedtx_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/txvet/txvet/analyzer/sharedtx"
	"github.com/txvet/txvet/internal/dbcode"
	"github.com/txvet/txvet/internal/model"
	"github.com/txvet/txvet/internal/testtool"
	"github.com/txvet/txvet/internal/txfacts"
)

// TestBrokenPackage runs the analyzer on a package that does not
// type-check, as a driver with RunDespiteErrors would: no diagnostic when
// the pass carries the type errors, and no panic on the partial types even
// when it does not.
func TestBrokenPackage(t *testing.T) {
	t.Parallel()
	fset := token.NewFileSet()
	path := filepath.Join(testtool.Testdata(), "src", "sharedtx", "broken", "broken.go")
	f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	files := []*ast.File{f}
	info := newInfo()
	var typeErrors []types.Error
	conf := types.Config{
		Importer: importer.ForCompiler(fset, "source", nil),
		Error:    func(err error) { typeErrors = append(typeErrors, err.(types.Error)) },
	}
	pkg, _ := conf.Check("broken", fset, files, info)
	if len(typeErrors) == 0 {
		t.Fatal("testdata/src/sharedtx/broken type-checks: it must not")
	}
	for _, withErrors := range []bool{true, false} {
		var errs []types.Error
		if withErrors {
			errs = typeErrors
		}
		got := runSharedtx(t, fset, files, pkg, info, errs, os.ReadFile)
		if withErrors && len(got) > 0 {
			t.Errorf("reported %d diagnostics on a package with type errors, want none: %s", len(got), got[0].Message)
		}
		if !withErrors && len(got) == 0 {
			// The well-typed half still has its finding: proof that the
			// analyzer ran over the partial types rather than bailing out.
			t.Errorf("no finding in the well-typed function Shared")
		}
	}
}

// newInfo returns a types.Info that records everything a pass needs.
func newInfo() *types.Info {
	return &types.Info{
		Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{},
		Uses: map[*ast.Ident]types.Object{}, Implicits: map[ast.Node]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{}, Scopes: map[ast.Node]*types.Scope{},
		Instances: map[*ast.Ident]types.Instance{}, FileVersions: map[*ast.File]string{},
	}
}

// runSharedtx runs sharedtx, and its prerequisites before it, on a
// hand-made pass, as a driver would, and returns its diagnostics.
func runSharedtx(t *testing.T, fset *token.FileSet, files []*ast.File, pkg *types.Package, info *types.Info,
	typeErrors []types.Error, readFile func(string) ([]byte, error)) []analysis.Diagnostic {
	t.Helper()
	var got []analysis.Diagnostic
	pass := &analysis.Pass{
		Analyzer:   sharedtx.Analyzer,
		Fset:       fset,
		Files:      files,
		Pkg:        pkg,
		TypesInfo:  info,
		TypesSizes: types.SizesFor("gc", "amd64"),
		TypeErrors: typeErrors,
		Report:     func(d analysis.Diagnostic) { got = append(got, d) },
		ReadFile:   readFile,
	}
	// The prerequisites, in order, on the same pass (the facts start
	// empty: the package imports no helper).
	pass.ResultOf = make(map[*analysis.Analyzer]any)
	pass.AllObjectFacts = func() []analysis.ObjectFact { return nil }
	pass.ExportObjectFact = func(types.Object, analysis.Fact) {}
	for _, a := range []*analysis.Analyzer{dbcode.Analyzer, txfacts.Analyzer, model.Analyzer} {
		res, err := a.Run(pass)
		if err != nil {
			t.Fatal(err)
		}
		pass.ResultOf[a] = res
	}
	if _, err := sharedtx.Analyzer.Run(pass); err != nil {
		t.Fatal(err)
	}
	return got
}
