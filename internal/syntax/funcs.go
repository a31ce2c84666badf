package syntax

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
)

// EnclosingFunc returns the innermost function declaration or literal
// around cur (cur itself when it is one).
func EnclosingFunc(cur inspector.Cursor) (inspector.Cursor, bool) {
	for fn := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		return fn, true
	}
	return inspector.Cursor{}, false
}

// FuncParts returns the type and body of a function declaration or
// literal; nil, nil for any other node.
func FuncParts(n ast.Node) (*ast.FuncType, *ast.BlockStmt) {
	switch n := n.(type) {
	case *ast.FuncDecl:
		return n.Type, n.Body
	case *ast.FuncLit:
		return n.Type, n.Body
	}
	return nil, nil
}

// FuncSig returns the signature of a function declaration or literal.
func FuncSig(info *types.Info, n ast.Node) *types.Signature {
	var t types.Type
	switch n := n.(type) {
	case *ast.FuncDecl:
		if obj := info.Defs[n.Name]; obj != nil {
			t = obj.Type()
		}
	case *ast.FuncLit:
		t = info.TypeOf(n)
	}
	sig, _ := t.(*types.Signature)
	return sig
}

// OutermostLoop returns the outermost for or range statement around cur
// within its function, or cur's own node if none.
func OutermostLoop(cur inspector.Cursor) ast.Node {
	n := cur.Node()
	for anc := range cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		if _, isLoop := anc.Node().(ast.Stmt); !isLoop {
			break // the function's boundary
		}
		n = anc.Node()
	}
	return n
}

// StaticCallee returns the function or method a call invokes, for calls
// whose arguments line up with the callee's parameters (not method
// expressions).
func StaticCallee(info *types.Info, call *ast.CallExpr) *types.Func {
	fun := ast.Unparen(call.Fun)
	switch f := fun.(type) { // explicit instantiation: F[T](...)
	case *ast.IndexExpr:
		fun = ast.Unparen(f.X)
	case *ast.IndexListExpr:
		fun = ast.Unparen(f.X)
	}
	var id *ast.Ident
	switch fun := fun.(type) {
	case *ast.Ident:
		id = fun
	case *ast.SelectorExpr:
		if s, ok := info.Selections[fun]; ok && s.Kind() != types.MethodVal {
			return nil
		}
		id = fun.Sel
	default:
		return nil
	}
	fn, _ := info.Uses[id].(*types.Func)
	return fn
}

// A Decl is a function declaration and its object.
type Decl struct {
	Func *types.Func
	Decl *ast.FuncDecl
}

// Decls indexes the function declarations of a package.
type Decls struct {
	List   []Decl // in source order
	byFunc map[*types.Func]*ast.FuncDecl
}

// FuncDecls returns the function declarations of files, with or
// without a body.
func FuncDecls(info *types.Info, files []*ast.File) *Decls {
	d := &Decls{byFunc: make(map[*types.Func]*ast.FuncDecl)}
	for _, f := range files {
		for _, decl := range f.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok {
				continue
			}
			if fn, ok := info.Defs[fd.Name].(*types.Func); ok {
				d.List = append(d.List, Decl{fn, fd})
				d.byFunc[fn] = fd
			}
		}
	}
	return d
}

// Of returns the declaration of fn (or of its generic origin), or nil
// when fn is not declared in the package.
func (d *Decls) Of(fn *types.Func) *ast.FuncDecl {
	if fn == nil {
		return nil
	}
	return d.byFunc[fn.Origin()]
}
