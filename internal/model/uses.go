package model

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/txvet/txvet/internal/syntax"
)

// UseKind says what a use of a resource does with it.
type UseKind uint8

const (
	// Work: a method call on the resource or on a value derived from it
	// (tx.Exec, rows.Next, q.GetUser, tx.Commit): database work, releases
	// included.
	Work UseKind = iota + 1
	// Pass: an argument of a call (Callee says which function, when
	// static): the callee may work with it, keep it or release it.
	Pass
	// Return: a result of a return statement.
	Return
	// Store: assigned to something other than a local variable (a field,
	// an element, a package variable, through a pointer) or put in a
	// composite literal.
	Store
	// Send: sent on a channel.
	Send
	// Capture: referred to by a function literal nested in the function.
	Capture
	// Other: compared, converted, printed, assigned to a local variable.
	Other
)

// A Use is one mention of a resource, or of a value derived from it, in
// a function's body.
type Use struct {
	Cursor inspector.Cursor // the identifier
	Var    *types.Var       // the variable mentioned
	Root   *types.Var       // the resource it holds or derives from
	Kind   UseKind
	Call   *ast.CallExpr // Work and Pass: the call
	Callee *types.Func   // Pass: the static callee, if any
	// Lit is the function literal of a Capture; Escaping says it is not
	// called in place (`func() {...}()`), so it may run after the
	// function returns or on another goroutine.
	Lit      *ast.FuncLit
	Escaping bool
}

// Escapes reports whether the use hands the resource to code the
// function does not see: returned, stored, sent, captured by a literal
// that escapes, or passed to a function that is not static.
func (u Use) Escapes() bool {
	switch u.Kind {
	case Return, Store, Send:
		return true
	case Capture:
		return u.Escaping
	case Pass:
		return u.Callee == nil
	}
	return false
}

// Uses returns the uses in the function's body of the variables the model
// follows (Model.ResourceOf), in source order. A mention inside a nested
// function literal of a variable declared outside it is one Capture use.
func (f *Func) Uses() []Use {
	if f.Body == nil {
		return nil
	}
	m := f.m
	var out []Use
	captured := make(map[[2]any]bool) // (literal, variable) already recorded
	for c := range f.Cursor.Child(f.Body).Preorder((*ast.Ident)(nil)) {
		v, ok := m.Info.Uses[c.Node().(*ast.Ident)].(*types.Var)
		if !ok {
			continue
		}
		root := m.ResourceOf(v)
		if root == nil {
			continue
		}
		u := Use{Cursor: c, Var: v, Root: root}
		if encl, _ := syntax.EnclosingFunc(c); encl != f.Cursor {
			lit, ok := outermostLit(c, f.Cursor)
			if !ok || syntax.Within(v, lit.Node()) || captured[[2]any{lit.Node(), v}] {
				continue // the literal's own variable, or already recorded
			}
			captured[[2]any{lit.Node(), v}] = true
			u.Kind, u.Lit = Capture, lit.Node().(*ast.FuncLit)
			u.Escaping = lit.ParentEdgeKind() != edge.CallExpr_Fun
			out = append(out, u)
			continue
		}
		m.classify(&u)
		out = append(out, u)
	}
	return out
}

// outermostLit returns the function literal directly in fn that holds cur.
func outermostLit(cur, fn inspector.Cursor) (inspector.Cursor, bool) {
	var lit inspector.Cursor
	for anc := range cur.Enclosing((*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		if anc == fn {
			return lit, lit.Valid()
		}
		lit = anc
	}
	return inspector.Cursor{}, false
}

// classify sets the kind of a use directly in its function.
func (m *Model) classify(u *Use) {
	cur := u.Cursor
	// s.tx of a struct holding the resource: the selector is the use.
	for cur.ParentEdgeKind() == edge.ParenExpr_X {
		cur = cur.Parent()
	}
	for cur.ParentEdgeKind() == edge.SelectorExpr_X {
		sel := cur.Parent().Node().(*ast.SelectorExpr)
		s, ok := m.Info.Selections[sel]
		if !ok {
			break
		}
		if s.Kind() == types.MethodVal && cur.Parent().ParentEdgeKind() == edge.CallExpr_Fun {
			u.Kind, u.Call = Work, cur.Parent().Parent().Node().(*ast.CallExpr)
			return
		}
		if s.Kind() != types.FieldVal {
			u.Kind = Other // a method value: followed no further
			return
		}
		cur = cur.Parent()
	}
	switch kind, idx := cur.ParentEdge(); kind {
	case edge.CallExpr_Args:
		u.Kind, u.Call = Pass, cur.Parent().Node().(*ast.CallExpr)
		u.Callee = syntax.StaticCallee(m.Info, u.Call)
	case edge.ReturnStmt_Results:
		u.Kind = Return
	case edge.SendStmt_Value:
		u.Kind = Send
	case edge.CompositeLit_Elts, edge.KeyValueExpr_Value:
		u.Kind = Store
	case edge.AssignStmt_Rhs:
		u.Kind = Other
		as := cur.Parent().Node().(*ast.AssignStmt)
		if len(as.Lhs) == len(as.Rhs) && !isLocal(m.Info, as.Lhs[idx]) {
			u.Kind = Store
		}
	case edge.ValueSpec_Values:
		u.Kind = Other
		if vs := cur.Parent().Node().(*ast.ValueSpec); len(vs.Names) > idx && !isLocal(m.Info, vs.Names[idx]) {
			u.Kind = Store
		}
	case edge.UnaryExpr_X:
		u.Kind = Other
		if cur.Parent().Node().(*ast.UnaryExpr).Op == token.AND {
			u.Kind = Store // its address: anything may write or keep it
		}
	default:
		u.Kind = Other
	}
}

// isLocal reports whether e names a local variable (or _).
func isLocal(info *types.Info, e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	if id.Name == "_" {
		return true
	}
	v, ok := info.ObjectOf(id).(*types.Var)
	return ok && !v.IsField() && v.Parent() != nil && v.Pkg() != nil && v.Parent() != v.Pkg().Scope()
}
