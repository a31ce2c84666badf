package doublerelease

import (
	"fmt"
	"go/ast"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/txvet/txvet/internal/flow"
	"github.com/txvet/txvet/internal/knowledge"
	"github.com/txvet/txvet/internal/model"
	"github.com/txvet/txvet/internal/syntax"
)

// checkCallback reports every explicit Commit or Rollback of the
// transaction of f, the callback literal of a helper that owns it
// (scope 4). What it costs depends on what the helper does next, as
// measured on PostgreSQL (docs/behaviour.md): see callbackFinding.
//
// Silent when the callback gets a value derived from the transaction
// (sqlc's Queries) rather than the transaction, when the callback is not a
// function literal (a method value or
// a named function: not followed), when the callback assigns its
// transaction parameter, and for releases in function literals nested in
// the callback (they run when this analyzer does not know).
func (c *checker) checkCallback(f *model.Func) {
	cb := f.Callback()
	tx := cb.Tx
	if tx == nil || cb.Scope.Derived || !knowledge.IsTxType(tx.Type()) || syntax.Written(c.info, f.Body, tx) {
		return
	}
	lit := f.Cursor.Node().(*ast.FuncLit)
	h := c.helperOf(cb, tx)
	for _, r := range f.Releases() {
		if r.Var != tx || c.reported[r.Call] {
			continue
		}
		c.callbackFinding(f, r, h, lit)
	}
}

// helper describes the scoped helper of a callback, for the messages.
type helper struct {
	call   string // the helper as called: db.Transaction, pgx.BeginFunc
	name   string // its name: Transaction
	line   int
	family string // the transaction's family (knowledge.Resource.Family)
	nested bool   // it runs on a transaction (a savepoint), not on a pool
	checks bool   // it uses the result of its own rollback
}

func (c *checker) helperOf(cb *model.Callback, tx *types.Var) helper {
	h := helper{
		call:   exprString(cb.Helper.Fun),
		line:   c.line(cb.Helper),
		checks: cb.Scope.ChecksRollback,
	}
	fun := ast.Unparen(cb.Helper.Fun)
	if ix, ok := fun.(*ast.IndexExpr); ok {
		fun = ix.X // helpers.Query[string]
	}
	switch fn := fun.(type) {
	case *ast.SelectorExpr:
		h.name = fn.Sel.Name
		if s, ok := c.info.Selections[fn]; ok && s.Kind() == types.MethodVal && c.holdsTx(fn.X) {
			h.nested = true // tx.Transaction(...), tx.RunInTx(...)
		}
	case *ast.Ident:
		h.name = fn.Name
	default:
		h.name = h.call
	}
	for i, arg := range cb.Helper.Args {
		if i != cb.Scope.Callback && c.holdsTx(arg) {
			h.nested = true // pgx.BeginFunc(ctx, tx, ...)
		}
	}
	if knowledge.IsGormDB(tx.Type()) {
		h.family = "gorm"
	} else if r, ok := knowledge.Classify(tx.Type()); ok {
		h.family = r.Family
	}
	return h
}

// holdsTx reports whether e carries a transaction (not a connection).
func (c *checker) holdsTx(e ast.Expr) bool {
	return slices.ContainsFunc(c.m.Roots(e), func(r *types.Var) bool { return knowledge.IsTxType(r.Type()) })
}

// txDone names the error the helper's own commit gets on a finished
// transaction, where it was measured: pgx's ErrTxClosed, database/sql's
// ErrTxDone (also under sqlx, gorm and bun); "an error" elsewhere.
func (h helper) txDone() string {
	switch h.family {
	case "pgx":
		return "pgx.ErrTxClosed"
	case "database/sql", "sqlx", "gorm", "bun":
		return "sql.ErrTxDone"
	}
	return "an error"
}

