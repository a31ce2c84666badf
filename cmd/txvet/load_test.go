package main

import (
	"go/ast"
	"go/types"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/types/typeutil"
)

// releases marks a function that calls Rollback.
type releases struct{}

func (*releases) AFact()         {}
func (*releases) String() string { return "releases" }

// callsAnalyzer exports a fact for each function that calls Rollback and
// reports each call of a function with the fact, as txvet's scope-3 and
// scope-4 helpers do. Facts are private to the analyzer that declares
// them, so one analyzer does both.
var callsAnalyzer = &analysis.Analyzer{
	Name:      "calls",
	Doc:       "test: report calls of functions that call Rollback",
	FactTypes: []analysis.Fact{new(releases)},
	Run: func(pass *analysis.Pass) (any, error) {
		for _, file := range pass.Files {
			for _, decl := range file.Decls {
				fn, ok := decl.(*ast.FuncDecl)
				if !ok || fn.Body == nil {
					continue
				}
				ast.Inspect(fn.Body, func(n ast.Node) bool {
					if sel, ok := n.(*ast.SelectorExpr); ok && sel.Sel.Name == "Rollback" {
						pass.ExportObjectFact(pass.TypesInfo.Defs[fn.Name], new(releases))
					}
					return true
				})
			}
			ast.Inspect(file, func(n ast.Node) bool {
				if call, ok := n.(*ast.CallExpr); ok {
					if fn, ok := typeutil.Callee(pass.TypesInfo, call).(*types.Func); ok && pass.ImportObjectFact(fn, new(releases)) {
						pass.Reportf(call.Pos(), "calls releaser %s", fn.Name())
					}
				}
				return true
			})
		}
		return nil, nil
	},
}

// TestFactsCrossInModulePackages checks the loading design: only the
// named package and the in-module package it imports come from source,
// and the fact exported in one reaches the other.
func TestFactsCrossInModulePackages(t *testing.T) {
	dir, _ := filepath.Abs("testdata/facts")
	for _, prefilter := range []bool{true, false} {
		opts := &options{workDir: dir, tests: true, prefilter: prefilter, patterns: []string{"./caller"}, analyzers: []*analysis.Analyzer{callsAnalyzer}}
		res, err := analyze(opts)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.errors) > 0 || len(res.failures) > 0 {
			t.Fatalf("errors: %v %v", res.errors, res.failures)
		}
		var got []string
		for _, f := range res.findings {
			p := f.pkg.Fset.Position(f.diag.Pos)
			got = append(got, filepath.Base(p.Filename)+":"+itoa(p.Line)+" "+f.diag.Message)
		}
		want := []string{"caller.go:10 calls releaser Finish", "caller_test.go:13 calls releaser Finish"}
		if !slices.Equal(got, want) {
			t.Errorf("prefilter=%v: findings = %q, want %q", prefilter, got, want)
		}
	}
}

// TestLoadPrunesToSourcePackages checks that the roots exclude the
// shadowed non-test package and the test main, and that every import
// edge left points at a package loaded from source.
func TestLoadPrunesToSourcePackages(t *testing.T) {
	dir, _ := filepath.Abs("testdata/facts")
	cfg := &packages.Config{Mode: loadMode, Tests: true, Dir: dir}
	l, err := load(cfg, []string{"./caller"}, true)
	if err != nil {
		t.Fatal(err)
	}
	var roots []string
	for _, p := range l.roots {
		roots = append(roots, p.ID)
	}
	if want := []string{"example.com/facts/caller [example.com/facts/caller.test]"}; !slices.Equal(roots, want) {
		t.Errorf("roots = %q, want %q", roots, want)
	}
	source := make(map[*packages.Package]bool)
	for _, p := range l.source {
		source[p] = true
	}
	helperFromSource := false
	for _, p := range l.source {
		for _, imp := range p.Imports {
			if !source[imp] {
				t.Errorf("%s imports %s, which is not loaded from source", p.ID, imp.ID)
			}
			helperFromSource = helperFromSource || imp.PkgPath == "example.com/facts/helper" && imp.Syntax != nil
		}
	}
	if !helperFromSource {
		t.Error("the in-module import example.com/facts/helper was not loaded from source")
	}
}

func itoa(i int) string { return strconv.Itoa(i) }
