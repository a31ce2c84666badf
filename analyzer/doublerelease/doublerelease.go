package doublerelease

import (
	_ "embed"
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/txvet/txvet/internal/dbcode"
	"github.com/txvet/txvet/internal/knowledge"
	"github.com/txvet/txvet/internal/lifecycle"
	"github.com/txvet/txvet/internal/report"
	"github.com/txvet/txvet/internal/syntax"
	"github.com/txvet/txvet/internal/txfacts"
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
		Doc:      analyzerDoc(docFile),
		URL:      "https://github.com/txvet/txvet/blob/main/docs/doublerelease.md",
		Requires: []*analysis.Analyzer{dbcode.Analyzer, txfacts.Analyzer},
	}
	a.Flags.BoolVar(&cfg.Redundant, "redundant", cfg.Redundant,
		"report redundant releases (category redundant-release), a clean-up; false keeps only the bug kinds")
	a.Run = func(pass *analysis.Pass) (any, error) {
		code := pass.ResultOf[dbcode.Analyzer].(*dbcode.Result)
		if !code.Relevant {
			return nil, nil // no database handle in the package: nothing to release
		}
		// Every finding is an explicit release, in the declaration of
		// the defer or the helper call that owns it, and no cursor here
		// leaves the declaration it starts in.
		ins := code.Releases()
		if ins == nil {
			return nil, nil // no release anywhere: nothing to report
		}
		c := &checker{
			pass:      pass,
			info:      pass.TypesInfo,
			facts:     pass.ResultOf[txfacts.Analyzer].(*txfacts.Result),
			reporter:  report.New(pass),
			root:      ins.Root(),
			redundant: cfg.Redundant,
			reported:  make(map[*ast.CallExpr]bool),
		}
		c.run()
		return nil, nil
	}
	return a
}

// analyzerDoc returns the "# Analyzer doublerelease" section of the
// package documentation in doc.go, without comment markers.
func analyzerDoc(src string) string {
	var lines []string
	in := false
	for line := range strings.Lines(src) {
		text, isComment := strings.CutPrefix(strings.TrimRight(line, "\n"), "//")
		switch {
		case !isComment:
			if in {
				return strings.TrimSpace(strings.Join(lines, "\n"))
			}
		case strings.TrimSpace(text) == "# Analyzer doublerelease":
			in = true
		case in:
			lines = append(lines, strings.TrimPrefix(text, " "))
		}
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

// Diagnostic categories, anchors on the rule page.
const (
	catRedundant = "redundant-release"
	catDouble    = "double-commit"
	catCallback  = "release-in-callback"
)

type checker struct {
	pass      *analysis.Pass
	info      *types.Info
	facts     *txfacts.Result
	reporter  *report.Reporter
	root      inspector.Cursor
	redundant bool
	reported  map[*ast.CallExpr]bool

	// Functions of the package and whether they use a database handle,
	// built on first need.
	decls  *syntax.Decls
	usesDB map[*types.Func]bool
}

func (c *checker) run() {
	// Scope 4 first: a release in a helper's callback is a bug whatever
	// else surrounds it.
	for cur := range c.root.Preorder((*ast.CallExpr)(nil)) {
		c.checkScopeCall(cur)
	}
	// Scopes 1 to 3: each function with deferred scopes, once.
	var funcs []inspector.Cursor
	scopes := make(map[ast.Node][]scope)
	for cur := range c.root.Preorder((*ast.DeferStmt)(nil)) {
		fn, ok := syntax.EnclosingFunc(cur)
		if !ok {
			continue
		}
		ss := c.scopesOf(cur, fn)
		if len(ss) == 0 {
			continue
		}
		if scopes[fn.Node()] == nil {
			funcs = append(funcs, fn)
		}
		scopes[fn.Node()] = append(scopes[fn.Node()], ss...)
	}
	for _, fn := range funcs {
		c.checkFunc(fn, scopes[fn.Node()])
	}
}

// releasesIn calls f for each release call in the body of the function
// at fn, not looking into nested function literals: a release there runs
// at a time this analyzer does not know.
func (c *checker) releasesIn(fn inspector.Cursor, f func(cur inspector.Cursor, call *ast.CallExpr, v *types.Var, op knowledge.Op)) {
	_, body := syntax.FuncParts(fn.Node())
	if body == nil {
		return
	}
	bodyCur := fn.Child(body)
	bodyCur.Inspect([]ast.Node{(*ast.FuncLit)(nil), (*ast.CallExpr)(nil)}, func(cur inspector.Cursor) bool {
		call, ok := cur.Node().(*ast.CallExpr)
		if !ok {
			return false // a nested function literal
		}
		if v, op, ok := lifecycle.Released(c.info, call); ok {
			f(cur, call, v, op)
		}
		return true
	})
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
