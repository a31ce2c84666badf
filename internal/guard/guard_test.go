package guard_test

import (
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/txvet/txvet/internal/guard"
)

const src = `package p

type T struct{}

func (*T) Method() {
	f := func() {}
	f()
}

func Plain() {}
`

// newPass type-checks src into a pass of an analyzer named probe.
func newPass(t *testing.T) (*analysis.Pass, *inspector.Inspector) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Defs: make(map[*ast.Ident]types.Object)}
	pkg, err := new(types.Config).Check("example.com/p", fset, []*ast.File{f}, info)
	if err != nil {
		t.Fatal(err)
	}
	pass := &analysis.Pass{Analyzer: &analysis.Analyzer{Name: "probe"}, Fset: fset, Files: []*ast.File{f}, Pkg: pkg, TypesInfo: info}
	return pass, inspector.New(pass.Files)
}

// TestFuncRecoversAndGoesOn: a panic on one function is an error naming
// the analyzer, the package, the function and its position, with the
// issue tracker; the functions after it are still checked.
func TestFuncRecoversAndGoesOn(t *testing.T) {
	pass, ins := newPass(t)
	g := guard.New(pass)
	var checked []string
	for cur := range ins.Root().Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		ok := g.Func(cur, func() {
			if _, lit := cur.Node().(*ast.FuncLit); lit {
				var m map[string]*int
				_ = *m["nil"] // the kind of bug guarded against
			}
			if decl, ok := cur.Node().(*ast.FuncDecl); ok {
				checked = append(checked, decl.Name.Name)
			}
		})
		if _, lit := cur.Node().(*ast.FuncLit); ok == lit {
			t.Errorf("Func(%T) = %v", cur.Node(), ok)
		}
	}
	if want := "Method Plain"; strings.Join(checked, " ") != want {
		t.Errorf("checked %q, want %q", checked, want)
	}
	err := g.Err()
	var pe *guard.PanicError
	if !errors.As(err, &pe) {
		t.Fatalf("Err() = %v, want a *PanicError", err)
	}
	for _, want := range []string{
		"analyzer probe",
		"package example.com/p",
		"function a function literal in (*example.com/p.T).Method",
		"at p.go:6:7",
		"nil pointer dereference",
		guard.IssuesURL,
		"guard_test.TestFuncRecoversAndGoesOn", // the stack
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}

// TestFuncWithoutPanic: no error.
func TestFuncWithoutPanic(t *testing.T) {
	pass, ins := newPass(t)
	g := guard.New(pass)
	if !g.Func(ins.Root(), func() {}) || g.Err() != nil {
		t.Errorf("Err() = %v", g.Err())
	}
}

// TestRun: Run returns the errors of the guarded functions with the
// result, and turns a panic outside them into an error naming the
// package.
func TestRun(t *testing.T) {
	pass, ins := newPass(t)
	run := guard.Run(func(pass *analysis.Pass, g *guard.Guard) (any, error) {
		for cur := range ins.Root().Preorder((*ast.FuncDecl)(nil)) {
			g.Func(cur, func() {
				if cur.Node().(*ast.FuncDecl).Name.Name == "Plain" {
					panic("on Plain")
				}
			})
		}
		return "result", nil
	})
	res, err := run(pass)
	if res != "result" || err == nil || !strings.Contains(err.Error(), "function example.com/p.Plain at p.go:10:1: on Plain;") {
		t.Errorf("run = %v, %v", res, err)
	}

	outside := guard.Run(func(*analysis.Pass, *guard.Guard) (any, error) { panic("in set-up") })
	res, err = outside(pass)
	if res != nil || err == nil || !strings.Contains(err.Error(), "analyzer probe panicked on package example.com/p: in set-up;") {
		t.Errorf("outside = %v, %v", res, err)
	}
}
