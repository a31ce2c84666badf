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

// DeferKind says how a deferred statement owns the release of a variable.
type DeferKind uint8

const (
	// DeferCall: `defer tx.Rollback()`, `defer conn.Close()`.
	DeferCall DeferKind = iota + 1
	// DeferClosure: a deferred function literal that releases the
	// variable on every path that returns through it (a panic path does
	// not count): `if err != nil { tx.Rollback() } else { tx.Commit() }`.
	DeferClosure
	// DeferConditional: a deferred function literal whose every release
	// is a rollback under `if err != nil` on a named error result of the
	// function (NeedsErr, ErrResult). A closure that releases only after
	// recover() (the panic path) is no scope at all.
	DeferConditional
	// DeferHelper: `defer finish(tx, &err)`, finish known by a
	// txfacts.Releases fact to release its parameter.
	DeferHelper
)

// A Defer is a deferred statement that owns the release of a variable.
type Defer struct {
	Stmt      inspector.Cursor // the *ast.DeferStmt
	Kind      DeferKind
	Var       *types.Var
	What      string // "the deferred tx.Rollback()", "the deferred function"
	RollsBack bool   // rolls back, closes or gives back Var on some path, without observing the result
	Commits   bool   // commits Var when there is no error
	// HeldAtDefer: the deferred call took the value of Var when the
	// defer ran (`defer tx.Rollback()`); a deferred function or helper
	// reads Var when it runs.
	HeldAtDefer bool
	// NeedsErr: what the scope does depends on the function's error
	// result: an explicit release counts only when the function then
	// returns a non-nil error in its named result number ErrResult (-1:
	// no such result).
	NeedsErr  bool
	ErrResult int
}

// Defers returns the deferred scopes opened directly in the function's
// body (not in nested function literals), in source order. Only
// resources declared in the function count (Model.IsResource): a variable
// declared outside may be assigned by code elsewhere.
func (f *Func) Defers() []Defer {
	f.defersOnce.Do(func() {
		if f.Body == nil || f.Sig == nil {
			return
		}
		f.Cursor.Child(f.Body).Inspect([]ast.Node{(*ast.FuncLit)(nil), (*ast.DeferStmt)(nil)}, func(cur inspector.Cursor) bool {
			if _, ok := cur.Node().(*ast.DeferStmt); ok {
				f.defers = append(f.defers, f.scopesOf(cur)...)
			}
			return false // a nested literal's defers are its own
		})
	})
	return f.defers
}

// ownResource reports whether v is a resource declared in f.
func (f *Func) ownResource(v *types.Var) bool {
	return syntax.Within(v, f.Cursor.Node()) && f.m.IsResource(v)
}

