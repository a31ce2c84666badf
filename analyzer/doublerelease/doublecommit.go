package doublerelease

import (
	"fmt"

	"github.com/txvet/txvet/internal/model"
)

// checkDoubleCommit reports the explicit commit r of a transaction whose
// deferred scope s commits it too (a deferred Commit, or a deferred
// closure that commits when there is no error), checked or not: the
// second commit fails with ErrTxDone.
func (c *checker) checkDoubleCommit(r model.Release, s model.Defer) bool {
	if !s.Commits {
		return false
	}
	c.emit(r.Call, catDouble, fmt.Sprintf(
		"%s and %s at line %d both commit %s: the second commit fails with ErrTxDone and reports an error for committed work; commit in one place only",
		exprString(r.Call), s.What, c.line(s.Stmt.Node()), r.Var.Name()), nil)
	return true
}
