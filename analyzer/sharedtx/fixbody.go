package sharedtx

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
)

// body is a launched function literal, read for running its statements in
// place of the launch.
type body struct {
	lit      *ast.FuncLit
	stmts    []ast.Stmt      // what runs: without the Done calls the fix deletes and a final return
	ret      *ast.ReturnStmt // the final `return err` of a func() error
	declares []string        // names the statements declare at the top of the body
}

// readBody reads a launched function literal whose statements can run
// outside it. They cannot, and the literal stays a closure called in
// place, when it has parameters or a named result, returns before its end
// (the return would leave the enclosing function), defers a call of its
// own (it would run when the enclosing function returns) or has a label
// (labels belong to the whole function).
func (x *fixer) readBody(lit *ast.FuncLit) (*body, bool) {
	info := x.a.pass.TypesInfo
	sig, ok := info.TypeOf(lit).(*types.Signature)
	if !ok || sig.Params().Len() > 0 || sig.Results().Len() > 1 || sig.Results().Len() == 1 && sig.Results().At(0).Name() != "" {
		return nil, false
	}
	b := &body{lit: lit}
	for _, s := range lit.Body.List {
		if !x.dropped[s] {
			b.stmts = append(b.stmts, s)
		}
	}
	if n := len(b.stmts); n > 0 {
		if ret, ok := b.stmts[n-1].(*ast.ReturnStmt); ok {
			b.stmts = b.stmts[:n-1]
			if sig.Results().Len() == 1 {
				b.ret = ret
			}
		}
	}
	if sig.Results().Len() == 1 && (b.ret == nil || len(b.ret.Results) != 1) {
		return nil, false
	}
	closure := false
	for _, s := range b.stmts {
		ast.Inspect(s, func(n ast.Node) bool {
			switch n.(type) {
			case *ast.FuncLit:
				return false // its returns and defers are its own
			case *ast.ReturnStmt, *ast.DeferStmt, *ast.LabeledStmt:
				closure = true
			}
			return !closure
		})
	}
	if closure {
		return nil, false
	}
	b.declares = x.declared(lit, b.stmts)
	return b, true
}

// declared returns the names that stmts, at the top of lit's body,
// declare in it.
func (x *fixer) declared(lit *ast.FuncLit, stmts []ast.Stmt) []string {
	info := x.a.pass.TypesInfo
	scope := info.Scopes[lit.Type]
	var names []string
	for _, s := range stmts {
		ast.Inspect(s, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				if obj := info.Defs[id]; obj != nil && obj.Parent() == scope && id.Name != "_" {
					names = append(names, id.Name)
				}
			}
			return true
		})
	}
	return names
}

// statements returns the text that runs body b's statements in place of
// launch l, followed by tail (the error check, indented for the indent it
// is given), or false when they cannot stand there. The statements are
// b's text up to end, or its statements one per line for a body written
// on one line. Where a name they declare would clash with the code around
// them, they go in a block of their own.
func (x *fixer) statements(l *launch, b *body, end token.Pos, tail func(ind string) string) (string, bool) {
	a := x.a
	stmt := x.launchStmt(l)
	cur, _ := x.fn.FindNode(stmt)
	switch cur.ParentEdgeKind() {
	case edge.BlockStmt_List, edge.CaseClause_Body, edge.CommClause_Body:
	default:
		return "", false // labeled: the label would stay on the first statement only
	}
	lbrace, rbrace := b.lit.Body.Lbrace, b.lit.Body.Rbrace
	if a.hasCommentIn(end, rbrace) {
		return "", false // it would be lost
	}
	oneLine := a.line(lbrace) == a.line(rbrace)
	if oneLine && a.hasCommentIn(lbrace, rbrace) {
		return "", false
	}
	scope := a.pass.Pkg.Scope().Innermost(stmt.Pos())
	if scope == nil {
		return "", false
	}
	ind := a.indent(stmt.Pos())
	block := x.collides(scope, stmt.End(), b.declares)
	inner := ind
	if block {
		inner += "\t"
	}
	var text string
	if oneLine {
		var lines []string
		for _, s := range b.stmts {
			lines = append(lines, x.render(s.Pos(), s.End(), "", ""))
		}
		text = strings.Join(lines, "\n"+inner)
	} else {
		text = strings.Trim(x.render(lbrace+1, end, a.indent(rbrace)+"\t", inner), " \t\n")
	}
	if tail != nil {
		if text != "" {
			text += "\n" + inner
		}
		text += tail(inner)
	}
	if text == "" {
		return "", false
	}
	if block {
		return "{\n" + inner + text + "\n" + ind + "}", true
	}
	x.claimed[scope] = append(x.claimed[scope], b.declares...)
	return text, true
}

