package txfacts

import (
	"go/ast"
	"go/types"
	"slices"

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
		if sig, ok := v.Type().Underlying().(*types.Signature); ok && slices.ContainsFunc(tupleTypes(sig.Params()), knowledge.IsTxType) {
			callbacks[v] = i
		}
	}
	if len(callbacks) == 0 {
		return nil
	}
	var best *RunsInTx
	consider := func(f RunsInTx) {
		if best == nil || f.Callback < best.Callback {
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
				consider(RunsInTx{Callback: i, TxParam: sc.TxParam})
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
			t := syntax.IdentVar(info, arg)
			if t != nil && knowledge.IsTxType(t.Type()) && lifecycle.Begun(info, fd.Body, t) && finishedAfter(info, res, fd.Body, t, call) {
				consider(RunsInTx{Callback: i, TxParam: j})
			}
		}
		return true
	})
	return best
}

func tupleTypes(t *types.Tuple) []types.Type {
	ts := make([]types.Type, t.Len())
	for i := range ts {
		ts[i] = t.At(i).Type()
	}
	return ts
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
