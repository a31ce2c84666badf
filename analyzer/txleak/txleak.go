package txleak

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/cfg"

	"github.com/txvet/txvet/internal/dbcode"
	"github.com/txvet/txvet/internal/flow"
	"github.com/txvet/txvet/internal/knowledge"
	"github.com/txvet/txvet/internal/meta"
	"github.com/txvet/txvet/internal/model"
	"github.com/txvet/txvet/internal/report"
	"github.com/txvet/txvet/internal/syntax"
	"github.com/txvet/txvet/internal/txfacts"
)

//go:embed doc.go
var docFile string

// Category of every diagnostic, the anchor on the rule page.
const Category = "tx-leak"

// Analyzer reports resources that a function acquires, keeps to itself
// and does not release on some path.
var Analyzer = &analysis.Analyzer{
	Name:     "txleak",
	Doc:      meta.Doc(docFile, "txleak"),
	URL:      "https://github.com/txvet/txvet/blob/main/docs/txleak.md",
	Requires: []*analysis.Analyzer{dbcode.Analyzer, txfacts.Analyzer, txfacts.Ownership, model.Analyzer},
	Run:      run,
}

type checker struct {
	pass     *analysis.Pass
	info     *types.Info
	owners   *txfacts.Owners
	reporter *report.Reporter
	// modelled are the functions of the model's declarations, whose
	// control-flow graph the model builds once for every analyzer.
	modelled map[ast.Node]*model.Func
}

func run(pass *analysis.Pass) (any, error) {
	if !pass.ResultOf[dbcode.Analyzer].(*dbcode.Result).Relevant {
		return nil, nil // no database handle in the package: nothing to leak
	}
	c := &checker{
		pass:     pass,
		info:     pass.TypesInfo,
		owners:   pass.ResultOf[txfacts.Ownership].(*txfacts.Owners),
		reporter: report.New(pass),
		modelled: make(map[ast.Node]*model.Func),
	}
	m := pass.ResultOf[model.Analyzer].(*model.Result).Open()
	if root, ok := m.Root(); ok {
		for cur := range root.Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
			c.modelled[cur.Node()] = m.Func(cur)
		}
	}
	// Every function, not only the model's: a function that calls a
	// factory of the analyzed code, or pgx.Connect, and never releases
	// holds no call the model's declarations are sorted by.
	for _, file := range pass.Files {
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				if n.Body != nil {
					c.checkFunc(n, n.Body)
				}
			case *ast.FuncLit:
				c.checkFunc(n, n.Body)
			}
			return true
		})
	}
	return nil, nil
}

// A fn is one function body and what its acquisitions share.
type fn struct {
	node      ast.Node // the *ast.FuncDecl or *ast.FuncLit
	body      *ast.BlockStmt
	g         *flow.Graph // built on first need
	hasGoto   bool
	continues []branch // continue statements, with their ancestors
}

type branch struct {
	stmt  *ast.BranchStmt
	stack []ast.Node
}

// An acquisition is a statement that assigns a new resource to a local
// variable.
type acquisition struct {
	stmt   ast.Stmt
	stack  []ast.Node // ancestors of stmt, within the function
	call   *ast.CallExpr
	v      *types.Var
	errVar *types.Var // nil when the acquisition reports no error (MustBegin, gorm)
}

// checkFunc checks the acquisitions of one function body, not those of
// the function literals inside it (each is checked on its own).
func (c *checker) checkFunc(node ast.Node, body *ast.BlockStmt) {
	f := &fn{body: body, node: node}
	var acqs []acquisition
	ast.PreorderStack(body, nil, func(n ast.Node, stack []ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.BranchStmt:
			switch n.Tok {
			case token.GOTO:
				f.hasGoto = true
			case token.CONTINUE:
				f.continues = append(f.continues, branch{n, slices.Clone(stack)})
			}
		case *ast.AssignStmt, *ast.DeclStmt:
			if a, ok := c.acquisitionOf(n.(ast.Stmt), body); ok {
				a.stack = slices.Clone(stack)
				acqs = append(acqs, a)
			}
		}
		return true
	})
	for _, a := range acqs {
		c.checkAcquisition(f, a)
	}
}

