package model

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/txvet/txvet/internal/knowledge"
	"github.com/txvet/txvet/internal/syntax"
)

// A Callback is a function literal that a scoped helper runs inside a
// transaction it owns (scope 4): gorm's Transaction, pgx's BeginFunc,
// bun's RunInTx, or a function of the analysed code known by a
// txfacts.RunsInTx fact. The helper commits or rolls back Tx itself.
type Callback struct {
	Helper *ast.CallExpr    // the helper's call
	Call   inspector.Cursor // its cursor
	Scope  knowledge.Scope
	// Tx is the literal's transaction parameter (nil if unnamed); when
	// Scope.Derived, the parameter that carries a value derived from the
	// transaction (sqlc's *Queries) instead.
	Tx *types.Var
}

// Callback returns the scoped-helper call the function is the callback
// literal of, or nil.
func (f *Func) Callback() *Callback {
	f.callbackOnce.Do(func() {
		lit, ok := f.Cursor.Node().(*ast.FuncLit)
		if !ok {
			return
		}
		arg := f.Cursor
		for arg.ParentEdgeKind() == edge.ParenExpr_X {
			arg = arg.Parent()
		}
		k, idx := arg.ParentEdge()
		if k != edge.CallExpr_Args {
			return
		}
		call := arg.Parent()
		sc, ok := f.m.ScopeCall(call.Node().(*ast.CallExpr))
		if !ok || sc.Callback != idx {
			return
		}
		cb := &Callback{Helper: call.Node().(*ast.CallExpr), Call: call, Scope: sc}
		if ps := syntax.Params(f.m.Info, lit.Type); sc.TxParam < len(ps) {
			cb.Tx = ps[sc.TxParam]
		}
		f.callback = cb
	})
	return f.callback
}
