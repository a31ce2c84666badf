package model_test

import (
	"go/ast"
	"go/types"
	"os"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/txvet/txvet/internal/model"
	"github.com/txvet/txvet/internal/testtool"
)

var useNames = map[model.UseKind]string{
	model.Work: "work", model.Pass: "pass", model.Return: "return", model.Store: "store",
	model.Send: "send", model.Capture: "capture", model.Other: "other",
}

var deferNames = map[model.DeferKind]string{
	model.DeferCall: "call", model.DeferClosure: "closure", model.DeferConditional: "conditional", model.DeferHelper: "helper",
}

// probe reports what the model says: each followed variable's origin at
// its definition, each deferred scope, each acquisition, each callback,
// and the uses of each function on its declaration line.
var probe = &analysis.Analyzer{
	Name:     "modelprobe",
	Doc:      "reports the model",
	Requires: []*analysis.Analyzer{model.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		m := pass.ResultOf[model.Analyzer].(*model.Result).Open()
		root, ok := m.Root()
		if !ok {
			return nil, nil
		}
		for c := range root.Preorder((*ast.Ident)(nil), (*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
			switch n := c.Node().(type) {
			case *ast.Ident:
				if v, ok := pass.TypesInfo.Defs[n].(*types.Var); ok && m.OriginOf(v) != model.NotFollowed {
					pass.Reportf(n.Pos(), "%s %s", v.Name(), m.OriginOf(v))
				}
			default:
				f := m.Func(c)
				for _, d := range f.Defers() {
					pass.Reportf(d.Stmt.Node().Pos(), "defer %s %s", deferNames[d.Kind], d.Var.Name())
				}
				for _, a := range f.Acquisitions() {
					err := "-"
					if a.Err != nil {
						err = a.Err.Name()
					}
					pass.Reportf(a.Call.Pos(), "acquire %s %s", a.Var.Name(), err)
				}
				if cb := f.Callback(); cb != nil {
					pass.Reportf(n.Pos(), "callback of %s", types.ExprString(cb.Helper.Fun))
				}
				var uses []string
				for _, u := range f.Uses() {
					s := u.Var.Name() + ":" + useNames[u.Kind]
					if u.Escapes() {
						s += "!"
					}
					uses = append(uses, s)
				}
				if len(uses) > 0 {
					pass.Reportf(n.Pos(), "uses %s", strings.Join(uses, " "))
				}
			}
		}
		return nil, nil
	},
}

func TestModel(t *testing.T) {
	analysistest.Run(t, testtool.Testdata(), probe, "model/probe")
}

// reopen checks that the model is shared while an analyzer holds it, and
// that a model opened after the first one was collected answers the same.
var reopen = &analysis.Analyzer{
	Name:     "reopen",
	Doc:      "opens the model twice",
	Requires: []*analysis.Analyzer{model.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		r := pass.ResultOf[model.Analyzer].(*model.Result)
		count := func(m *model.Model) (n int) {
			root, _ := m.Root()
			for c := range root.Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
				n += len(m.Func(c).Releases()) + len(m.Func(c).Defers()) + len(m.Func(c).Uses())
			}
			return n
		}
		// The first model is held only inside this function literal, so
		// that it is unreachable at the GC below.
		before := func() int {
			first := r.Open()
			if r.Open() != first {
				pass.Reportf(pass.Files[0].Package, "a held model is not shared")
			}
			return count(first)
		}()
		runtime.GC()
		if after := count(r.Open()); after != before || before == 0 {
			pass.Reportf(pass.Files[0].Package, "reopened model: %d items, first %d", after, before)
		}
		return nil, nil
	},
}

// TestReopen runs reopen on the probe's package, outside analysistest
// (whose want comments are the probe's).
func TestReopen(t *testing.T) {
	dir := testtool.Testdata()
	pkgs, err := packages.Load(&packages.Config{
		Mode: packages.LoadAllSyntax,
		Dir:  dir,
		Env:  append(os.Environ(), "GOPATH="+dir, "GO111MODULE=off", "GOWORK=off"),
	}, "model/probe")
	if err != nil {
		t.Fatal(err)
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{reopen}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, act := range graph.Roots {
		if act.Err != nil {
			t.Fatal(act.Err)
		}
		for _, d := range act.Diagnostics {
			t.Error(d.Message)
		}
	}
}
