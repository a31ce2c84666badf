package doublerelease

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/txvet/txvet/internal/edit"
	"github.com/txvet/txvet/internal/flow"
	"github.com/txvet/txvet/internal/knowledge"
	"github.com/txvet/txvet/internal/syntax"
)

// checkFunc reports the explicit releases in the function fn that its
// deferred scopes already own.
func (c *checker) checkFunc(fn inspector.Cursor, scopes []scope) {
	_, body := syntax.FuncParts(fn.Node())
	if body == nil || hasGoto(body) {
		return // a goto may jump over a defer: dominance is not lexical
	}
	// Never report a release of a variable assigned in between (a new
	// transaction).
	writes := make([][]token.Pos, len(scopes))
	for i, s := range scopes {
		writes[i] = c.writesSince(s.v, s.stmt, body)
	}
	var g *flow.Graph // built on first need
	c.releasesIn(fn, func(cur inspector.Cursor, call *ast.CallExpr, v *types.Var, op knowledge.Op) {
		if c.reported[call] {
			return
		}
		for i, s := range scopes {
			// Never report a release the defer does not dominate (sibling
			// block, or before the defer).
			if s.v != v || !dominates(s.stmt, cur) || reassignedBefore(s, writes[i], cur) {
				continue
			}
			if op == knowledge.Commit {
				if s.commits {
					c.emit(call, catDouble, fmt.Sprintf(
						"%s and %s at line %d both commit %s: the second commit fails with ErrTxDone and reports an error for committed work; commit in one place only",
						exprString(call), s.what, c.line(s.stmt.Node()), v.Name()), nil)
					return
				}
				continue // defer tx.Rollback(); return tx.Commit(): the canonical idiom
			}
			if !c.redundant || !s.rollsBack {
				continue
			}
			stmt, ok := discarded(cur)
			if !ok {
				continue // checked: the explicit call observes the error
			}
			if g == nil {
				g = flow.New(c.info, body)
			}
			if !c.leavesQuietly(g, fn, stmt, s) {
				continue // a deliberate early release, or an unsure path
			}
			c.emit(call, catRedundant, fmt.Sprintf(
				"%s is redundant: %s at line %d already releases %s",
				exprString(call), s.what, c.line(s.stmt.Node()), v.Name()),
				c.deleteFix(stmt.Node(), "Delete the redundant "+exprString(call)))
			return
		}
	})
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
func reassignedBefore(s scope, writes []token.Pos, rel inspector.Cursor) bool {
	if !s.heldAtDefer {
		return len(writes) > 0
	}
	end := syntax.OutermostLoop(rel).End()
	return slices.ContainsFunc(writes, func(w token.Pos) bool { return w < end })
}

// discarded returns the statement of a release call whose result is
// discarded: a bare call statement or `_ = call`, in a statement list.
func discarded(cur inspector.Cursor) (inspector.Cursor, bool) {
	stmt := cur.Parent()
	switch s := stmt.Node().(type) {
	case *ast.ExprStmt:
	case *ast.AssignStmt:
		id, ok := s.Lhs[0].(*ast.Ident)
		if len(s.Lhs) != 1 || len(s.Rhs) != 1 || s.Tok != token.ASSIGN || !ok || id.Name != "_" {
			return inspector.Cursor{}, false
		}
	default:
		return inspector.Cursor{}, false
	}
	switch stmt.ParentEdgeKind() {
	case edge.BlockStmt_List, edge.CaseClause_Body, edge.CommClause_Body:
		return stmt, true
	}
	return inspector.Cursor{}, false
}

// deleteFix deletes the statement n, with its line when it is alone on it
// (see edit.WholeLine).
func (c *checker) deleteFix(n ast.Node, msg string) *analysis.SuggestedFix {
	tf, src := edit.Source(c.pass, n.Pos())
	return &analysis.SuggestedFix{
		Message:   msg,
		TextEdits: []analysis.TextEdit{edit.Delete(tf, src, n)},
	}
}
