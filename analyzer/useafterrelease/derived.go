package useafterrelease

import (
	"go/ast"
	"go/token"
	"go/types"

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

// tracked returns tx and the variables of the function derived from it:
// each is defined once, from a call on tx or with tx as an argument, and
// never written again nor addressed. Where a derivation is unsure, the
// variable is not tracked.
func (f *funcCheck) tracked(tx *types.Var) []tracked {
	if f.derived == nil {
		f.derived = make(map[*types.Var][]tracked)
	}
	if ts, ok := f.derived[tx]; ok {
		return ts
	}
	ts := []tracked{{v: tx, kind: trackTx, tx: tx}}
	writes := make(map[*types.Var]int)
	ast.Inspect(f.body, func(n ast.Node) bool {
		var lhs []ast.Expr
		switch n := n.(type) {
		case *ast.AssignStmt:
			lhs = n.Lhs
		case *ast.ValueSpec:
			for _, id := range n.Names {
				lhs = append(lhs, id)
			}
		case *ast.RangeStmt:
			lhs = []ast.Expr{n.Key, n.Value}
		case *ast.IncDecStmt:
			lhs = []ast.Expr{n.X}
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				lhs = []ast.Expr{n.X, n.X} // addressed: never once
			}
		}
		for _, l := range lhs {
			if v := syntax.IdentVar(f.info, l); v != nil {
				writes[v]++
			}
		}
		return true
	})
	ast.Inspect(f.body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Rhs) != 1 {
			return true
		}
		call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
		if !ok {
			return true
		}
		d := syntax.IdentVar(f.info, as.Lhs[0]) // rows, err := tx.Query(...)
		if d == nil || d == tx || writes[d] != 1 {
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

// derivation says how the value d that call returns derives from tx.
func (f *funcCheck) derivation(call *ast.CallExpr, d, tx *types.Var) (trackKind, bool) {
	if base, _ := f.chain(call); base == tx {
		switch t := d.Type(); {
		case knowledge.IsStatement(t):
			return trackStmt, true
		case knowledge.IsRows(t):
			return trackRows, true
		}
		return 0, false
	}
	for _, arg := range call.Args {
		if syntax.IdentVar(f.info, arg) == tx && holds(d.Type(), tx.Type()) {
			return trackQueries, true
		}
	}
	return 0, false
}

// holds reports whether t is a pointer to a struct with a field that
// can store a value of type r: r itself, or a non-empty interface that r
// implements (sqlc's DBTX).
func holds(t, r types.Type) bool {
	p, ok := t.Underlying().(*types.Pointer)
	if !ok {
		return false
	}
	st, ok := p.Elem().Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for fld := range st.Fields() {
		ft := fld.Type()
		if types.Identical(ft, r) {
			return true
		}
		if it, ok := ft.Underlying().(*types.Interface); ok && it.NumMethods() > 0 && types.AssignableTo(r, ft) {
			return true
		}
	}
	return false
}
