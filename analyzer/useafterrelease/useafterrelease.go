package useafterrelease

import (
	"go/ast"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/txvet/txvet/internal/dbcode"
	"github.com/txvet/txvet/internal/flow"
	"github.com/txvet/txvet/internal/knowledge"
	"github.com/txvet/txvet/internal/lifecycle"
	"github.com/txvet/txvet/internal/report"
	"github.com/txvet/txvet/internal/syntax"
	"github.com/txvet/txvet/internal/txfacts"
)

// Analyzer reports database work on a transaction after its explicit
// release.
var Analyzer = &analysis.Analyzer{
	Name:     "useafterrelease",
	Doc:      doc,
	URL:      "https://github.com/txvet/txvet/blob/main/docs/useafterrelease.md",
	Requires: []*analysis.Analyzer{dbcode.Analyzer, txfacts.Analyzer},
	Run:      run,
}

// category is the one kind this analyzer reports, an anchor on the rule
// page. It is a bug: the work fails, or is lost.
const category = "use-after-release"

func run(pass *analysis.Pass) (any, error) {
	code := pass.ResultOf[dbcode.Analyzer].(*dbcode.Result)
	if !code.Relevant {
		return nil, nil // no database handle in the package
	}
	// Every finding follows an explicit release in the same function.
	ins := code.Releases()
	if ins == nil {
		return nil, nil
	}
	c := &checker{
		pass:     pass,
		info:     pass.TypesInfo,
		facts:    pass.ResultOf[txfacts.Analyzer].(*txfacts.Result),
		reporter: report.New(pass),
		reported: make(map[*ast.CallExpr]bool),
	}
	for fn := range ins.Root().Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		c.checkFunc(fn)
	}
	return nil, nil
}

type checker struct {
	pass     *analysis.Pass
	info     *types.Info
	facts    *txfacts.Result
	reporter *report.Reporter
	reported map[*ast.CallExpr]bool // uses already reported, from an earlier release
}

// release is an explicit, not deferred, release of a transaction
// variable in the function being checked.
type release struct {
	cur  inspector.Cursor // the *ast.CallExpr
	call *ast.CallExpr
	v    *types.Var
	op   knowledge.Op
}

// checkFunc reports the uses after each explicit release of a
// transaction in the function (declaration or literal) at fn. Releases
// in nested function literals are the literals' own: they run at a time
// this function's paths do not show.
func (c *checker) checkFunc(fn inspector.Cursor) {
	_, body := syntax.FuncParts(fn.Node())
	if body == nil {
		return
	}
	var rels []release
	fn.Child(body).Inspect([]ast.Node{(*ast.FuncLit)(nil), (*ast.DeferStmt)(nil), (*ast.GoStmt)(nil), (*ast.CallExpr)(nil)}, func(cur inspector.Cursor) bool {
		call, ok := cur.Node().(*ast.CallExpr)
		if !ok {
			return false // a nested literal, or a call that runs later or elsewhere
		}
		if v, op, ok := lifecycle.Released(c.info, call); ok && c.isTx(fn, body, v) {
			rels = append(rels, release{cur, call, v, op})
		}
		return true
	})
	if len(rels) == 0 {
		return
	}
	f := &funcCheck{checker: c, fn: fn, body: body, g: flow.New(c.info, body), rels: rels}
	for _, r := range rels {
		f.checkRelease(r)
	}
}

// isTx reports whether v, released in the function fn, holds a
// transaction: by its type (connections are not followed: what work on a
// closed one does was not measured), or a *gorm.DB that comes from Begin
// in fn, or is the transaction parameter of fn as a scoped helper's
// callback.
func (c *checker) isTx(fn inspector.Cursor, body *ast.BlockStmt, v *types.Var) bool {
	if r, ok := knowledge.Classify(v.Type()); ok {
		return r.Kind == knowledge.Tx
	}
	if !knowledge.IsGormDB(v.Type()) || !syntax.Within(v, fn.Node()) {
		return false
	}
	if lifecycle.Begun(c.info, body, v) {
		return true
	}
	lit, ok := fn.Node().(*ast.FuncLit)
	if !ok || fn.ParentEdgeKind() != edge.CallExpr_Args {
		return false
	}
	call := fn.Parent().Node().(*ast.CallExpr)
	sc, ok := c.facts.ScopeCall(c.info, call)
	if !ok || call.Args[sc.Callback] != lit {
		return false
	}
	params := syntax.Params(c.info, lit.Type)
	return sc.TxParam < len(params) && params[sc.TxParam] == v
}

// report reports the use u of t after the release r, once per use.
func (c *checker) report(r release, t tracked, u use) {
	if c.reported[u.call] {
		return
	}
	c.reported[u.call] = true
	c.reporter.Report(analysis.Diagnostic{
		Pos:      u.call.Pos(),
		End:      u.call.End(),
		Category: category,
		Message:  c.message(r, t, u),
	})
}

// funcCheck is the check of one function.
type funcCheck struct {
	*checker
	fn   inspector.Cursor
	body *ast.BlockStmt
	g    *flow.Graph
	rels []release

	derived   map[*types.Var][]tracked // by resource, on first need
	iterating map[iterationKey]bool    // whether every completed iteration of a loop releases a variable
}

// releasesIn reports whether the graph node n holds one of the
// function's releases of v.
func (f *funcCheck) releasesIn(n ast.Node, v *types.Var) bool {
	return slices.ContainsFunc(f.rels, func(r release) bool { return r.v == v && syntax.Within(r.call, n) })
}

const doc = `useafterrelease: report work on a transaction after its Commit or Rollback

Once a transaction is committed or rolled back, every statement on it
fails (sql.ErrTxDone, pgx.ErrTxClosed), and so do a second Commit, a
checked Rollback, statements prepared on it and sqlc queries bound to it.
The analyzer reports the first such use on each path from an explicit
release, and is silent on deferred calls, discarded Rollbacks after a
release, branches that exclude each other and loops whose iterations do
not all release. See the package documentation.`
