package flow_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/txvet/txvet/internal/flow"
)

// TestWalkCorrelated: from the call a() in each function, does some path
// reach the call b()? Paths through two if statements on one condition in
// opposite senses do not count, unless the condition's variables are
// written in between.
func TestWalkCorrelated(t *testing.T) {
	const src = `package p

func a() {}
func b() {}

func same(dry bool)      { if dry { a() }; if !dry { b() } }
func agrees(dry bool)    { if dry { a() }; if dry { b() } }
func elseBranch(dry bool) { if dry { } else { a() }; if dry { b() } }
func errCheck(err error)  { if err != nil { a() }; if err == nil { b() } }
func written(err error)   { if err != nil { a(); err = nil }; if err == nil { b() } }
func closure(dry bool)    { f := func() { dry = !dry }; if dry { a(); f() }; if !dry { b() } }
func and(x, y bool)       { if x && y { a() }; if !(x && y) { b() } }
func plain()              { a(); b() }
func flag(xs []int)       { failed := false; for range xs { a(); failed = true; break }; if !failed { b() } }
func flagOn(xs []int)     { var failed bool; for range xs { a(); break }; if !failed { b() } }
func nilled(err error)    { if err != nil { a(); err = nil }; if err != nil { b() } }
`
	want := map[string]bool{
		"same": false, "agrees": true, "elseBranch": false, "errCheck": false,
		"written": true, "closure": true, "and": true, "plain": true,
		"flag": false, "flagOn": true, "nilled": false,
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Uses: map[*ast.Ident]types.Object{}, Defs: map[*ast.Ident]types.Object{}, Types: map[ast.Expr]types.TypeAndValue{}}
	if _, err := (&types.Config{Importer: importer.Default()}).Check("p", fset, []*ast.File{f}, info); err != nil {
		t.Fatal(err)
	}
	calls := func(fd *ast.FuncDecl, name string) *ast.CallExpr {
		var found *ast.CallExpr
		ast.Inspect(fd, func(n ast.Node) bool {
			if c, ok := n.(*ast.CallExpr); ok && types.ExprString(c.Fun) == name {
				found = c
			}
			return found == nil
		})
		return found
	}
	root := inspector.New([]*ast.File{f}).Root()
	for cur := range root.Preorder((*ast.FuncDecl)(nil)) {
		fd := cur.Node().(*ast.FuncDecl)
		w, ok := want[fd.Name.Name]
		if !ok {
			continue
		}
		g := flow.New(info, fd.Body)
		from, to := calls(fd, "a"), calls(fd, "b")
		fromCur, _ := cur.FindNode(from)
		node, _, _, _ := g.At(from.Pos())
		reached := !g.WalkCorrelated(node, g.Assumptions(fromCur), func(n ast.Node) flow.Step {
			if n.Pos() <= to.Pos() && to.End() <= n.End() {
				return flow.Fail
			}
			return flow.Next
		}, nil)
		if reached != w {
			t.Errorf("%s: b reached from a = %v, want %v", fd.Name.Name, reached, w)
		}
	}
}
