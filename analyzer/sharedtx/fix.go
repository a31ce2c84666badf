package sharedtx

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/txvet/txvet/internal/knowledge"
)

// fixer builds the fix of one finding.
type fixer struct {
	a  *analyzer
	fn inspector.Cursor

	edits []analysis.TextEdit
	// subs are edits inside code the fix may copy (a renamed context, a
	// deleted Done): applied to the copies, and to the original where it
	// stays.
	subs    []analysis.TextEdit
	deleted []ast.Node                // statements deleted, whose imports may go with them
	dropped map[ast.Stmt]bool         // Done calls deleted from launched bodies
	claimed map[*types.Scope][]string // names that bodies run in place now declare in a scope
	// guarded are names that code the fix moves or renames refers to at
	// its new place (a Wait's handler, the context a rename uses): no body
	// run in place may declare them.
	guarded []string
}

// fix returns the sequential form of a finding's launches, and the
// statements it deletes; nil where no rewrite is sure to compile and not to
// block.
func (a *analyzer) fix(fn inspector.Cursor, f *finding) (*analysis.SuggestedFix, []ast.Node) {
	if _, src := a.source(fn.Node().Pos()); src == nil {
		// The rewrite copies source text: without the file as it was
		// parsed, it would drop the launched bodies.
		return nil, nil
	}
	x := &fixer{a: a, fn: fn, dropped: make(map[ast.Stmt]bool), claimed: make(map[*types.Scope][]string)}
	var groups []*types.Var // errgroup-style groups, in order
	for _, l := range f.launches {
		if l.block != 0 {
			// It sends, waits, or runs code we cannot see: run inline, it
			// could wait for the parent forever.
			return nil, nil
		}
		if _, ok := l.node.(*ast.GoStmt); ok {
			continue
		}
		if _, ok := a.exprStmt(fn, l.call); !ok {
			return nil, nil
		}
		sig, _ := a.pass.TypesInfo.TypeOf(l.fn).(*types.Signature)
		switch {
		case sig == nil || sig.Params().Len() > 0:
			return nil, nil
		case sig.Results().Len() == 0: // wg.Go(f) -> f()
		case isErrorResult(sig) && l.group != nil && knowledge.IsFirstErrorGroup(l.group.Type()):
			if !slices.Contains(groups, l.group) {
				groups = append(groups, l.group)
			}
		default:
			return nil, nil
		}
	}
	checks := make(map[*types.Var]*waitCheck)
	for _, g := range groups {
		c := x.sequentialGroup(f, g)
		if c == nil {
			return a.limitFix(fn, f, g), nil
		}
		checks[g] = c
	}
	x.dropWaitGroups(f)
	for _, l := range f.launches {
		var (
			text string
			ok   bool
		)
		if c := checks[l.group]; c != nil && l.group != nil {
			text, ok = x.groupLaunch(l, c)
		} else {
			text, ok = x.inPlace(l)
		}
		if !ok {
			return nil, nil
		}
		stmt := x.launchStmt(l)
		x.edits = append(x.edits, analysis.TextEdit{Pos: stmt.Pos(), End: stmt.End(), NewText: []byte(text)})
	}
	for _, s := range x.subs {
		if !slices.ContainsFunc(x.edits, func(e analysis.TextEdit) bool { return e.Pos <= s.Pos && s.End <= e.End && e.Pos < e.End }) {
			x.edits = append(x.edits, s) // outside every replaced statement
		}
	}
	x.edits = append(x.edits, a.unusedImports(x.deleted)...)
	return &analysis.SuggestedFix{
		Message:   "Run the launches one after another",
		TextEdits: x.edits,
	}, x.deleted
}

// pendingReport is a diagnostic waiting for the end of the pass, with the
// statements its fix deletes.
type pendingReport struct {
	d       analysis.Diagnostic
	deleted []ast.Node
}

