package model_test

import (
	"go/ast"
	"go/types"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

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
		m := pass.ResultOf[model.Analyzer].(*model.Model)
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
