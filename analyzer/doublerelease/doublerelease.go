package doublerelease

import (
	_ "embed"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/txvet/txvet/internal/guard"
	"github.com/txvet/txvet/internal/meta"
	"github.com/txvet/txvet/internal/model"
	"github.com/txvet/txvet/internal/report"
)

//go:embed doc.go
var docFile string

// Config configures the analyzer.
type Config struct {
	// Redundant enables the clean-up kind, redundant-release. The bug
	// kinds, double-commit and release-in-callback, are always reported.
	Redundant bool
}

// Analyzer reports every kind.
var Analyzer = New(Config{Redundant: true})

// New returns a doublerelease analyzer configured by cfg. Its flag
// -redundant overrides cfg.Redundant.
func New(cfg Config) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name:     "doublerelease",
		Doc:      meta.Doc(docFile, "doublerelease"),
		URL:      "https://github.com/txvet/txvet/blob/main/docs/doublerelease.md",
		Requires: []*analysis.Analyzer{model.Analyzer},
	}
	a.Flags.BoolVar(&cfg.Redundant, "redundant", cfg.Redundant,
		"report redundant releases (category redundant-release), a clean-up; false keeps only the bug kinds")
	// A panic on one function becomes an error of this package, and the
	// other functions are still checked.
	a.Run = guard.Run(func(pass *analysis.Pass, g *guard.Guard) (any, error) {
		m := pass.ResultOf[model.Analyzer].(*model.Result).Open()
		// Every finding is an explicit release, in the declaration of
		// the defer or the helper call that owns it, and no cursor here
		// leaves the declaration it starts in.
		root, ok := m.Root()
		if !ok {
			return nil, nil // no database code in the package: nothing to release
		}
		c := &checker{
			pass:      pass,
			info:      pass.TypesInfo,
			m:         m,
			reporter:  report.New(pass),
			root:      root,
			redundant: cfg.Redundant,
			reported:  make(map[*ast.CallExpr]bool),
		}
		c.run(g)
		return nil, nil
	})
	return a
}

type checker struct {
	pass      *analysis.Pass
	info      *types.Info
	m         *model.Model
	reporter  *report.Reporter
	root      inspector.Cursor
	redundant bool
	reported  map[*ast.CallExpr]bool

	// Functions of the package and whether they use a database handle,
	// on first need.
	usesDB map[*types.Func]bool
	// The package's certainly non-nil error variables, on first need.
	sentinel map[*types.Var]bool
}

func (c *checker) run(g *guard.Guard) {
	// Scope 4 first: a release in a helper's callback is a bug whatever
	// else surrounds it (callback.go).
	for cur := range c.root.Preorder((*ast.FuncLit)(nil)) {
		g.Func(cur, func() {
			if f := c.m.Func(cur); f.Callback() != nil {
				c.checkCallback(f)
			}
		})
	}
	// Scopes 1 to 3: each function with deferred scopes, once.
	for cur := range c.root.Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		g.Func(cur, func() {
			if f := c.m.Func(cur); len(f.Defers()) > 0 {
				c.checkFunc(f, f.Defers())
			}
		})
	}
}

// line returns the line of pos.
func (c *checker) line(n ast.Node) int {
	return c.pass.Fset.Position(n.Pos()).Line
}
func (c *checker) emit(call *ast.CallExpr, category, msg string, fix *analysis.SuggestedFix) {
	c.reported[call] = true
	d := analysis.Diagnostic{
		Pos:      call.Pos(),
		End:      call.End(),
		Category: category,
		Message:  msg,
	}
	if fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{*fix}
	}
	c.reporter.Report(d)
}

func exprString(e ast.Expr) string { return types.ExprString(e) }
