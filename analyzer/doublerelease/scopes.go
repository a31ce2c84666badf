package doublerelease

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/txvet/txvet/internal/flow"
	"github.com/txvet/txvet/internal/knowledge"
	"github.com/txvet/txvet/internal/lifecycle"
	"github.com/txvet/txvet/internal/syntax"
)

// A scope is a deferred statement that owns the release of a variable:
// scopes 1 to 3 of the rules.
type scope struct {
	stmt      inspector.Cursor // the *ast.DeferStmt
	v         *types.Var
	what      string // "the deferred tx.Rollback()", "the deferred function"
	rollsBack bool   // rolls back, closes or gives back v on some path
	commits   bool   // commits v when there is no error
	// heldAtDefer: the deferred call took the value of v when the defer
	// ran (`defer tx.Rollback()`); a deferred function or helper reads v
	// when it runs.
	heldAtDefer bool
	// needsErr: an explicit release counts only when the function then
	// returns a non-nil error in its named result number errResult (-1:
	// no such result, the scope never counts for redundant releases).
	needsErr  bool
	errResult int
}

// scopesOf returns the scopes that the defer statement at cur, in the
// function fn, opens.
func (c *checker) scopesOf(cur inspector.Cursor, fn inspector.Cursor) []scope {
	call := cur.Node().(*ast.DeferStmt).Call
	sig := syntax.FuncSig(c.info, fn.Node())
	if sig == nil {
		return nil
	}
	base := scope{stmt: cur, what: "the deferred " + exprString(call), errResult: -1}

	// 1. defer tx.Rollback()
	if v, op, ok := lifecycle.Released(c.info, call); ok {
		if !c.isResource(v, fn) {
			return nil
		}
		s := base
		s.v, s.rollsBack, s.commits = v, op != knowledge.Commit, op == knowledge.Commit
		s.heldAtDefer = receiverCopied(c.info, call)
		return []scope{s}
	}

	// 2. defer func() { ... }()
	if lit, ok := call.Fun.(*ast.FuncLit); ok && len(call.Args) == 0 {
		litCur := cur.ChildAt(edge.DeferStmt_Call, -1).ChildAt(edge.CallExpr_Fun, -1)
		base.what = "the deferred function"
		return c.closureScopes(base, litCur, lit, fn, sig)
	}

	// 3. defer finish(tx, &err), finish known to release its parameter.
	callee := syntax.StaticCallee(c.info, call)
	if callee == nil {
		return nil
	}
	var ss []scope
	for i, arg := range call.Args {
		pr, ok := c.facts.Release(callee, i)
		v := syntax.IdentVar(c.info, arg)
		if !ok || v == nil || !c.isResource(v, fn) {
			continue
		}
		s := base
		// A helper that checks its rollback behaves differently when the
		// caller already rolled back: not a scope for redundant releases.
		s.v, s.rollsBack, s.commits, s.needsErr = v, pr.RollsBack && !pr.Observes, pr.Commits, pr.Commits
		// A helper that commits decides on the error it is given: it
		// must be the function's named result for returns to tell.
		for _, a := range call.Args {
			if u, ok := a.(*ast.UnaryExpr); ok && u.Op == token.AND {
				if k := namedErrIndex(sig, syntax.IdentVar(c.info, u.X)); k >= 0 {
					s.errResult = k
				}
			}
		}
		ss = append(ss, s)
	}
	return ss
}

// receiverCopied reports whether the method call x.M() evaluates to a
// copy of the variable x, not its address: M is x's own method (not one
// promoted from an embedded field) and not a pointer method called on a
// non-pointer variable, which would take &x.
func receiverCopied(info *types.Info, call *ast.CallExpr) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	s, ok := info.Selections[sel]
	if !ok || s.Kind() != types.MethodVal || len(s.Index()) != 1 {
		return false
	}
	m, ok := s.Obj().(*types.Func)
	if !ok {
		return false
	}
	_, pointerMethod := m.Signature().Recv().Type().(*types.Pointer)
	_, pointerVar := s.Recv().Underlying().(*types.Pointer)
	return !pointerMethod || pointerVar
}

