package useafterrelease

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/cfg"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/txvet/txvet/internal/flow"
	"github.com/txvet/txvet/internal/knowledge"
	"github.com/txvet/txvet/internal/model"
	"github.com/txvet/txvet/internal/syntax"
)

// checkRelease reports the first use of the transaction, or of a value
// derived from it, on each path from the release r on which the
// transaction is not assigned again first. A derived value defined after
// the release comes from a use of the transaction, or holds the finished
// one: its definition does not end the path.
func (f *funcCheck) checkRelease(r model.Release) {
	var ts []tracked
	for _, t := range f.tracked(r.Var) {
		switch {
		case t.kind == trackRows && r.Op != knowledge.Commit:
			// rows after a rollback: not measured
		case (t.kind == trackRows || t.kind == trackStmt) && txDoneError[family(t.tx)] == "":
			// statements and rows of generated code: not measured
		default:
			ts = append(ts, t)
		}
	}
	from, _, _, ok := f.g.At(r.Call.Pos())
	if !ok {
		return
	}
	loops := enclosingLoops(r)
	f.g.WalkCorrelated(from, f.g.Assumptions(r.Cursor),
		func(n ast.Node) flow.Step {
			for _, t := range ts {
				if u, ok := f.useIn(n, t); ok {
					// Never report work whose failure the function then
					// checks on purpose (a test asserting ErrTxDone).
					if !f.checksFailureAfter(u.call) {
						f.report(r, t, u)
					}
					return flow.Stop // one report per path
				}
			}
			if f.writes(n, r.Var) {
				return flow.Stop // a new transaction
			}
			return flow.Next
		},
		func(b *cfg.Block) bool {
			// Never follow a path into a loop's next iteration, unless
			// every iteration that completes releases the transaction:
			// then the next one works on a released transaction.
			for _, loop := range loops {
				if startsIteration(b, loop) {
					if f.rebinds(loop, r.Var) {
						return false // each iteration has its own transaction
					}
					return f.everyIterationReleases(loop, r.Var)
				}
			}
			return true
		})
}

// writes reports whether the graph node n assigns or defines v (a
// definition in a loop makes a new variable each iteration), not looking
// into function literals.
func (f *funcCheck) writes(n ast.Node, v *types.Var) bool {
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		if _, ok := m.(*ast.FuncLit); ok || m == nil {
			return false
		}
		if id, ok := m.(*ast.Ident); ok && f.info.Defs[id] == v {
			found = true
		}
		found = found || syntax.Writes(f.info, m, v)
		return !found
	})
	return found
}

// rebinds reports whether loop, a range statement, gives v a new value
// at the start of each iteration (`for _, tx := range txs`).
func (f *funcCheck) rebinds(loop ast.Stmt, v *types.Var) bool {
	rs, ok := loop.(*ast.RangeStmt)
	if !ok {
		return false
	}
	for _, e := range []ast.Expr{rs.Key, rs.Value} {
		if id, ok := ast.Unparen(e).(*ast.Ident); ok && (f.info.Defs[id] == v || f.info.Uses[id] == v) {
			return true
		}
	}
	return false
}

// enclosingLoops returns the loops around the release, innermost first,
// within its function.
func enclosingLoops(r model.Release) []ast.Stmt {
	var loops []ast.Stmt
	for anc := range r.Cursor.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		loop, ok := anc.Node().(ast.Stmt)
		if !ok {
			break // the function's boundary
		}
		loops = append(loops, loop)
	}
	return loops
}

// startsIteration reports whether entering b from inside loop starts its
// next iteration: b is the loop's post statement, its condition, or,
// without a condition, its body.
func startsIteration(b *cfg.Block, loop ast.Stmt) bool {
	if b.Stmt != loop {
		return false
	}
	switch b.Kind {
	case cfg.KindForLoop, cfg.KindForPost, cfg.KindRangeLoop:
		return true
	case cfg.KindForBody:
		return loop.(*ast.ForStmt).Cond == nil
	}
	return false
}