// collides reports whether declaring names in scope, where a statement
// ending at after stands, would clash: with a name the scope declares, one
// that a body already run in place declares there, one the fix's moved
// code uses, or one that code after the statement takes from an outer
// scope, which the new name would hide.
func (x *fixer) collides(scope *types.Scope, after token.Pos, names []string) bool {
	if len(names) == 0 {
		return false
	}
	for _, name := range names {
		if scope.Lookup(name) != nil || slices.Contains(x.claimed[scope], name) || slices.Contains(x.guarded, name) {
			return true
		}
	}
	info := x.a.pass.TypesInfo
	for c := range x.fn.Preorder((*ast.Ident)(nil)) {
		id := c.Node().(*ast.Ident)
		if id.Pos() < after || id.Pos() >= scope.End() || !slices.Contains(names, id.Name) {
			continue
		}
		if obj := info.Uses[id]; obj != nil && obj.Parent() != nil && encloses(obj.Parent(), scope) {
			return true
		}
	}
	return false
}

// encloses reports whether outer is a strict ancestor of inner.
func encloses(outer, inner *types.Scope) bool {
	for s := inner.Parent(); s != nil; s = s.Parent() {
		if s == outer {
			return true
		}
	}
	return false
}

// groupLaunch returns the in-place form of an errgroup launch, its error
// checked as c says:
//
//	g.Go(f)                                      -> if err := f(); err != nil {...}
//	g.Go(func() error { return expr })           -> if err := expr; err != nil {...}
//	g.Go(func() error { ...; _, err := x(); return err })
//	                                             -> ...; if _, err := x(); err != nil {...}
//	g.Go(func() error { ...; return expr })      -> ...; if err := expr; err != nil {...}
//
// and where the statements need their closure, if err := func() error
// {...}(); err != nil {...}.
func (x *fixer) groupLaunch(l *launch, c *waitCheck) (string, bool) {
	ind := x.a.indent(l.pos())
	lit, isLit := ast.Unparen(l.fn).(*ast.FuncLit)
	if !isLit {
		call, ok := x.callText(l.fn, true)
		return x.checkExpr(c, call, ind), ok
	}
	if b, ok := x.readBody(lit); ok {
		if text, ok := x.groupBody(l, c, b); ok {
			return text, true
		}
	}
	return x.checkExpr(c, x.render(lit.Pos(), lit.End(), "", "")+"()", ind), true
}

