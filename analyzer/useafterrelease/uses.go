package useafterrelease

import (
	"go/ast"
	"go/types"
	"sort"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/txvet/txvet/internal/knowledge"
	"github.com/txvet/txvet/internal/model"
)

// use is database work on a tracked variable: a method call chain on it
// that runs a statement, or a release of the transaction that is not a
// discarded Rollback.
type use struct {
	call *ast.CallExpr // the outermost call of the chain
	name string        // tx.QueryRowContext(...).Scan
	op   knowledge.Op  // the release, if the use is one
}

// useIn returns the first use of t in the graph node n, from the model's
// uses. Deferred calls and go statements run at times the path does not
// show, and so do function literals (the model records a mention in one
// as a capture, not as work): none is a use here. Passing the variable
// to a function (fmt.Println(tx), one not known to use it) or comparing
// it is not work either.
func (f *funcCheck) useIn(n ast.Node, t tracked) (use, bool) {
	switch n.(type) {
	case *ast.DeferStmt, *ast.GoStmt:
		return use{}, false
	}
	if f.uses == nil {
		f.uses = f.fn.Uses()
	}
	uses := f.uses
	i := sort.Search(len(uses), func(i int) bool { return uses[i].Cursor.Node().Pos() >= n.Pos() })
	for ; i < len(uses) && uses[i].Cursor.Node().Pos() < n.End(); i++ {
		u := uses[i]
		if u.Var != t.v || u.Kind != model.Work {
			continue
		}
		if r, ok := f.releaseOf[u.Call]; ok {
			if t.kind != trackTx {
				continue // rows.Close(), stmt.Close(): no work
			}
			// Never report a Rollback whose result is discarded after a
			// release: the harmless idiom after a failed Commit.
			if r.Op == knowledge.Commit || !r.Discarded() {
				return use{call: u.Call, name: chainName(u.Call), op: r.Op}, true
			}
			continue
		}
		if outer, work := f.chainAbove(u.Cursor.Parent().Parent()); work {
			return use{call: outer, name: chainName(outer)}, true
		}
	}
	return use{}, false
}

// chainAbove climbs from the method call at cur through the calls
// chained on its result (tx.NewInsert().Model(u).Exec(ctx)), and returns
// the outermost and whether one of them runs a statement. A connection
// or pool handed out along the chain (pgx's tx.Conn()) is another handle,
// which outlives the transaction: the climb stops below it.
func (f *funcCheck) chainAbove(cur inspector.Cursor) (*ast.CallExpr, bool) {
	call := cur.Node().(*ast.CallExpr)
	work := knowledge.RunsStatement(f.info, call)
	for {
		if t := f.info.TypeOf(call); knowledge.IsPool(t) {
			return call, work
		} else if r, ok := knowledge.Classify(t); ok && r.Kind != knowledge.Tx {
			return call, work
		}
		if cur.ParentEdgeKind() != edge.SelectorExpr_X || cur.Parent().ParentEdgeKind() != edge.CallExpr_Fun {
			return call, work
		}
		if s, ok := f.info.Selections[cur.Parent().Node().(*ast.SelectorExpr)]; !ok || s.Kind() != types.MethodVal {
			return call, work
		}
		cur = cur.Parent().Parent()
		call = cur.Node().(*ast.CallExpr)
		work = work || knowledge.RunsStatement(f.info, call)
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
