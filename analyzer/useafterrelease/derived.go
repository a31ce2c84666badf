package useafterrelease

import (
	"go/ast"
	"go/types"
	"slices"

	"github.com/txvet/txvet/internal/knowledge"
	"github.com/txvet/txvet/internal/syntax"
)

// trackKind says what a tracked variable is to the transaction.
type trackKind uint8

const (
	trackTx      trackKind = iota // the transaction itself
	trackStmt                     // a statement prepared on it (tx.Prepare, tx.Stmt)
	trackRows                     // rows of a query on it (tx.Query)
	trackQueries                  // a value that holds it (sqlc's New(tx), q.WithTx(tx))
)

// tracked is a variable whose use after the release of tx is reported.
type tracked struct {
	v    *types.Var
	kind trackKind
	tx   *types.Var
}

// tracked returns tx and the variables of the function that the model
// derives from it (defined once, never addressed) and whose use this
// analyzer knows: statements, rows, and values built by a call that takes
// the transaction (sqlc's New(tx), q.WithTx(tx)). Other derivations (a
// struct literal holding it, a gorm chain, a *sql.Row) are not tracked:
// what their methods do is unsure.
func (f *funcCheck) tracked(tx *types.Var) []tracked {
	if f.derived == nil {
		f.derived = make(map[*types.Var][]tracked)
	}
	if ts, ok := f.derived[tx]; ok {
		return ts
	}
	ts := []tracked{{v: tx, kind: trackTx, tx: tx}}
	ast.Inspect(f.fn.Body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Rhs) != 1 {
			return true
		}
		call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
		if !ok {
			return true
		}
		d := syntax.IdentVar(f.info, as.Lhs[0]) // rows, err := tx.Query(...)
		if d == nil || d == tx || f.m.ResourceOf(d) != tx {
			return true
		}
		if kind, ok := f.derivation(call, d, tx); ok {
			ts = append(ts, tracked{v: d, kind: kind, tx: tx})
		}
		return true
	})
	f.derived[tx] = ts
	return ts
}

// derivation says how the value d that call returns derives from tx:
// by its type, a statement or rows; a value built by a call that takes
// the transaction as an argument (sqlc's New(tx), q.WithTx(tx)).
func (f *funcCheck) derivation(call *ast.CallExpr, d, tx *types.Var) (trackKind, bool) {
	switch t := d.Type(); {
	case knowledge.IsStatement(t):
		return trackStmt, true
	case knowledge.IsRows(t):
		return trackRows, true
	case slices.ContainsFunc(call.Args, func(arg ast.Expr) bool { return syntax.IdentVar(f.info, arg) == tx }):
		return trackQueries, true
	}
	return 0, false
}
