package model

import (
	"go/ast"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/txvet/txvet/internal/knowledge"
	"github.com/txvet/txvet/internal/lifecycle"
	"github.com/txvet/txvet/internal/syntax"
)

// Origin says where a resource variable's value comes from.
type Origin uint8

const (
	NotFollowed   Origin = iota // not a resource, or not followed (its address is taken)
	Elsewhere                   // a resource by its type, from a call or value the model does not follow
	Acquired                    // every value assigned to it begins a transaction or takes a connection
	Param                       // a parameter of its function
	CallbackParam               // the transaction parameter of a scoped helper's callback
	Derived                     // a value derived from another resource (Model.ResourceOf)
)

func (o Origin) String() string {
	return [...]string{"not followed", "elsewhere", "acquired", "parameter", "callback", "derived"}[o]
}

// OriginOf says where the local variable v's value comes from.
func (m *Model) OriginOf(v *types.Var) Origin {
	root := m.ResourceOf(v)
	switch {
	case root == nil:
		return NotFollowed
	case root != v:
		return Derived
	}
	fn, ok := m.declaringFunc(v)
	if !ok {
		return Elsewhere
	}
	f := m.Func(fn)
	switch {
	case f.Callback() != nil && f.Callback().Tx == v:
		return CallbackParam
	case slices.Contains(syntax.Params(m.Info, f.Type), v):
		return Param
	case f.Body != nil && lifecycle.Begun(m.Info, f.Body, v):
		return Acquired
	}
	return Elsewhere
}

// An Acquisition is a call that begins a transaction or takes a
// connection (knowledge.BeginsTx, knowledge.BeginCall), with the
// variables its results go to.
type Acquisition struct {
	Cursor inspector.Cursor // the *ast.CallExpr
	Call   *ast.CallExpr
	Var    *types.Var // the variable the resource goes to; nil if not a plain local
	Err    *types.Var // the error result's variable (`tx, err := ...`), if any
}

// Acquisitions returns the acquiring calls directly in the function's
// body (not in nested literals), in source order.
func (f *Func) Acquisitions() []Acquisition {
	if f.Body == nil {
		return nil
	}
	info := f.m.Info
	var out []Acquisition
	f.Cursor.Child(f.Body).Inspect([]ast.Node{(*ast.FuncLit)(nil), (*ast.CallExpr)(nil)}, func(cur inspector.Cursor) bool {
		call, ok := cur.Node().(*ast.CallExpr)
		if !ok {
			return false
		}
		if !knowledge.BeginCall(info, call) && !knowledge.BeginsTx(info, call) {
			return true
		}
		// A gorm chain on a Begin (db.Begin().WithContext(ctx)) is one
		// acquisition: the outermost call of the chain.
		top := cur
		for top.ParentEdgeKind() == edge.SelectorExpr_X && top.Parent().ParentEdgeKind() == edge.CallExpr_Fun {
			outer := top.Parent().Parent().Node().(*ast.CallExpr)
			if !knowledge.BeginsTx(info, outer) {
				break
			}
			top = top.Parent().Parent()
		}
		if top != cur {
			return true // the outer call is recorded when it is visited
		}
		a := Acquisition{Cursor: cur, Call: call}
		var lhs []ast.Expr
		switch cur.ParentEdgeKind() {
		case edge.AssignStmt_Rhs:
			if as := cur.Parent().Node().(*ast.AssignStmt); len(as.Rhs) == 1 {
				lhs = as.Lhs
			}
		case edge.ValueSpec_Values:
			if vs := cur.Parent().Node().(*ast.ValueSpec); len(vs.Values) == 1 {
				for _, id := range vs.Names {
					lhs = append(lhs, id)
				}
			}
		}
		if len(lhs) > 0 {
			a.Var = syntax.IdentVar(info, lhs[0])
		}
		if len(lhs) == 2 {
			if e := syntax.IdentVar(info, lhs[1]); e != nil && types.Identical(e.Type(), types.Universe.Lookup("error").Type()) {
				a.Err = e
			}
		}
		out = append(out, a)
		return true
	})
	return out
}