// reportPending reports the pass's diagnostics. Fixes that delete uses of
// one import, whose every use some of them delete, each leave the import
// to the others: applied together they would leave it unused. They become
// one fix, which also deletes the import, carried by each of their
// diagnostics (drivers apply identical edits once). Silenced diagnostics
// take no part: their code stays as it is.
func (a *analyzer) reportPending() {
	info := a.pass.TypesInfo
	cluster := make([]int, len(a.pending)) // union-find over pending fixes
	for i := range cluster {
		cluster[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		if cluster[i] != i {
			cluster[i] = find(cluster[i])
		}
		return cluster[i]
	}
	for _, file := range a.pass.Files {
		var live []int
		for i, p := range a.pending {
			if len(p.deleted) > 0 && file.FileStart <= p.d.Pos && p.d.Pos < file.FileEnd && !a.rep.Silenced(p.d.Pos) {
				live = append(live, i)
			}
		}
		if len(live) < 2 {
			continue
		}
		owners := make(map[*types.PkgName][]int) // the fix deleting each use, -1 for none
		ast.Inspect(file, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if pn, isPkg := info.Uses[id].(*types.PkgName); ok && isPkg {
				owner := -1
				for _, i := range live {
					if slices.ContainsFunc(a.pending[i].deleted, func(d ast.Node) bool { return d.Pos() <= id.Pos() && id.Pos() < d.End() }) {
						owner = i
					}
				}
				owners[pn] = append(owners[pn], owner)
			}
			return true
		})
		for _, fixes := range owners {
			if !slices.Contains(fixes, -1) {
				for _, i := range fixes {
					cluster[find(i)] = find(fixes[0])
				}
			}
		}
	}
	members := make(map[int][]int)
	for i := range a.pending {
		members[find(i)] = append(members[find(i)], i)
	}
	for i := range a.pending {
		if m := members[i]; len(m) > 1 {
			a.mergeFixes(m)
		}
	}
	for _, p := range a.pending {
		a.rep.Report(p.d)
	}
}

// mergeFixes gives each of the pending diagnostics m one fix: all of
// theirs, and the deletion of the imports that only their deletions used.
// Where the edits overlap, none of them gets a fix.
func (a *analyzer) mergeFixes(m []int) {
	var edits []analysis.TextEdit
	var deleted []ast.Node
	add := func(es ...analysis.TextEdit) {
		for _, e := range es {
			if !slices.ContainsFunc(edits, func(x analysis.TextEdit) bool {
				return x.Pos == e.Pos && x.End == e.End && string(x.NewText) == string(e.NewText)
			}) {
				edits = append(edits, e)
			}
		}
	}
	for _, i := range m {
		for _, e := range a.pending[i].d.SuggestedFixes[0].TextEdits {
			if !a.inImports(e.Pos) { // the imports are worked out again for all
				add(e)
			}
		}
		deleted = append(deleted, a.pending[i].deleted...)
	}
	add(a.unusedImports(deleted)...)
	slices.SortStableFunc(edits, func(x, y analysis.TextEdit) int { return int(x.Pos) - int(y.Pos) })
	for k := 1; k < len(edits); k++ {
		if edits[k].Pos < edits[k-1].End {
			for _, i := range m {
				a.pending[i].d.SuggestedFixes = nil
			}
			return
		}
	}
	for _, i := range m {
		var lines []string
		for _, j := range m {
			if j != i {
				lines = append(lines, fmt.Sprint(a.line(a.pending[j].d.Pos)))
			}
		}
		where := "line " + lines[0]
		if len(lines) > 1 {
			where = "lines " + join(lines)
		}
		a.pending[i].d.SuggestedFixes = []analysis.SuggestedFix{{
			Message:   "Run the launches one after another, here and at " + where + " (the fixes share an import)",
			TextEdits: edits,
		}}
	}
}

// inImports reports whether pos is in an import declaration.
func (a *analyzer) inImports(pos token.Pos) bool {
	f := a.fileOf(pos)
	return f != nil && slices.ContainsFunc(f.Decls, func(d ast.Decl) bool {
		gd, ok := d.(*ast.GenDecl)
		return ok && gd.Tok == token.IMPORT && gd.Pos() <= pos && pos < gd.End()
	})
}

func isErrorResult(sig *types.Signature) bool {
	return sig.Results().Len() == 1 && types.Identical(sig.Results().At(0).Type(), types.Universe.Lookup("error").Type())
}

