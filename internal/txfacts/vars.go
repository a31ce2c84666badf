package txfacts

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/txvet/txvet/internal/knowledge"
)

// Params returns the parameter objects of a function declaration, in
// order; unnamed parameters are nil.
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

// IsTxType reports whether t can hold a transaction: a transaction
// resource or a gorm *DB.
func IsTxType(t types.Type) bool {
	if r, ok := knowledge.Classify(t); ok {
		return r.Kind == knowledge.Tx
	}
	return knowledge.IsGormDB(t)
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

func asVar(obj types.Object) *types.Var {
	v, _ := obj.(*types.Var)
	return v
}

// IdentVar returns the variable that e names, if e is an identifier.
func IdentVar(info *types.Info, e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	return asVar(info.ObjectOf(id))
}
