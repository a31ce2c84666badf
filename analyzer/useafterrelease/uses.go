package useafterrelease

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/txvet/txvet/internal/knowledge"
	"github.com/txvet/txvet/internal/lifecycle"
	"github.com/txvet/txvet/internal/syntax"
)

// use is database work on a tracked variable: a call chain on it that
// runs a statement, or a release of the transaction that is not a
// discarded Rollback.
type use struct {
	call *ast.CallExpr // the outermost call of the chain
	name string        // tx.QueryRowContext(...).Scan
	op   knowledge.Op  // the release, if the use is one
}

// useIn returns the first use of t in the graph node n. Deferred calls,
// go statements and function literals run at times the path does not
// show: they are not looked into.
func (f *funcCheck) useIn(n ast.Node, t tracked) (use, bool) {
	var u use
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		switch m := m.(type) {
		case *ast.FuncLit, *ast.DeferStmt, *ast.GoStmt:
			return false
		case *ast.CallExpr:
			if found {
				return false
			}
			if v, op, ok := lifecycle.Released(f.info, m); ok && v == t.v && t.kind == trackTx {
				// Never report a Rollback whose result is discarded
				// after a release: the harmless idiom after a failed
				// Commit.
				if op == knowledge.Commit || !discarded(n, m) {
					u, found = use{call: m, name: chainName(m), op: op}, true
				}
				return false
			}
			if base, work := f.chain(m); base == t.v && work {
				u, found = use{call: m, name: chainName(m)}, true
				return false
			}
		}
		return !found
	})
	return u, found
}

// chain follows the method call chain call = x.M1(...).M2(...) down to
// x, and reports the variable x names and whether some call of the chain
// runs a statement. A chain that does not start at a variable (or passes
// through a field or a function value) has no base. Passing the variable
// as an argument (fmt.Println(tx), a function not known to use it) is not
// a chain on it.
func (f *funcCheck) chain(call *ast.CallExpr) (base *types.Var, work bool) {
	for {
		work = work || knowledge.RunsStatement(f.info, call)
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return nil, false
		}
		if s, ok := f.info.Selections[sel]; !ok || s.Kind() != types.MethodVal {
			return nil, false
		}
		switch x := ast.Unparen(sel.X).(type) {
		case *ast.Ident:
			return syntax.IdentVar(f.info, x), work
		case *ast.CallExpr:
			// A connection or pool handed out along the chain (pgx's
			// tx.Conn()) is another handle: it outlives the transaction.
			if r, ok := knowledge.Classify(f.info.TypeOf(x)); ok && r.Kind != knowledge.Tx || knowledge.IsPool(f.info.TypeOf(x)) {
				return nil, false
			}
			call = x
		default:
			return nil, false
		}
	}
}

// chainName names a method call chain for a message, its arguments
// elided: tx.NewInsert().Model(...).Exec.
func chainName(call *ast.CallExpr) string {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return types.ExprString(call.Fun)
	}
	recv := types.ExprString(sel.X)
	if inner, ok := ast.Unparen(sel.X).(*ast.CallExpr); ok {
		recv = chainName(inner) + "()"
		if len(inner.Args) > 0 {
			recv = chainName(inner) + "(...)"
		}
	}
	return recv + "." + sel.Sel.Name
}

// discarded reports whether the graph node n is a statement that drops
// the result of call: `call` or `_ = call`.
func discarded(n ast.Node, call *ast.CallExpr) bool {
	switch s := n.(type) {
	case *ast.ExprStmt:
		return ast.Unparen(s.X) == call
	case *ast.AssignStmt:
		id, ok := s.Lhs[0].(*ast.Ident)
		return len(s.Lhs) == 1 && len(s.Rhs) == 1 && s.Tok == token.ASSIGN && ok && id.Name == "_" && ast.Unparen(s.Rhs[0]) == call
	}
	return false
}