// exprStmt returns the statement a launch call stands alone in.
func (a *analyzer) exprStmt(fn inspector.Cursor, call *ast.CallExpr) (*ast.ExprStmt, bool) {
	c, ok := fn.FindNode(call)
	if !ok || c.ParentEdgeKind() != edge.ExprStmt_X {
		return nil, false
	}
	return c.Parent().Node().(*ast.ExprStmt), true
}

// launchStmt returns the statement of a launch the fix replaces.
func (x *fixer) launchStmt(l *launch) ast.Stmt {
	if gs, ok := l.node.(*ast.GoStmt); ok {
		return gs
	}
	stmt, _ := x.a.exprStmt(x.fn, l.call)
	return stmt
}

// inPlace returns the in-place form of a launch whose function returns
// nothing: go f(x) -> f(x), wg.Go(f) -> f(), and a function literal's
// statements, or the literal called in place where they need it.
func (x *fixer) inPlace(l *launch) (string, bool) {
	gs, isGo := l.node.(*ast.GoStmt)
	if lit, ok := ast.Unparen(l.fn).(*ast.FuncLit); ok && (!isGo || len(gs.Call.Args) == 0) {
		if b, ok := x.readBody(lit); ok && len(b.stmts) > 0 {
			if text, ok := x.statements(l, b, b.stmts[len(b.stmts)-1].End(), nil); ok {
				return text, true
			}
		}
	}
	if isGo {
		return x.render(gs.Call.Pos(), gs.Call.End(), "", ""), true
	}
	return x.callText(l.fn, false)
}

// callText returns the text of a call of the launched function f, without
// arguments. In an if header (header), a composite literal in it gets
// parentheses.
func (x *fixer) callText(f ast.Expr, header bool) (string, bool) {
	var parens []analysis.TextEdit
	if header {
		parens = headerParens(f)
	}
	switch ast.Unparen(f).(type) {
	case *ast.FuncLit, *ast.Ident, *ast.SelectorExpr: // the launches whose code is known
		return x.render(f.Pos(), f.End(), "", "", parens...) + "()", true
	}
	return "", false
}

// headerParens returns the parentheses that keep e's composite literals of
// a named type (T{...}, pkg.T{...}, T[int]{...}) from being read as the
// block of an if, for or switch when e moves into the statement's header.
// Only literals outside any parentheses, brackets and braces need them.
func headerParens(e ast.Expr) []analysis.TextEdit {
	var edits []analysis.TextEdit
	wrap := func(n ast.Node) {
		edits = append(edits,
			analysis.TextEdit{Pos: n.Pos(), End: n.Pos(), NewText: []byte("(")},
			analysis.TextEdit{Pos: n.End(), End: n.End(), NewText: []byte(")")})
	}
	var walk func(e ast.Expr)
	walk = func(e ast.Expr) {
		switch e := e.(type) {
		case *ast.CompositeLit:
			if isTypeName(e.Type) {
				wrap(e)
			}
		case *ast.UnaryExpr:
			if lit, ok := e.X.(*ast.CompositeLit); ok && e.Op == token.AND && isTypeName(lit.Type) {
				wrap(e) // (&T{...}), not &(T{...})
				return
			}
			walk(e.X)
		case *ast.BinaryExpr:
			walk(e.X)
			walk(e.Y)
		case *ast.SelectorExpr:
			walk(e.X)
		case *ast.CallExpr:
			walk(e.Fun) // the arguments are inside parentheses
		case *ast.IndexExpr:
			walk(e.X)
		case *ast.IndexListExpr:
			walk(e.X)
		case *ast.SliceExpr:
			walk(e.X)
		case *ast.TypeAssertExpr:
			walk(e.X)
		case *ast.StarExpr:
			walk(e.X)
		}
	}
	walk(e)
	return edits
}

// isTypeName matches the type of a composite literal that the parser takes
// for an operand in a statement header: a (qualified, instantiated) name.
func isTypeName(t ast.Expr) bool {
	switch t := t.(type) {
	case *ast.Ident:
		return true
	case *ast.SelectorExpr:
		return isTypeName(t.X)
	case *ast.IndexExpr:
		return isTypeName(t.X)
	case *ast.IndexListExpr:
		return isTypeName(t.X)
	}
	return false
}
