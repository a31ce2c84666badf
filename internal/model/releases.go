package model

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/txvet/txvet/internal/knowledge"
	"github.com/txvet/txvet/internal/lifecycle"
	"github.com/txvet/txvet/internal/syntax"
)

// A Release is an explicit release call of a variable: tx.Commit(),
// tx.Rollback(ctx), conn.Close(), c.Release(), or a call of a function
// of the analysed code known (txfacts.Releases) to roll back, close or
// give back its parameter on every path, neither committing it nor using
// the result (utils.Rollback(tx, log)).
type Release struct {
	Cursor inspector.Cursor // the *ast.CallExpr
	Call   *ast.CallExpr
	Var    *types.Var
	Op     knowledge.Op
	// Stmt is the statement of a release whose result is discarded (a
	// bare call or `_ = call`) in a statement list, which a fix may
	// delete; not valid when the result is used (checked, returned).
	Stmt inspector.Cursor
	// Deferred: the call is a defer statement's own call
	// (`defer tx.Rollback()`).
	Deferred bool
	// Helper is the function that releases Var, for a release through
	// a helper; nil for a release method.
	Helper *types.Func
}

// Discarded reports whether the release's result is discarded.
func (r Release) Discarded() bool { return r.Stmt.Valid() }

// Releases returns the release calls in the function's body, in source
// order, not looking into nested function literals: a release there runs
// at a time the function's model does not know (each literal has its
// own). The variable may be any: Model.IsResource tells whether it holds
// a resource.
func (f *Func) Releases() []Release {
	f.releasesOnce.Do(func() {
		if f.Body == nil {
			return
		}
		f.Cursor.Child(f.Body).Inspect([]ast.Node{(*ast.FuncLit)(nil), (*ast.CallExpr)(nil)}, func(cur inspector.Cursor) bool {
			call, ok := cur.Node().(*ast.CallExpr)
			if !ok {
				return false // a nested function literal
			}
			r := Release{Cursor: cur, Call: call, Stmt: discarded(cur), Deferred: cur.ParentEdgeKind() == edge.DeferStmt_Call}
			if v, op, ok := lifecycle.Released(f.m.Info, call); ok {
				r.Var, r.Op = v, op
				f.releases = append(f.releases, r)
			} else if r.Var, r.Op, r.Helper = f.m.helperRelease(call); r.Var != nil {
				f.releases = append(f.releases, r)
			}
			return true
		})
	})
	return f.releases
}

// discarded returns the statement of a call whose result is discarded: a
// bare call statement or `_ = call`, in a statement list.
func discarded(cur inspector.Cursor) inspector.Cursor {
	stmt := cur.Parent()
	switch s := stmt.Node().(type) {
	case *ast.ExprStmt:
	case *ast.AssignStmt:
		id, ok := s.Lhs[0].(*ast.Ident)
		if len(s.Lhs) != 1 || len(s.Rhs) != 1 || s.Tok != token.ASSIGN || !ok || id.Name != "_" {
			return inspector.Cursor{}
		}
	default:
		return inspector.Cursor{}
	}
	switch stmt.ParentEdgeKind() {
	case edge.BlockStmt_List, edge.CaseClause_Body, edge.CommClause_Body:
		return stmt
	}
	return inspector.Cursor{}
}

// helperRelease returns the variable that call releases through a
// function known to roll back, close or give back that parameter on every
// path without committing it or using the result, the operation that
// stands for it, and the function; nil if none (or more than one).
func (m *Model) helperRelease(call *ast.CallExpr) (*types.Var, knowledge.Op, *types.Func) {
	fn := syntax.StaticCallee(m.Info, call)
	if fn == nil {
		return nil, 0, nil
	}
	var found *types.Var
	for i, arg := range call.Args {
		pr, ok := m.Facts.Release(fn, i)
		v := syntax.IdentVar(m.Info, arg)
		if !ok || v == nil || !pr.RollsBack || pr.Commits || pr.Observes {
			continue
		}
		if found != nil {
			return nil, 0, nil
		}
		found = v
	}
	if found == nil {
		return nil, 0, nil
	}
	op := knowledge.Rollback
	if r, ok := knowledge.Classify(found.Type()); ok {
		switch r.Kind {
		case knowledge.Conn:
			op = knowledge.Close
		case knowledge.PoolConn:
			op = knowledge.Release
		}
	}
	return found, op, fn
}
