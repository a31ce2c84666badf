package doublerelease

import (
	"fmt"
	"go/ast"

	"golang.org/x/tools/go/analysis"

	"github.com/txvet/txvet/internal/edit"
	"github.com/txvet/txvet/internal/model"
)

// checkRedundant reports the explicit rollback, close or release r in f
// whose deferred scope s releases the resource anyway, when the result is
// discarded and every path from r leaves f quietly (paths.go): the seed's
// double close.
func (c *checker) checkRedundant(f *model.Func, r model.Release, s model.Defer) bool {
	if !c.redundant || !s.RollsBack {
		return false
	}
	if !r.Discarded() {
		return false // checked: the explicit call observes the error
	}
	if !c.leavesQuietly(f, r.Stmt, s) {
		return false // a deliberate early release, or an unsure path
	}
	c.emit(r.Call, catRedundant, fmt.Sprintf(
		"%s is redundant: %s at line %d already releases %s",
		exprString(r.Call), s.What, c.line(s.Stmt.Node()), r.Var.Name()),
		c.deleteFix(r.Stmt.Node(), "Delete the redundant "+exprString(r.Call)))
	return true
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
