package doublerelease

import (
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/txvet/txvet/internal/knowledge"
	"github.com/txvet/txvet/internal/syntax"
)

// checkScopeCall reports, when cur is a call to a helper that owns the
// transaction of its callback (scope 4), every explicit Commit or
// Rollback of that transaction in the callback literal.
//
// Silent when the callback is not a function literal (a method value or
// a named function: not followed), when the callback assigns its
// transaction parameter, and for releases in function literals nested in
// the callback (they run when this analyzer does not know).
func (c *checker) checkScopeCall(cur inspector.Cursor) {
	call := cur.Node().(*ast.CallExpr)
	sc, ok := c.facts.ScopeCall(c.info, call)
	if !ok {
		return
	}
	lit, ok := ast.Unparen(call.Args[sc.Callback]).(*ast.FuncLit)
	if !ok {
		return
	}
	ps := syntax.Params(c.info, lit.Type)
	if sc.TxParam >= len(ps) || ps[sc.TxParam] == nil {
		return
	}
	tx := ps[sc.TxParam]
	if !knowledge.IsTxType(tx.Type()) || syntax.Written(c.info, lit.Body, tx) {
		return
	}
	helper := exprString(call.Fun)
	litCur, ok := cur.FindNode(lit)
	if !ok {
		return
	}
	c.releasesIn(litCur, func(relCur inspector.Cursor, rel *ast.CallExpr, v *types.Var, op knowledge.Op) {
		if v != tx || c.reported[rel] {
			return
		}
		var todo string
		if op == knowledge.Commit {
			todo = "return nil and let it commit"
		} else {
			todo = "return an error and let it roll back"
		}
		c.emit(rel, catCallback, fmt.Sprintf(
			"%s inside the callback of %s at line %d: %s commits or rolls back %s itself and fails on a finished transaction; %s",
			exprString(rel), helper, c.line(call), helper, tx.Name(), todo),
			c.returnNilFix(relCur, rel, op, lit))
	})
}

// returnNilFix turns `return tx.Commit()` (gorm: `return
// tx.Commit().Error`) directly in the callback into `return nil`: the
// helper then commits, and the callback still returns nil on success.
// A failed explicit commit would have returned its error; the helper's
// own commit reports it instead.
func (c *checker) returnNilFix(relCur inspector.Cursor, rel *ast.CallExpr, op knowledge.Op, lit *ast.FuncLit) *analysis.SuggestedFix {
	if op != knowledge.Commit {
		return nil
	}
	result := relCur
	if sel, ok := result.Parent().Node().(*ast.SelectorExpr); ok && sel.Sel.Name == "Error" && knowledge.IsGormDB(c.info.TypeOf(rel)) {
		result = result.Parent()
	}
	ret, ok := result.Parent().Node().(*ast.ReturnStmt)
	if !ok || len(ret.Results) != 1 || lit.Type.Results.NumFields() != 1 {
		return nil
	}
	if fn, ok := syntax.EnclosingFunc(result); !ok || fn.Node() != lit {
		return nil
	}
	e := result.Node().(ast.Expr)
	return &analysis.SuggestedFix{
		Message:   "Return nil and let the helper commit",
		TextEdits: []analysis.TextEdit{{Pos: e.Pos(), End: e.End(), NewText: []byte("nil")}},
	}
}
