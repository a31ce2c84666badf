package txfacts

import (
	"go/ast"
	"go/types"

	"github.com/txvet/txvet/internal/flow"
	"github.com/txvet/txvet/internal/knowledge"
	"github.com/txvet/txvet/internal/lifecycle"
	"github.com/txvet/txvet/internal/syntax"
)

// inferReleases finds the resource parameters that fd releases on every
// path. A parameter that fd assigns or takes the address of is skipped.
func inferReleases(info *types.Info, fd *ast.FuncDecl) *Releases {
	var candidates []ParamRelease
	var vars []*types.Var
	for i, v := range syntax.Params(info, fd.Type) {
		if v == nil {
			continue
		}
		if _, ok := knowledge.Classify(v.Type()); ok || knowledge.IsGormDB(v.Type()) {
			candidates = append(candidates, ParamRelease{Index: i})
			vars = append(vars, v)
		}
	}
	if len(candidates) == 0 {
		return nil
	}
	var found []ParamRelease
	var g *flow.Graph
	for k, p := range candidates {
		v := vars[k]
		k := lifecycle.ReleasesIn(info, fd.Body, v)
		p.Commits, p.RollsBack, p.Observes = k.Commits, k.RollsBack, k.Observes
		if !k.Any() || syntax.Written(info, fd.Body, v) {
			continue
		}
		if g == nil {
			g = flow.New(info, fd.Body)
		}
		if g.EveryPath(nil, func(n ast.Node) bool { return lifecycle.ReleasesIn(info, n, v).Any() }) {
			found = append(found, p)
		}
	}
	if len(found) == 0 {
		return nil
	}
	return &Releases{Params: found}
}

// inferRunsInTx finds the first callback parameter that fd calls with a
// transaction it begins and later commits or rolls back, or hands to a
// known helper that does.
func inferRunsInTx(info *types.Info, res *Result, fd *ast.FuncDecl) *RunsInTx {
	ps := syntax.Params(info, fd.Type)
	callbacks := make(map[*types.Var]int)
	for i, v := range ps {
		if v == nil {
			continue
		}
		if sig, ok := v.Type().Underlying().(*types.Signature); ok && sig.Params().Len() > 0 {
			callbacks[v] = i
		}
	}
	if len(callbacks) == 0 {
		return nil
	}
	var best *RunsInTx
	consider := func(f RunsInTx) {
		// The first callback; for it, the transaction itself before a
		// value derived from it.
		if best == nil || f.Callback < best.Callback || f.Callback == best.Callback && best.Derived && !f.Derived {
			best = &f
		}
	}
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		// A known helper given the callback parameter itself.
		if sc, ok := res.ScopeCall(info, call); ok {
			if i, ok := callbacks[syntax.IdentVar(info, call.Args[sc.Callback])]; ok {
				consider(RunsInTx{Callback: i, TxParam: sc.TxParam, ChecksRollback: sc.ChecksRollback, Derived: sc.Derived})
			}
		}
		// The callback parameter called with a transaction begun here.
		id, ok := ast.Unparen(call.Fun).(*ast.Ident)
		if !ok {
			return true
		}
		i, ok := callbacks[syntax.AsVar(info.Uses[id])]
		if !ok {
			return true
		}
		for j, arg := range call.Args {
			t, derived := syntax.IdentVar(info, arg), false
			if t == nil || !knowledge.IsTxType(t.Type()) {
				t, derived = derivedTx(info, fd.Body, arg), true
			}
			if t != nil && knowledge.IsTxType(t.Type()) && lifecycle.Begun(info, fd.Body, t) && finishedAfter(info, res, fd.Body, t, call) {
				consider(RunsInTx{Callback: i, TxParam: j, ChecksRollback: rollbackReported(info, fd.Body, t), Derived: derived})
			}
		}
		return true
	})
	return best
}

// derivedTx returns the transaction variable that the value of e is
// derived from: a call given the transaction whose result holds it (sqlc's
// New(tx), q.WithTx(tx); knowledge.Holds), directly or through a variable
// of body defined once by such a call. Nil if none, or more than one.
func derivedTx(info *types.Info, body *ast.BlockStmt, e ast.Expr) *types.Var {
	if v := syntax.IdentVar(info, e); v != nil {
		var def ast.Expr
		n := 0
		ast.Inspect(body, func(m ast.Node) bool {
			if as, ok := m.(*ast.AssignStmt); ok && len(as.Lhs) == len(as.Rhs) {
				for i, l := range as.Lhs {
					if id, ok := l.(*ast.Ident); ok && info.ObjectOf(id) == v {
						def = as.Rhs[i]
						n++
					}
				}
			}
			return true
		})
		if n != 1 || syntax.IdentVar(info, def) != nil {
			return nil
		}
		e = def
	}
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return nil
	}
	var found *types.Var
	for _, arg := range call.Args {
		t := syntax.IdentVar(info, arg)
		if t == nil || !knowledge.IsTxType(t.Type()) || !knowledge.Holds(info.TypeOf(call), t.Type()) {
			continue
		}
		if found != nil && found != t {
			return nil
		}
		found = t
	}
	return found
}

// finishedAfter reports whether body commits or rolls back t after call,
// or in a deferred call or function.
func finishedAfter(info *types.Info, res *Result, body *ast.BlockStmt, t *types.Var, call *ast.CallExpr) bool {
	finishes := func(c *ast.CallExpr) bool {
		if v, _, ok := lifecycle.Released(info, c); ok && v == t {
			return true
		}
		if fn := syntax.StaticCallee(info, c); fn != nil {
			for i, arg := range c.Args {
				if _, ok := res.Release(fn, i); ok && syntax.IdentVar(info, arg) == t {
					return true
				}
			}
		}
		return false
	}
	found := false
	inDefer := func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.DeferStmt:
			ast.Inspect(n.Call, func(m ast.Node) bool {
				if c, ok := m.(*ast.CallExpr); ok && finishes(c) {
					found = true
				}
				return !found
			})
			return false
		case *ast.CallExpr:
			if n.Pos() > call.End() && finishes(n) {
				found = true
			}
		}
		return true
	}
	ast.Inspect(body, inDefer)
	return found
}

// rollbackReported reports whether the result of a rollback of t in body
// reaches what body returns or stores outside: a return of the call, of
// an expression holding it (errors.Join(err, tx.Rollback())), or of a
// variable assigned from it, or an assignment to a named result, a
// captured variable or *errp (lifecycle's Observes).
func rollbackReported(info *types.Info, body *ast.BlockStmt, t *types.Var) bool {
	if lifecycle.ReleasesIn(info, body, t).Observes {
		return true
	}
	carriers := make(map[types.Object]bool) // variables assigned from a rollback of t
	carries := func(e ast.Node) bool {
		found := false
		ast.Inspect(e, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				if v, op, ok := lifecycle.Released(info, n); ok && v == t && op != knowledge.Commit {
					found = true
				}
			case *ast.Ident:
				found = found || carriers[info.ObjectOf(n)]
			}
			return !found
		})
		return found
	}
	ast.Inspect(body, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok && len(as.Lhs) == len(as.Rhs) {
			for i, r := range as.Rhs {
				if id, ok := as.Lhs[i].(*ast.Ident); ok && id.Name != "_" && carries(r) {
					carriers[info.ObjectOf(id)] = true
				}
			}
		}
		return true
	})
	reported := false
	ast.Inspect(body, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		if ret, ok := n.(*ast.ReturnStmt); ok {
			for _, r := range ret.Results {
				reported = reported || carries(r)
			}
		}
		return !reported
	})
	return reported
}
