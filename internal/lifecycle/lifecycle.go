// Package lifecycle holds the syntactic rules for how code acquires and
// releases a resource variable, shared by the fact inference (package
// txfacts) and the model of transaction code (package model): which
// variable a release call acts on, how a piece of code releases a
// variable, and whether a variable holds a transaction begun in the
// function.
package lifecycle

import (
	"go/ast"
	"go/types"

	"github.com/txvet/txvet/internal/knowledge"
	"github.com/txvet/txvet/internal/syntax"
)

// Begun reports whether v is assigned in body at least once and every
// value assigned to it begins a transaction (knowledge.BeginsTx). This is
// the one answer to "is this *gorm.DB a transaction" for a variable that
// is not a scoped helper's callback parameter.
func Begun(info *types.Info, body ast.Node, v *types.Var) bool {
	return syntax.EveryAssignment(info, body, v, func(e ast.Expr) bool {
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		return ok && knowledge.BeginsTx(info, call)
	})
}

// Released returns the variable a release call acts on, when its receiver
// is a plain identifier naming a variable.
func Released(info *types.Info, call *ast.CallExpr) (*types.Var, knowledge.Op, bool) {
	recv, op, ok := knowledge.ReleaseCall(info, call)
	if !ok {
		return nil, 0, false
	}
	id, ok := ast.Unparen(recv).(*ast.Ident)
	if !ok {
		return nil, 0, false
	}
	v, ok := info.Uses[id].(*types.Var)
	if !ok || v.IsField() {
		return nil, 0, false
	}
	return v, op, true
}

// ReleaseKinds says how a piece of code releases a variable.
type ReleaseKinds struct {
	Commits   bool // commits it
	RollsBack bool // rolls it back, closes it or gives it back
	// Observes: the result of such a rollback, close or release is written
	// to a variable outside the code (a named result, a captured variable,
	// *errp), so that the code behaves differently when the resource was
	// already released. Using the result only in conditions, calls or logs
	// does not count.
	Observes bool
}

// Any reports whether the code releases the variable at all.
func (k ReleaseKinds) Any() bool { return k.Commits || k.RollsBack }

// ReleasesIn reports how the node n releases v, not looking into function
// literals.
func ReleasesIn(info *types.Info, n ast.Node, v *types.Var) ReleaseKinds {
	var k ReleaseKinds
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if rv, op, ok := Released(info, n); ok && rv == v {
				if op == knowledge.Commit {
					k.Commits = true
				} else {
					k.RollsBack = true
				}
			}
		}
		return true
	})
	k.Observes = k.RollsBack && resultEscapes(info, n, v)
	return k
}

// resultEscapes reports whether the result of a rollback, close or
// release of v in n reaches, directly or through local variables of n, an
// assignment to something declared outside n.
func resultEscapes(info *types.Info, n ast.Node, v *types.Var) bool {
	isRollback := func(e ast.Node) bool {
		found := false
		ast.Inspect(e, func(m ast.Node) bool {
			if c, ok := m.(*ast.CallExpr); ok {
				if rv, op, ok := Released(info, c); ok && rv == v && op != knowledge.Commit {
					found = true
				}
			}
			return !found
		})
		return found
	}
	carriers := make(map[types.Object]bool) // local variables holding the result
	carries := func(e ast.Node) bool {
		if isRollback(e) {
			return true
		}
		found := false
		ast.Inspect(e, func(m ast.Node) bool {
			if id, ok := m.(*ast.Ident); ok && carriers[info.ObjectOf(id)] {
				found = true
			}
			return !found
		})
		return found
	}
	local := func(e ast.Expr) (types.Object, bool) {
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok {
			return nil, false // *errp, x.f, a[i]: outside
		}
		obj := info.ObjectOf(id)
		return obj, obj == nil || id.Name == "_" || n.Pos() <= obj.Pos() && obj.Pos() < n.End()
	}
	escapes := false
	for changed := true; changed && !escapes; {
		changed = false
		ast.Inspect(n, func(m ast.Node) bool {
			var lhs, rhs []ast.Expr
			switch m := m.(type) {
			case *ast.FuncLit:
				return false
			case *ast.AssignStmt:
				lhs, rhs = m.Lhs, m.Rhs
			case *ast.ValueSpec:
				for _, id := range m.Names {
					lhs = append(lhs, id)
				}
				rhs = m.Values
			default:
				return !escapes
			}
			for i, r := range rhs {
				if !carries(r) {
					continue
				}
				targets := lhs
				if len(lhs) == len(rhs) {
					targets = lhs[i : i+1]
				}
				for _, t := range targets {
					obj, isLocal := local(t)
					switch {
					case !isLocal:
						escapes = true
					case obj != nil && !carriers[obj] && obj.Name() != "_":
						carriers[obj] = true
						changed = true
					}
				}
			}
			return !escapes
		})
	}
	return escapes
}