// acquisitionOf reports whether stmt assigns a new resource to a variable
// declared in body.
func (c *checker) acquisitionOf(stmt ast.Stmt, body *ast.BlockStmt) (acquisition, bool) {
	var lhs, rhs []ast.Expr
	switch s := stmt.(type) {
	case *ast.AssignStmt:
		lhs, rhs = s.Lhs, s.Rhs
	case *ast.DeclStmt:
		gd, ok := s.Decl.(*ast.GenDecl)
		if !ok || len(gd.Specs) != 1 {
			return acquisition{}, false
		}
		vs, ok := gd.Specs[0].(*ast.ValueSpec)
		if !ok {
			return acquisition{}, false
		}
		for _, id := range vs.Names {
			lhs = append(lhs, id)
		}
		rhs = vs.Values
	}
	if len(rhs) != 1 {
		return acquisition{}, false // several values at once: rare, and unclear
	}
	call, ok := ast.Unparen(rhs[0]).(*ast.CallExpr)
	if !ok {
		return acquisition{}, false
	}
	acq, ok := c.owners.Acquisition(c.info, call)
	if !ok || acq.Result >= len(lhs) || acq.ErrResult >= len(lhs) {
		return acquisition{}, false
	}
	v := syntax.IdentVar(c.info, lhs[acq.Result])
	if v == nil || v.Name() == "_" || v.IsField() || v.Pos() < body.Pos() || v.Pos() >= body.End() {
		return acquisition{}, false // a named result, a captured variable, a global, `_`
	}
	a := acquisition{stmt: stmt, call: call, v: v}
	if acq.ErrResult >= 0 {
		a.errVar = syntax.IdentVar(c.info, lhs[acq.ErrResult])
	}
	return a, true
}

func (c *checker) checkAcquisition(f *fn, a acquisition) {
	u := c.owners.Usage(c.info, f.body, a.v)
	switch {
	case u.Escapes:
		return // returned, stored, sent, captured or passed on: not this function's alone
	case u.PartialDefer:
		return // a deferred function releases it on some paths: unsure which
	case len(u.AcquiredBy) != 1:
		return // acquired more than once into one variable: unsure which one leaks
	}
	if f.g == nil {
		if mf := c.modelled[f.node]; mf != nil {
			f.g = mf.CFG()
		} else {
			f.g = flow.New(c.info, f.body)
		}
	}
	w := &walker{
		info:    c.info,
		owners:  c.owners,
		g:       f.g,
		body:    f.body,
		v:       a.v,
		acq:     a.stmt,
		gorm:    knowledge.IsGormDB(a.v.Type()),
		errVars: []*types.Var{a.errVar},
	}
	if w.gorm {
		w.errVars = append(w.errVars, c.gormErrVars(f.body, a.v)...)
	}
	if w.loop = innermostLoop(a.stack); w.loop != nil {
		if w.cont = w.continueTarget(w.loop); w.cont == nil {
			return
		}
	}
	w.walk()
	if w.unsure || !c.attributeLoopBacks(w, f) || len(w.leaks) == 0 {
		return
	}
	exits := make([]exit, 0, len(w.leaks))
	for _, e := range w.leaks {
		exits = append(exits, e)
	}
	slices.SortFunc(exits, func(x, y exit) int { return int(x.pos - y.pos) })
	rel := c.releaseOf(a)
	d := analysis.Diagnostic{
		Pos:      a.call.Pos(),
		End:      a.call.End(),
		Category: Category,
		Message:  c.message(a, w, exits, rel),
	}
	if fix := c.fix(f, a, w, u, exits, rel); fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{*fix}
	}
	c.reporter.Report(d)
}

// gormErrVars returns the variables assigned tx.Error in body (`if err :=
// tx.Error; err != nil`), at most maxErrVars-1 of them.
func (c *checker) gormErrVars(body *ast.BlockStmt, v *types.Var) []*types.Var {
	var vs []*types.Var
	ast.Inspect(body, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok && len(as.Lhs) == 1 && len(vs) < maxErrVars-1 {
			if e := syntax.IdentVar(c.info, as.Lhs[0]); e != nil && definesFrom(c.info, as, e, v) && !slices.Contains(vs, e) {
				vs = append(vs, e)
			}
		}
		return true
	})
	return vs
}

// innermostLoop returns the innermost for or range statement among the
// ancestors stack, or nil.
func innermostLoop(stack []ast.Node) ast.Stmt {
	for i := len(stack) - 1; i >= 0; i-- {
		switch l := stack[i].(type) {
		case *ast.ForStmt:
			return l
		case *ast.RangeStmt:
			return l
		}
	}
	return nil
}

// attributeLoopBacks turns each path that goes to the loop's next
// iteration holding the resource into an exit: the continue statement
// it takes, or the end of the loop body. It reports false when some such
// path cannot be attributed.
func (c *checker) attributeLoopBacks(w *walker, f *fn) bool {
	if len(w.loopBack) == 0 {
		return true
	}
	explained := make(map[*cfg.Block]bool)
	for _, br := range f.continues {
		if !c.continues(br, w.loop) {
			continue
		}
		b := w.blockAt(br.stmt, br.stack)
		if b == nil {
			continue
		}
		if w.loopBack[b] {
			w.leaks[br.stmt] = exit{node: br.stmt, pos: br.stmt.Pos()}
			explained[b] = true
		}
		if w.safeBack[b] {
			w.safe[br.stmt] = true
		}
	}
	body := loopBody(w.loop)
	if n := len(body.List); n > 0 {
		if b := w.blockAfter(body.List[n-1]); b != nil && w.loopBack[b] {
			w.leaks[body] = exit{node: body, pos: body.Rbrace}
			explained[b] = true
		}
	}
	return len(explained) == len(w.loopBack)
}