// groupBody returns the statements of an errgroup launch's body run in
// place, ending with the check of the error it returns.
func (x *fixer) groupBody(l *launch, c *waitCheck, b *body) (string, bool) {
	for _, name := range b.declares {
		if slices.Contains(x.guarded, name) || c.kind == checkIf && !c.define && name == c.errName {
			return "", false // the handler would see the body's name
		}
	}
	old := x.a.indent(b.lit.Body.Rbrace) + "\t"
	e := b.ret.Results[0]
	expr := func(ind string) string { return x.render(e.Pos(), e.End(), old, ind, headerParens(e)...) }
	if x.a.isNil(e) {
		if c.kind == checkIf && !c.define || len(b.stmts) == 0 {
			return "", false // err = g.Wait() would have set err to nil
		}
		return x.statements(l, b, b.ret.Pos(), nil)
	}
	id, isIdent := ast.Unparen(e).(*ast.Ident)
	if as, errID := x.foldable(b, id); as != nil && (c.kind != checkIf || c.define) {
		// _, err := x(); return err -> if _, err := x(); err != nil {...}
		rest := *b
		rest.stmts = b.stmts[:len(b.stmts)-1]
		rest.declares = x.declared(b.lit, rest.stmts)
		var subs []analysis.TextEdit
		for _, r := range as.Rhs {
			subs = append(subs, headerParens(r)...)
		}
		name := id.Name
		switch c.kind {
		case checkDrop: // _, _ = x()
			subs = append(subs,
				analysis.TextEdit{Pos: errID.Pos(), End: errID.End(), NewText: []byte("_")},
				analysis.TextEdit{Pos: as.TokPos, End: as.TokPos + 2, NewText: []byte("=")})
		case checkIf:
			subs = append(subs, analysis.TextEdit{Pos: errID.Pos(), End: errID.End(), NewText: []byte(c.errName)})
			name = c.errName
		}
		return x.statements(l, &rest, as.Pos(), func(ind string) string {
			init := x.render(as.Pos(), as.End(), old, ind, subs...)
			if c.kind == checkDrop {
				return init
			}
			return x.checkIf(c, init, name, ind)
		})
	}
	if isIdent && len(b.stmts) > 0 && x.declaredIn(id, b.lit) && (c.kind == checkReturn || c.kind == checkIf && c.define && id.Name == c.errName) {
		// ...; return err -> ...; if err != nil {...}
		return x.statements(l, b, b.ret.Pos(), func(ind string) string { return x.checkIf(c, "", id.Name, ind) })
	}
	if len(b.stmts) == 0 && !x.a.hasCommentIn(b.lit.Body.Lbrace, b.ret.Pos()) {
		if x.a.hasCommentIn(b.ret.Pos(), b.lit.Body.Rbrace) {
			return "", false
		}
		ind := x.a.indent(l.pos())
		return x.checkExpr(c, expr(ind), ind), true // a single return: no statement to place
	}
	return x.statements(l, b, b.ret.Pos(), func(ind string) string { return x.checkExpr(c, expr(ind), ind) })
}

// declaredIn reports whether id names a variable declared in lit.
func (x *fixer) declaredIn(id *ast.Ident, lit *ast.FuncLit) bool {
	v, ok := x.a.pass.TypesInfo.Uses[id].(*types.Var)
	return ok && lit.Pos() <= v.Pos() && v.Pos() < lit.End()
}

// foldable returns the body's last statement when it is `_, err := x()`
// and the final return returns that err, so that the assignment can be the
// header of the error check; and its err.
func (x *fixer) foldable(b *body, ret *ast.Ident) (*ast.AssignStmt, *ast.Ident) {
	if ret == nil || len(b.stmts) == 0 {
		return nil, nil
	}
	as, ok := b.stmts[len(b.stmts)-1].(*ast.AssignStmt)
	if !ok || as.Tok != token.DEFINE {
		return nil, nil
	}
	info := x.a.pass.TypesInfo
	var errID *ast.Ident
	for _, lhs := range as.Lhs {
		id, ok := lhs.(*ast.Ident)
		switch {
		case !ok:
			return nil, nil
		case id.Name == "_":
		case info.Defs[id] != nil && info.Defs[id] == info.Uses[ret]:
			errID = id
		default:
			return nil, nil // another variable: it must outlive the statement
		}
	}
	if errID == nil {
		return nil, nil
	}
	return as, errID
}

// deleteInBody returns the edit that deletes statement s of a launched
// body: its whole line, or on a line it shares, the statement and its
// semicolon.
func (x *fixer) deleteInBody(s ast.Stmt) analysis.TextEdit {
	e := x.a.deleteStmt(s)
	if e.Pos != s.Pos() {
		return e // the whole line
	}
	tf, src := x.a.source(s.Pos())
	start, end := tf.Offset(s.Pos()), tf.Offset(s.End())
	skip := func(i, step int) int {
		for i >= 0 && i < len(src) && (src[i] == ' ' || src[i] == '\t') {
			i += step
		}
		return i
	}
	if j := skip(end, 1); j < len(src) && src[j] == ';' {
		end = skip(j+1, 1) // s; next -> next
	} else if j := skip(start-1, -1); j >= 0 && src[j] == ';' {
		start = j // prev; s -> prev
	}
	return analysis.TextEdit{Pos: tf.Pos(start), End: tf.Pos(end)}
}