// callbackFinding reports the release r in the callback f of the helper
// h, by what the measured table of docs/behaviour.md says follows:
//
//   - Commit, on any path: the helper commits again and returns txDone
//     for committed work (nested in gorm, the inner Commit commits the
//     whole outer transaction; nested in bun, the helper's RELEASE
//     SAVEPOINT fails and aborts the outer transaction): a bug.
//   - Rollback and then returning nil (`return tx.Rollback()` included):
//     the helper commits the finished transaction and returns txDone for
//     rolled-back work: a bug; except nested in bun, where the savepoint
//     survives and the helper returns nil: silent.
//   - a discarded Rollback and then returning an error on every path: the
//     helper rolls back itself; when it drops its rollback's error (every
//     library helper does) the caller gets the callback's error and
//     nothing fails: a clean-up, fixed by deleting the call. A project
//     helper that uses its rollback's error adds ErrTxDone to it: a bug.
//
// A checked Rollback, or one followed by returns this analyzer cannot
// tell, is not reported.
func (c *checker) callbackFinding(f *model.Func, r model.Release, h helper, lit *ast.FuncLit) {
	what, txName := exprString(r.Call), r.Var.Name()
	if r.Op == knowledge.Commit {
		var cost string
		switch {
		case h.nested && h.family == "gorm":
			cost = fmt.Sprintf("it commits the whole outer transaction and %s returns %s", h.name, h.txDone())
		case h.nested && h.family == "bun":
			cost = fmt.Sprintf("%s's own RELEASE SAVEPOINT then fails and aborts the outer transaction", h.name)
		case h.nested && h.family == "pgx":
			cost = fmt.Sprintf("%s then returns %s, which rolls back the outer transaction when returned", h.name, h.txDone())
		default:
			cost = fmt.Sprintf("%s commits again and returns %s for committed work", h.name, h.txDone())
		}
		c.emit(r.Call, catCallback, fmt.Sprintf("%s inside the callback of %s at line %d: %s; return nil instead",
			what, h.call, h.line, cost), c.returnNilFix(r.Cursor, r.Call, r.Op, lit))
		return
	}
	returnsNil := c.returnedDirectly(r)
	returnsErr := false
	if !returnsNil {
		if !r.Discarded() {
			return // checked: the callback observes the rollback's error
		}
		returnsNil, returnsErr = c.returnsAfter(f, r.Stmt)
	}
	switch {
	case returnsNil && h.nested && h.family == "bun":
		// bun's nested RunInTx: ROLLBACK TO SAVEPOINT keeps the savepoint,
		// and the helper then returns nil (docs/behaviour.md).
	case returnsNil:
		c.emit(r.Call, catCallback, fmt.Sprintf("%s inside the callback of %s at line %d: with nil returned after it, %s returns %s for rolled-back work; return an error",
			what, h.call, h.line, h.name, h.txDone()), nil)
	case returnsErr && h.checks:
		c.emit(r.Call, catCallback, fmt.Sprintf("%s inside the callback of %s at line %d: %s rolls back again and adds %s to its error; return the error and let it roll back",
			what, h.call, h.line, h.name, h.txDone()), nil)
	case returnsErr && c.redundant:
		c.emit(r.Call, catRedundant, fmt.Sprintf("%s is redundant: %s at line %d rolls back %s when the callback returns an error",
			what, h.call, h.line, txName), c.deleteFix(r.Stmt.Node(), "Delete the redundant "+what))
	}
}

// returnedDirectly reports whether the release r is what its function
// returns: `return tx.Rollback()` (gorm: `return tx.Rollback().Error`),
// nil when the rollback succeeds.
func (c *checker) returnedDirectly(r model.Release) bool {
	result := r.Cursor
	if sel, ok := result.Parent().Node().(*ast.SelectorExpr); ok && sel.Sel.Name == "Error" && knowledge.IsGormDB(c.info.TypeOf(r.Call)) {
		result = result.Parent()
	}
	ret, ok := result.Parent().Node().(*ast.ReturnStmt)
	return ok && len(ret.Results) == 1
}

// returnsAfter says how the callback f returns after the statement at
// stmt: returnsNil when some path returns a literal nil error, returnsErr
// when every path returns a certainly non-nil error. Both false when a
// path returns something else (not known) and none returns nil.
func (c *checker) returnsAfter(f *model.Func, stmt inspector.Cursor) (returnsNil, returnsErr bool) {
	sig := f.Sig
	if sig == nil || sig.Results().Len() == 0 {
		return false, false
	}
	k := sig.Results().Len() - 1
	if !types.Identical(sig.Results().At(k).Type(), types.Universe.Lookup("error").Type()) {
		return false, false
	}
	g := f.CFG()
	if _, _, ok := g.Locate(stmt.Node()); !ok {
		return false, false
	}
	unknown := false
	all := g.Walk(stmt.Node(), func(n ast.Node) flow.Step {
		ret, ok := n.(*ast.ReturnStmt)
		if !ok {
			return flow.Next
		}
		switch {
		case len(ret.Results) == sig.Results().Len() && c.isNil(ret.Results[k]):
			returnsNil = true
		case !c.returnsNonNilError(f, ret, k):
			unknown = true
		}
		return flow.Stop
	}, nil, func(e flow.Ending) bool {
		return e == flow.Exits || e == flow.Panics // the helper's result does not matter
	})
	return returnsNil, all && !unknown && !returnsNil
}

func (c *checker) isNil(e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	_, isNil := c.info.Uses[id].(*types.Nil)
	return isNil
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