// scopesOf returns the scopes that the defer statement at cur opens.
func (f *Func) scopesOf(cur inspector.Cursor) []Defer {
	info := f.m.Info
	call := cur.Node().(*ast.DeferStmt).Call
	sig := f.Sig
	base := Defer{Stmt: cur, What: "the deferred " + types.ExprString(call), ErrResult: -1}

	// 1. defer tx.Rollback()
	if v, op, ok := lifecycle.Released(info, call); ok {
		if !f.ownResource(v) {
			return nil
		}
		s := base
		s.Kind = DeferCall
		s.Var, s.RollsBack, s.Commits = v, op != knowledge.Commit, op == knowledge.Commit
		s.HeldAtDefer = receiverCopied(info, call)
		return []Defer{s}
	}

	// 2. defer func() { ... }()
	if _, ok := call.Fun.(*ast.FuncLit); ok && len(call.Args) == 0 {
		litCur := cur.ChildAt(edge.DeferStmt_Call, -1).ChildAt(edge.CallExpr_Fun, -1)
		base.What = "the deferred function"
		return f.closureScopes(base, f.m.Func(litCur))
	}

	// 3. defer finish(tx, &err), finish known to release its parameter.
	callee := syntax.StaticCallee(info, call)
	if callee == nil {
		return nil
	}
	var ss []Defer
	for i, arg := range call.Args {
		pr, ok := f.m.Facts.Release(callee, i)
		v := syntax.IdentVar(info, arg)
		if !ok || v == nil || !f.ownResource(v) {
			continue
		}
		s := base
		s.Kind = DeferHelper
		// A helper that checks its rollback behaves differently when the
		// caller already rolled back: not a scope for redundant releases.
		s.Var, s.RollsBack, s.Commits, s.NeedsErr = v, pr.RollsBack && !pr.Observes, pr.Commits, pr.Commits
		// A helper that commits decides on the error it is given: it
		// must be the function's named result for returns to tell.
		for _, a := range call.Args {
			if u, ok := a.(*ast.UnaryExpr); ok && u.Op == token.AND {
				if k := NamedErrIndex(sig, syntax.IdentVar(info, u.X)); k >= 0 {
					s.ErrResult = k
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

// closureScopes returns the scopes of a deferred function literal lit:
// one per resource it releases on every path that returns (a panic path
// does not count), or in the named-result form `if err != nil {
// tx.Rollback() }`. A closure that releases only after recover() is
// neither.
func (f *Func) closureScopes(base Defer, lit *Func) []Defer {
	info := f.m.Info
	var vars []*types.Var
	seen := make(map[*types.Var]bool)
	for _, r := range lit.Releases() {
		if !seen[r.Var] {
			seen[r.Var] = true
			vars = append(vars, r.Var)
		}
	}
	var ss []Defer
	for _, v := range vars {
		if !f.ownResource(v) {
			continue
		}
		s := base
		s.Var = v
		k := lifecycle.ReleasesIn(info, lit.Body, v)
		// A closure that checks its rollback (`err = tx.Rollback()`)
		// behaves differently when the function already rolled back:
		// deleting the explicit rollback would change the error it
		// returns. Not a scope for redundant releases.
		s.Commits, s.RollsBack = k.Commits, k.RollsBack && !k.Observes
		every := lit.CFG().EveryPath(nil, func(n ast.Node) bool {
			return lifecycle.ReleasesIn(info, n, v).Any()
		})
		switch {
		case every:
			s.Kind = DeferClosure
			// Commits when there is no error: what it does depends on the
			// error result it reads.
			s.NeedsErr = s.Commits
			if s.Commits {
				s.ErrResult = referencedErrResult(info, lit.Body, f.Sig)
			}
		case !s.Commits:
			k, ok := f.conditionalRollback(lit, v)
			if !ok {
				continue
			}
			s.Kind = DeferConditional
			s.NeedsErr, s.ErrResult = true, k
		default:
			continue
		}
		ss = append(ss, s)
	}
	return ss
}

// conditionalRollback reports whether every release of v in the closure
// lit is a rollback guarded by `if err != nil` on a named error result
// of f, returning that result's index.
func (f *Func) conditionalRollback(lit *Func, v *types.Var) (int, bool) {
	k, ok, n := -1, true, 0
	for _, r := range lit.Releases() {
		if r.Var != v {
			continue
		}
		n++
		i := -1
		if r.Op != knowledge.Commit {
			i = guardingErrResult(f.m.Info, r.Cursor, f.Sig)
		}
		if i < 0 || k >= 0 && i != k {
			ok = false
		}
		k = i
	}
	return k, ok && n > 0
}

// guardingErrResult returns the index of the named error result err of
// sig when the node at cur lies in the body of an `if err != nil` within
// its function, or -1.
func guardingErrResult(info *types.Info, cur inspector.Cursor, sig *types.Signature) int {
	for anc := range cur.Enclosing((*ast.IfStmt)(nil), (*ast.FuncLit)(nil)) {
		ifs, ok := anc.Node().(*ast.IfStmt)
		if !ok {
			break
		}
		if !syntax.Within(cur.Node(), ifs.Body) {
			continue
		}
		if k := NamedErrIndex(sig, syntax.NonNilCheck(info, ifs.Cond)); k >= 0 {
			return k
		}
	}
	return -1
}

// NamedErrIndex returns the index of v among the results of sig when v
// is a named result of type error, or -1.
func NamedErrIndex(sig *types.Signature, v *types.Var) int {
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
// of sig that body mentions, or -1.
func referencedErrResult(info *types.Info, body *ast.BlockStmt, sig *types.Signature) int {
	k := -1
	ast.Inspect(body, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && k < 0 {
			if v, ok := info.Uses[id].(*types.Var); ok {
				k = NamedErrIndex(sig, v)
			}
		}
		return k < 0
	})
	return k
}
