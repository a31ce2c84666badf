package doublerelease

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/txvet/txvet/internal/knowledge"
	"github.com/txvet/txvet/internal/model"
	"github.com/txvet/txvet/internal/syntax"
)

// checkFunc reports the explicit releases in the function f that its
// deferred scopes already own: a second commit (doublecommit.go) or a
// redundant rollback or close (redundant.go).
func (c *checker) checkFunc(f *model.Func, scopes []model.Defer) {
	if f.Body == nil || hasGoto(f.Body) {
		return // a goto may jump over a defer: dominance is not lexical
	}
	// Never report a release of a variable assigned in between (a new
	// transaction).
	writes := make([][]token.Pos, len(scopes))
	for i, s := range scopes {
		writes[i] = c.writesSince(s.Var, s.Stmt, f.Body)
	}
	for _, r := range f.Releases() {
		if c.reported[r.Call] {
			continue
		}
		for i, s := range scopes {
			// Never report a release the defer does not dominate (sibling
			// block, or before the defer).
			if s.Var != r.Var || !dominates(s.Stmt, r.Cursor) || reassignedBefore(s, writes[i], r.Cursor) {
				continue
			}
			if r.Op == knowledge.Commit {
				if c.checkDoubleCommit(r, s) {
					break
				}
				continue // defer tx.Rollback(); return tx.Commit(): the canonical idiom
			}
			if c.checkRedundant(f, r, s) {
				break
			}
		}
	}
}

func hasGoto(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if b, ok := n.(*ast.BranchStmt); ok && b.Tok == token.GOTO {
			found = true
		}
		return !found
	})
	return found
}

// dominates reports whether the defer statement at d runs before the call
// at cur on every path: d sits earlier in a statement list that encloses
// the call.
func dominates(d, cur inspector.Cursor) bool {
	switch d.ParentEdgeKind() {
	case edge.BlockStmt_List, edge.CaseClause_Body, edge.CommClause_Body:
	default:
		return false
	}
	return d.Parent().Contains(cur) && cur.Node().Pos() > d.Node().End()
}

// writesSince returns where v is written since the defer at d: at or
// after d, or anywhere in a loop around d (each iteration may hold a new
// resource). A write in a function literal, wherever the literal is, runs
// at any call of it: it counts as one at the defer.
func (c *checker) writesSince(v *types.Var, d inspector.Cursor, body *ast.BlockStmt) []token.Pos {
	from := syntax.OutermostLoop(d).Pos()
	var at []token.Pos
	ast.Inspect(body, func(n ast.Node) bool {
		if lit, ok := n.(*ast.FuncLit); ok {
			if syntax.Written(c.info, lit.Body, v) {
				at = append(at, from)
			}
			return false
		}
		if n != nil && n.Pos() >= from && syntax.Writes(c.info, n, v) {
			at = append(at, n.Pos())
		}
		return true
	})
	return at
}

// reassignedBefore reports whether one of the writes of the scope's
// variable may run between its defer and the release at rel. A scope
// that took the variable's value at the defer holds it whatever comes
// after the release: only a write lexically before the release's end, or
// in a loop around the release, may precede it (checkFunc skips goto).
// Any other scope reads the variable when it runs: every write counts.
func reassignedBefore(s model.Defer, writes []token.Pos, rel inspector.Cursor) bool {
	if !s.HeldAtDefer {
		return len(writes) > 0
	}
	end := syntax.OutermostLoop(rel).End()
	return slices.ContainsFunc(writes, func(w token.Pos) bool { return w < end })
}
