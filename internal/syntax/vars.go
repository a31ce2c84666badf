package syntax

import (
	"go/ast"
	"go/token"
	"go/types"
)

// Params returns the parameter objects of a function type, in order;
// unnamed parameters are nil.
func Params(info *types.Info, ft *ast.FuncType) []*types.Var {
	var vs []*types.Var
	for _, field := range ft.Params.List {
		if len(field.Names) == 0 {
			vs = append(vs, nil)
		}
		for _, name := range field.Names {
			v, _ := info.Defs[name].(*types.Var)
			vs = append(vs, v)
		}
	}
	return vs
}

// Written reports whether n assigns v or takes its address, looking into
// function literals too.
func Written(info *types.Info, n ast.Node, v *types.Var) bool {
	written := false
	ast.Inspect(n, func(n ast.Node) bool {
		written = written || Writes(info, n, v)
		return !written
	})
	return written
}

// Writes reports whether the node n itself (not its children) writes v:
// assigns it, increments it, ranges into it or takes its address. The
// declaration of v (`v := ...`) is not a write: in a loop, each iteration
// declares a new variable.
func Writes(info *types.Info, n ast.Node, v *types.Var) bool {
	var lhs []ast.Expr
	switch n := n.(type) {
	case *ast.AssignStmt:
		lhs = n.Lhs
	case *ast.RangeStmt:
		lhs = []ast.Expr{n.Key, n.Value}
	case *ast.IncDecStmt:
		lhs = []ast.Expr{n.X}
	case *ast.UnaryExpr:
		if n.Op == token.AND {
			lhs = []ast.Expr{n.X}
		}
	}
	for _, e := range lhs {
		if id, ok := ast.Unparen(e).(*ast.Ident); ok && info.Uses[id] == v {
			return true
		}
	}
	return false
}

// EveryAssignment reports whether v is assigned at least once in body
// (its definition included) and every value assigned to it satisfies ok.
// A write that assigns no value of its own (&v, v++, a range variable)
// fails.
func EveryAssignment(info *types.Info, body ast.Node, v *types.Var, ok func(ast.Expr) bool) bool {
	count, good := 0, true
	ast.Inspect(body, func(n ast.Node) bool {
		if !good {
			return false
		}
		var lhs []*ast.Ident
		var rhs []ast.Expr
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, e := range n.Lhs {
				id, _ := ast.Unparen(e).(*ast.Ident)
				lhs = append(lhs, id)
			}
			rhs = n.Rhs
		case *ast.ValueSpec:
			lhs, rhs = n.Names, n.Values
		default:
			if Writes(info, n, v) {
				good = false
			}
			return true
		}
		for i, id := range lhs {
			if id == nil || info.ObjectOf(id) != v {
				continue
			}
			var src ast.Expr
			if len(rhs) == len(lhs) {
				src = rhs[i]
			} else if len(rhs) == 1 && i == 0 {
				src = rhs[0]
			}
			if src == nil || !ok(src) {
				good = false
			}
			count++
		}
		return true
	})
	return good && count > 0
}

// AsVar returns obj as a variable, or nil.
func AsVar(obj types.Object) *types.Var {
	v, _ := obj.(*types.Var)
	return v
}

// IdentVar returns the variable that e names, if e is an identifier.
func IdentVar(info *types.Info, e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	return AsVar(info.ObjectOf(id))
}

// NonNilCheck returns x when cond is `x != nil` (or `nil != x`).
func NonNilCheck(info *types.Info, cond ast.Expr) *types.Var {
	b, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok || b.Op != token.NEQ {
		return nil
	}
	x, y := b.X, b.Y
	if info.Types[x].IsNil() {
		x, y = y, x
	}
	if !info.Types[y].IsNil() {
		return nil
	}
	return IdentVar(info, x)
}

// Within reports whether x lies inside the node n.
func Within(x interface{ Pos() token.Pos }, n ast.Node) bool {
	return n.Pos() <= x.Pos() && x.Pos() < n.End()
}