// everyIterationReleases reports whether every path through the body of
// loop that reaches the next iteration releases v (or assigns it) on
// the way. Paths that leave the loop or the function do not count.
func (f *funcCheck) everyIterationReleases(loop ast.Stmt, v *types.Var) bool {
	key := iterationKey{loop, v}
	if every, ok := f.iterating[key]; ok {
		return every
	}
	var body *cfg.Block
	for _, b := range f.g.Blocks {
		if b.Stmt == loop && (b.Kind == cfg.KindForBody || b.Kind == cfg.KindRangeBody) {
			body = b
		}
	}
	every := body != nil
	seen := make(map[*cfg.Block]bool)
	var visit func(b *cfg.Block) bool // no path from b completes an iteration without releasing v
	visit = func(b *cfg.Block) bool {
		for _, n := range b.Nodes {
			if f.releasesIn(n, v) || f.writes(n, v) {
				return true
			}
		}
		for _, s := range b.Succs {
			switch {
			case startsIteration(s, loop):
				return false
			case seen[s] || s.Stmt == loop && (s.Kind == cfg.KindForDone || s.Kind == cfg.KindRangeDone):
				continue // visited, or a break out of the loop
			}
			seen[s] = true
			if !visit(s) {
				return false
			}
		}
		return true
	}
	if every {
		seen[body] = true
		every = visit(body)
	}
	if f.iterating == nil {
		f.iterating = make(map[iterationKey]bool)
	}
	f.iterating[key] = every
	return every
}

type iterationKey struct {
	loop ast.Stmt
	v    *types.Var
}

// checksFailureAfter reports whether the function, at the use or after
// it, asserts that an error occurred or compares one with the error of a
// finished transaction (knowledge.ChecksFailure).
func (f *funcCheck) checksFailureAfter(use *ast.CallExpr) bool {
	if f.failureChecks == nil {
		f.failureChecks = []ast.Node{}
		ast.Inspect(f.fn.Body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.CallExpr:
				if knowledge.ChecksFailure(f.info, n) {
					f.failureChecks = append(f.failureChecks, n)
				}
			case *ast.BinaryExpr:
				// err != sql.ErrTxDone: a test of the failure itself.
				if (n.Op == token.EQL || n.Op == token.NEQ) && (knowledge.IsReleasedError(f.info, n.X) || knowledge.IsReleasedError(f.info, n.Y)) {
					f.failureChecks = append(f.failureChecks, n)
				}
			case *ast.IfStmt:
				// if err == nil { t.Fatal(...) }: a test expecting the failure.
				if f.expectsError(n) {
					f.failureChecks = append(f.failureChecks, n)
				}
			}
			return true
		})
	}
	return slices.ContainsFunc(f.failureChecks, func(c ast.Node) bool { return c.Pos() >= use.Pos() || syntax.Within(use, c) })
}

// expectsError reports whether ifs is `if err == nil { ... }` whose body
// fails a test (t.Fatal, t.Error and their forms): the test expects the
// work before it to fail.
func (f *funcCheck) expectsError(ifs *ast.IfStmt) bool {
	cond, ok := ast.Unparen(ifs.Cond).(*ast.BinaryExpr)
	if !ok || cond.Op != token.EQL || !f.info.Types[cond.Y].IsNil() || !isErrorType(f.info.TypeOf(cond.X)) {
		return false
	}
	fails := false
	ast.Inspect(ifs.Body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if fn, ok := typeutil.Callee(f.info, call).(*types.Func); ok && fn.Pkg() != nil && fn.Pkg().Path() == "testing" &&
				(strings.HasPrefix(fn.Name(), "Fatal") || strings.HasPrefix(fn.Name(), "Error") || fn.Name() == "Fail" || fn.Name() == "FailNow") {
				fails = true
			}
		}
		return !fails
	})
	return fails
}

func isErrorType(t types.Type) bool {
	return t != nil && types.Identical(t, types.Universe.Lookup("error").Type())
}