// continues reports whether br continues loop: an unlabelled continue
// whose innermost loop is loop, or one naming loop's label.
func (c *checker) continues(br branch, loop ast.Stmt) bool {
	if br.stmt.Label != nil {
		obj := c.info.Uses[br.stmt.Label]
		for i := len(br.stack) - 1; i > 0; i-- {
			if ls, ok := br.stack[i-1].(*ast.LabeledStmt); ok && ls.Stmt == br.stack[i] && c.info.Defs[ls.Label] == obj {
				return ls.Stmt == loop
			}
		}
		return false
	}
	return innermostLoop(br.stack) == loop
}

func loopBody(loop ast.Stmt) *ast.BlockStmt {
	if r, ok := loop.(*ast.RangeStmt); ok {
		return r.Body
	}
	return loop.(*ast.ForStmt).Body
}

// A release is the call that releases a resource: tx.Rollback(ctx).
type release struct {
	verb   string // "roll it back", "close it", "release it"
	method string // Rollback, Close, Release
	needs  bool   // the method takes a context
	ctx    string // the context to pass, "" if none is sure
	ctxObj types.Object
}

// releaseOf describes the release of a's resource.
func (c *checker) releaseOf(a acquisition) release {
	r := release{verb: "roll it back", method: "Rollback"}
	if res, ok := knowledge.Classify(a.v.Type()); ok {
		switch res.Kind {
		case knowledge.Conn:
			r.verb, r.method = "close it", "Close"
		case knowledge.PoolConn:
			r.verb, r.method = "release it", "Release"
		}
	}
	obj, _, _ := types.LookupFieldOrMethod(a.v.Type(), true, a.v.Pkg(), r.method)
	if m, ok := obj.(*types.Func); ok && m.Signature().Params().Len() == 1 {
		r.needs = true
		r.ctx, r.ctxObj = c.contextOf(a.call)
	}
	return r
}

// contextOf returns the context argument of the acquisition, when it is a
// variable or context.Background() or context.TODO().
func (c *checker) contextOf(call *ast.CallExpr) (string, types.Object) {
	for _, arg := range call.Args {
		if !knowledge.IsContext(c.info.TypeOf(arg)) {
			continue
		}
		switch e := ast.Unparen(arg).(type) {
		case *ast.Ident:
			return e.Name, c.info.Uses[e]
		case *ast.CallExpr:
			if fn := syntax.StaticCallee(c.info, e); fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "context" &&
				(fn.Name() == "Background" || fn.Name() == "TODO") && len(e.Args) == 0 {
				return types.ExprString(e), nil
			}
		}
		return "", nil
	}
	return "", nil
}

// text returns the release call of v: "tx.Rollback(ctx)".
func (r release) text(v *types.Var) string {
	ctx := ""
	if r.needs {
		ctx = r.ctx
		if ctx == "" {
			ctx = "ctx"
		}
	}
	return v.Name() + "." + r.method + "(" + ctx + ")"
}

// message says which exits leak the resource, and what to do.
func (c *checker) message(a acquisition, w *walker, exits []exit, rel release) string {
	var lines []string
	for _, e := range exits {
		l := strconv.Itoa(c.pass.Fset.Position(e.pos).Line)
		if !slices.Contains(lines, l) {
			lines = append(lines, l)
		}
	}
	where := "the path that leaves at line " + lines[0]
	if len(lines) > 1 {
		where = "the paths that leave at lines " + strings.Join(lines[:len(lines)-1], ", ") + " and " + lines[len(lines)-1]
	}
	if w.loop != nil {
		return fmt.Sprintf("%s is not released on %s; %s there (a defer in the loop would wait for the function to return)",
			a.v.Name(), where, rel.verb)
	}
	return fmt.Sprintf("%s is not released on %s; %s there, or defer %s after %s",
		a.v.Name(), where, rel.verb, rel.text(a.v), calleeName(a.call))
}

// calleeName names the function or method of call: BeginTx.
func calleeName(call *ast.CallExpr) string {
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.SelectorExpr:
		return f.Sel.Name
	case *ast.Ident:
		return f.Name
	case *ast.IndexExpr:
		return types.ExprString(f.X)
	}
	return types.ExprString(call.Fun)
}
