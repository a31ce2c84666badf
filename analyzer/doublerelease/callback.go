package doublerelease

import (
	"fmt"
	"go/ast"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/txvet/txvet/internal/knowledge"
	"github.com/txvet/txvet/internal/model"
	"github.com/txvet/txvet/internal/syntax"
)

// checkCallback reports every explicit Commit or Rollback of the
// transaction of f, the callback literal of a helper that owns it
// (scope 4).
//
// Silent when the callback is not a function literal (a method value or
// a named function: not followed), when the callback assigns its
// transaction parameter, and for releases in function literals nested in
// the callback (they run when this analyzer does not know).
func (c *checker) checkCallback(f *model.Func) {
	cb := f.Callback()
	tx := cb.Tx
	if tx == nil || !knowledge.IsTxType(tx.Type()) || syntax.Written(c.info, f.Body, tx) {
		return
	}
	lit := f.Cursor.Node().(*ast.FuncLit)
	helper := exprString(cb.Helper.Fun)
	for _, r := range f.Releases() {
		if r.Var != tx || c.reported[r.Call] {
			continue
		}
		var todo string
		if r.Op == knowledge.Commit {
			todo = "return nil and let it commit"
		} else {
			todo = "return an error and let it roll back"
		}
		c.emit(r.Call, catCallback, fmt.Sprintf(
			"%s inside the callback of %s at line %d: %s commits or rolls back %s itself and fails on a finished transaction; %s",
			exprString(r.Call), helper, c.line(cb.Helper), helper, tx.Name(), todo),
			c.returnNilFix(r.Cursor, r.Call, r.Op, lit))
	}
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
