package useafterrelease

import (
	_ "embed"
	"go/ast"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"

	"github.com/txvet/txvet/internal/dbcode"
	"github.com/txvet/txvet/internal/flow"
	"github.com/txvet/txvet/internal/guard"
	"github.com/txvet/txvet/internal/knowledge"
	"github.com/txvet/txvet/internal/meta"
	"github.com/txvet/txvet/internal/model"
	"github.com/txvet/txvet/internal/report"
	"github.com/txvet/txvet/internal/syntax"
)

//go:embed doc.go
var docFile string

// Analyzer reports database work on a transaction after its explicit
// release.
var Analyzer = &analysis.Analyzer{
	Name:     "useafterrelease",
	Doc:      meta.Doc(docFile, "useafterrelease"),
	URL:      "https://github.com/txvet/txvet/blob/main/docs/useafterrelease.md",
	Requires: []*analysis.Analyzer{model.Analyzer},
	// A panic on one function becomes an error of this package.
	Run: guard.Run(run),
}

// Category is the one kind this analyzer reports, an anchor on the rule
// page. It is a bug: the work fails, or is lost.
const Category = "use-after-release"

func run(pass *analysis.Pass, g *guard.Guard) (any, error) {
	m := pass.ResultOf[model.Analyzer].(*model.Result).Open()
	c := &checker{
		pass:     pass,
		info:     pass.TypesInfo,
		m:        m,
		reporter: report.New(pass),
		reported: make(map[*ast.CallExpr]bool),
	}
	// Every finding follows an explicit release in the same function.
	for decl := range m.Declarations(dbcode.Releases) {
		for fn := range decl.Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
			g.Func(fn, func() { c.checkFunc(m.Func(fn)) })
		}
	}
	return nil, nil
}

type checker struct {
	pass     *analysis.Pass
	info     *types.Info
	m        *model.Model
	reporter *report.Reporter
	reported map[*ast.CallExpr]bool // uses already reported, from an earlier release
}

// checkFunc reports the uses after each explicit release of a
// transaction in the function fn. Releases in nested function literals
// are the literals' own (the model gives each its releases): they run at
// a time this function's paths do not show.
func (c *checker) checkFunc(fn *model.Func) {
	var rels []model.Release
	for _, r := range fn.Releases() {
		switch {
		case r.Deferred, r.Cursor.ParentEdgeKind() == edge.GoStmt_Call:
			// Never report deferred calls: they run at the function's exit.
		case c.isTx(r.Var):
			rels = append(rels, r)
		}
	}
	if len(rels) == 0 {
		return
	}
	f := &funcCheck{checker: c, fn: fn, g: fn.CFG(), rels: rels, releaseOf: make(map[*ast.CallExpr]model.Release)}
	for _, r := range fn.Releases() {
		f.releaseOf[r.Call] = r
	}
	for _, r := range rels {
		f.checkRelease(r)
	}
}

// isTx reports whether v holds a transaction (the model's answer, which
// covers a *gorm.DB from Begin or a scoped helper's callback). Connections
// are not followed: what work on a closed one does was not measured.
func (c *checker) isTx(v *types.Var) bool {
	if !c.m.IsResource(v) {
		return false
	}
	r, ok := knowledge.Classify(v.Type())
	return !ok || r.Kind == knowledge.Tx
}

// report reports the use u of t after the release r, once per use.
func (c *checker) report(r model.Release, t tracked, u use) {
	if c.reported[u.call] {
		return
	}
	c.reported[u.call] = true
	c.reporter.Report(analysis.Diagnostic{
		Pos:      u.call.Pos(),
		End:      u.call.End(),
		Category: Category,
		Message:  c.message(r, t, u),
	})
}

// funcCheck is the check of one function.
type funcCheck struct {
	*checker
	fn   *model.Func
	g    *flow.Graph
	rels []model.Release
	// releaseOf holds every release call of the function, of any
	// variable, by call.
	releaseOf map[*ast.CallExpr]model.Release
	uses      []model.Use // the function's, in source order, on first need

	derived       map[*types.Var][]tracked // by resource, on first need
	failureChecks []ast.Node               // where the function checks that an error occurred, on first need
	iterating     map[iterationKey]bool    // whether every completed iteration of a loop releases a variable
}

// releasesIn reports whether the graph node n holds one of the
// function's releases of v.
func (f *funcCheck) releasesIn(n ast.Node, v *types.Var) bool {
	return slices.ContainsFunc(f.rels, func(r model.Release) bool { return r.Var == v && syntax.Within(r.Call, n) })
}
