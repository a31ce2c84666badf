package txleak

import (
	"bytes"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/txvet/txvet/internal/knowledge"
	"github.com/txvet/txvet/internal/lifecycle"
	"github.com/txvet/txvet/internal/syntax"
	"github.com/txvet/txvet/internal/txfacts"
)

// fix returns the one fix for a leak, or nil where no rewrite is sure to
// be right:
//
//   - a function that releases the resource nowhere but in Commit, and
//     acquires it outside any loop, gets the canonical deferred release
//     after the acquisition's error check;
//   - otherwise each leaking return or continue gets the explicit release
//     before it (a defer in a loop body would run only when the function
//     returns).
func (c *checker) fix(f *fn, a acquisition, w *walker, u txfacts.Usage, exits []exit, rel release) *analysis.SuggestedFix {
	if rel.needs && rel.ctx == "" || f.hasGoto || c.pass.ReadFile == nil { // some drivers leave ReadFile nil
		return nil
	}
	tf := c.pass.Fset.File(a.stmt.Pos())
	if tf == nil {
		return nil
	}
	src, err := c.pass.ReadFile(tf.Name())
	if err != nil || tf.Size() != len(src) {
		return nil
	}
	call := rel.text(a.v)
	if w.loop == nil && u.OnlyCommits {
		after, ok := c.errorCheckEnd(a)
		if !ok || !c.visible(rel, after) {
			return nil
		}
		indent, ok := indentOf(tf, src, a.stmt.Pos())
		if !ok {
			return nil
		}
		return &analysis.SuggestedFix{
			Message:   "defer " + call + " after " + calleeName(a.call),
			TextEdits: []analysis.TextEdit{{Pos: after, End: after, NewText: []byte("\n" + indent + "defer " + call)}},
		}
	}
	list, ok := enclosingList(a)
	if !ok {
		return nil
	}
	if c.discardsReleases(f.body, a.v) {
		call = "_ = " + call // in the style of the function's other releases
	}
	var edits []analysis.TextEdit
	for _, e := range exits {
		switch n := e.node.(type) {
		case *ast.ReturnStmt:
			if mentions(c.info, n, a.v) {
				return nil // return tx.Exec(...): the release would come first
			}
		case *ast.BranchStmt:
		default:
			return nil // the end of a body: no statement to put the release before
		}
		if w.safe[e.node] || e.pos < a.stmt.End() || e.pos >= list.End() || !c.visible(rel, e.pos) {
			// Reached also without the resource, or not after the
			// acquisition in its block: the release could run on nothing.
			return nil
		}
		indent, ok := indentOf(tf, src, e.pos)
		if !ok {
			return nil
		}
		edits = append(edits, analysis.TextEdit{Pos: e.pos, End: e.pos, NewText: []byte(call + "\n" + indent)})
	}
	return &analysis.SuggestedFix{
		Message:   call + " before each path that leaves without it",
		TextEdits: edits,
	}
}

// errorCheckEnd returns where the acquisition's error check ends: the end
// of `if err != nil { ...; return }` right after it, or of the
// acquisition itself when it reports no error.
func (c *checker) errorCheckEnd(a acquisition) (token.Pos, bool) {
	gorm := a.errVar == nil && knowledge.IsGormDB(a.v.Type())
	if a.errVar == nil && !gorm {
		return a.stmt.End(), true // MustBegin
	}
	list, ok := stmtList(a.stack)
	if !ok {
		return 0, false
	}
	for i, s := range list {
		if s != a.stmt || i+1 == len(list) {
			continue
		}
		ifs, ok := list[i+1].(*ast.IfStmt)
		if !ok || ifs.Else != nil || len(ifs.Body.List) == 0 {
			return 0, false
		}
		if _, ok := ifs.Body.List[len(ifs.Body.List)-1].(*ast.ReturnStmt); !ok {
			return 0, false
		}
		bin, ok := ast.Unparen(ifs.Cond).(*ast.BinaryExpr)
		if !ok || bin.Op != token.NEQ || !c.info.Types[bin.Y].IsNil() {
			return 0, false
		}
		checked := syntax.IdentVar(c.info, bin.X)
		switch {
		case a.errVar != nil && ifs.Init == nil && checked == a.errVar:
		case gorm && ifs.Init == nil && isErrorField(c.info, bin.X, a.v):
		case gorm && ifs.Init != nil && checked != nil && definesFrom(c.info, ifs.Init, checked, a.v):
		default:
			return 0, false
		}
		return ifs.End(), true
	}
	return 0, false
}

// isErrorField reports whether e is v.Error.
func isErrorField(info *types.Info, e ast.Expr, v *types.Var) bool {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "Error" && syntax.IdentVar(info, sel.X) == v
}

// visible reports whether the context the release needs names, at pos,
// the same variable as at the acquisition.
func (c *checker) visible(rel release, pos token.Pos) bool {
	if rel.ctxObj == nil {
		return true
	}
	scope := c.pass.Pkg.Scope().Innermost(pos)
	if scope == nil {
		return false
	}
	_, obj := scope.LookupParent(rel.ctx, pos)
	return obj == rel.ctxObj
}

// stmtList returns the statement list holding the statement whose
// ancestors are stack.
func stmtList(stack []ast.Node) ([]ast.Stmt, bool) {
	if len(stack) == 0 {
		return nil, false
	}
	switch p := stack[len(stack)-1].(type) {
	case *ast.BlockStmt:
		return p.List, true
	case *ast.CaseClause:
		return p.Body, true
	case *ast.CommClause:
		return p.Body, true
	}
	return nil, false
}

// enclosingList returns the node whose statement list holds the
// acquisition.
func enclosingList(a acquisition) (ast.Node, bool) {
	if _, ok := stmtList(a.stack); !ok {
		return nil, false
	}
	return a.stack[len(a.stack)-1], true
}

// discardsReleases reports whether body releases v as `_ = tx.Rollback()`.
func (c *checker) discardsReleases(body *ast.BlockStmt, v *types.Var) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok && len(as.Lhs) == 1 && len(as.Rhs) == 1 && isBlank(as.Lhs[0]) {
			if call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr); ok {
				if rv, _, ok := lifecycle.Released(c.info, call); ok && rv == v {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

func isBlank(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == "_"
}

// mentions reports whether n refers to v.
func mentions(info *types.Info, n ast.Node, v *types.Var) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && info.Uses[id] == v {
			found = true
		}
		return !found
	})
	return found
}

// indentOf returns the blanks before pos on its line, when only blanks
// precede it.
func indentOf(tf *token.File, src []byte, pos token.Pos) (string, bool) {
	lineStart := tf.Offset(tf.LineStart(tf.Line(pos)))
	before := src[lineStart:tf.Offset(pos)]
	if len(bytes.Trim(before, " \t")) != 0 {
		return "", false
	}
	return string(before), true
}