// closureScopes returns the scopes of a deferred function literal: one
// per resource it releases on every path that returns (a panic path does
// not count), or in the named-result form `if err != nil { tx.Rollback() }`.
// A closure that releases only after recover() is neither.
func (c *checker) closureScopes(base scope, litCur inspector.Cursor, lit *ast.FuncLit, fn inspector.Cursor, sig *types.Signature) []scope {
	var vars []*types.Var
	seen := make(map[*types.Var]bool)
	c.releasesIn(litCur, func(_ inspector.Cursor, _ *ast.CallExpr, v *types.Var, _ knowledge.Op) {
		if !seen[v] {
			seen[v] = true
			vars = append(vars, v)
		}
	})
	var ss []scope
	for _, v := range vars {
		if !c.isResource(v, fn) {
			continue
		}
		s := base
		s.v = v
		k := lifecycle.ReleasesIn(c.info, lit.Body, v)
		// A closure that checks its rollback (`err = tx.Rollback()`)
		// behaves differently when the function already rolled back:
		// deleting the explicit rollback would change the error it
		// returns. Not a scope for redundant releases.
		s.commits, s.rollsBack = k.Commits, k.RollsBack && !k.Observes
		every := flow.New(c.info, lit.Body).EveryPath(nil, func(n ast.Node) bool {
			return lifecycle.ReleasesIn(c.info, n, v).Any()
		})
		switch {
		case every:
			// Commits when there is no error: what it does depends on the
			// error result it reads.
			s.needsErr = s.commits
			if s.commits {
				s.errResult = referencedErrResult(c.info, lit, sig)
			}
		case !s.commits:
			k, ok := c.conditionalRollback(litCur, v, sig)
			if !ok {
				continue
			}
			s.needsErr, s.errResult = true, k
		default:
			continue
		}
		ss = append(ss, s)
	}
	return ss
}

// conditionalRollback reports whether every release of v in the closure
// at litCur is a rollback guarded by `if err != nil` on a named error
// result of the enclosing function, returning that result's index.
func (c *checker) conditionalRollback(litCur inspector.Cursor, v *types.Var, sig *types.Signature) (int, bool) {
	k, ok, n := -1, true, 0
	c.releasesIn(litCur, func(relCur inspector.Cursor, rel *ast.CallExpr, rv *types.Var, op knowledge.Op) {
		if rv != v {
			return
		}
		n++
		i := -1
		if op != knowledge.Commit {
			i = c.guardingErrResult(relCur, sig)
		}
		if i < 0 || k >= 0 && i != k {
			ok = false
		}
		k = i
	})
	return k, ok && n > 0
}

// guardingErrResult returns the index of the named error result err of
// sig when the node at cur lies in the body of an `if err != nil` within
// its function, or -1.
func (c *checker) guardingErrResult(cur inspector.Cursor, sig *types.Signature) int {
	for anc := range cur.Enclosing((*ast.IfStmt)(nil), (*ast.FuncLit)(nil)) {
		ifs, ok := anc.Node().(*ast.IfStmt)
		if !ok {
			break
		}
		if !syntax.Within(cur.Node(), ifs.Body) {
			continue
		}
		if k := namedErrIndex(sig, syntax.NonNilCheck(c.info, ifs.Cond)); k >= 0 {
			return k
		}
	}
	return -1
}

// namedErrIndex returns the index of v among the results of sig when v
// is a named result of type error, or -1.
func namedErrIndex(sig *types.Signature, v *types.Var) int {
	if v == nil || v.Name() == "" || v.Name() == "_" {
		return -1
	}
	for i := range sig.Results().Len() {
		if r := sig.Results().At(i); r == v && types.Identical(r.Type(), types.Universe.Lookup("error").Type()) {
			return i
		}
	}
	return -1
}

// referencedErrResult returns the index of the first named error result
// of sig that lit mentions, or -1.
func referencedErrResult(info *types.Info, lit *ast.FuncLit, sig *types.Signature) int {
	k := -1
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && k < 0 {
			if v, ok := info.Uses[id].(*types.Var); ok {
				k = namedErrIndex(sig, v)
			}
		}
		return k < 0
	})
	return k
}

// isResource reports whether v, declared in the function fn, holds a
// resource: a resource type, or a gorm *DB that came from Begin or is the
// transaction parameter of a helper's callback. Variables declared outside
// fn are skipped: code elsewhere may assign them.
func (c *checker) isResource(v *types.Var, fn inspector.Cursor) bool {
	if !syntax.Within(v, fn.Node()) {
		return false
	}
	if _, ok := knowledge.Classify(v.Type()); ok {
		return true
	}
	if !knowledge.IsGormDB(v.Type()) {
		return false
	}
	_, body := syntax.FuncParts(fn.Node())
	return lifecycle.Begun(c.info, body, v) || c.isCallbackTx(fn, v)
}

// isCallbackTx reports whether v is the transaction parameter of the
// function literal fn, the callback of a helper that owns it.
func (c *checker) isCallbackTx(fn inspector.Cursor, v *types.Var) bool {
	lit, ok := fn.Node().(*ast.FuncLit)
	if !ok {
		return false
	}
	k, idx := fn.ParentEdge()
	if k != edge.CallExpr_Args {
		return false
	}
	sc, ok := c.facts.ScopeCall(c.info, fn.Parent().Node().(*ast.CallExpr))
	if !ok || sc.Callback != idx {
		return false
	}
	ps := syntax.Params(c.info, lit.Type)
	return sc.TxParam < len(ps) && ps[sc.TxParam] == v
}
