package sharedtx

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/txvet/txvet/internal/knowledge"
	"github.com/txvet/txvet/internal/syntax"
)

// waitCheck is how a group's Wait handled the error, to be repeated at each
// launch.
type waitCheck struct {
	kind    checkKind
	ifs     *ast.IfStmt     // checkIf: if err := g.Wait(); err != nil { ... }
	assign  *ast.AssignStmt // checkIf: its err := g.Wait()
	wait    *ast.CallExpr
	errName string // the handler's name for the error
	define  bool   // checkIf: err := rather than err =
}

type checkKind uint8

const (
	checkIf     checkKind = iota // if err := g.Wait(); err != nil { ...; return ... }
	checkReturn                  // return g.Wait()
	checkDrop                    // g.Wait() or _ = g.Wait(): errors dropped
)

// sequentialGroup prepares the rewrite of every launch of group g in the
// finding into an in-place call whose error is checked as g.Wait() would
// have returned it: it removes the group and its Wait, and returns how to
// check each launch's error. It returns nil when the Wait is not in a form
// it knows, or when anything else uses the group.
func (x *fixer) sequentialGroup(f *finding, g *types.Var) *waitCheck {
	a, fn := x.a, x.fn
	var mine []*launch
	for _, l := range f.launches {
		if l.group == g {
			mine = append(mine, l)
		}
	}
	wait, ok := a.onlyWait(fn, g)
	if !ok {
		return nil
	}
	for _, l := range mine {
		if l.pos() > wait.Pos() {
			return nil
		}
	}
	waitCur, ok := fn.FindNode(wait)
	if !ok {
		return nil // onlyWait found it in fn: cannot happen
	}
	c := &waitCheck{wait: wait, errName: "err"}
	var (
		waitStmt ast.Stmt // the statement holding the Wait
		waitRepl string   // the Wait statement's replacement ("" deletes it)
	)
	form := waitCur.ParentEdgeKind()
	if form == edge.AssignStmt_Rhs && a.isBlankAssign(waitCur.Parent()) {
		form = edge.ExprStmt_X // _ = g.Wait()
	}
	switch form {
	case edge.AssignStmt_Rhs: // if err := g.Wait(); err != nil { ... }
		ifs, ok := a.waitIf(waitCur)
		if !ok {
			return nil
		}
		for _, l := range mine {
			if !a.sameMeaning(ifs, wait, l.pos()) {
				return nil
			}
		}
		c.kind, c.ifs, c.assign = checkIf, ifs, waitCur.Parent().Node().(*ast.AssignStmt)
		c.errName = c.assign.Lhs[0].(*ast.Ident).Name
		c.define = c.assign.Tok == token.DEFINE
		waitStmt = ifs
		// Copied to each launch, the handler must not meet a name that a
		// body run in place declares there.
		for _, id := range a.freeIdents(ifs, wait) {
			if id.Name != c.errName {
				x.guarded = append(x.guarded, id.Name)
			}
		}
	case edge.ReturnStmt_Results: // return g.Wait()
		ret := waitCur.Parent().Node().(*ast.ReturnStmt)
		if len(ret.Results) != 1 || !a.returnsError(fn) {
			return nil
		}
		c.kind = checkReturn
		waitStmt = ret
		waitRepl = "return nil"
	case edge.ExprStmt_X: // g.Wait() or _ = g.Wait(), errors dropped
		c.kind = checkDrop
		waitStmt = waitCur.Parent().Node().(ast.Stmt)
	default:
		return nil
	}
	allowed := map[ast.Node]bool{ast.Unparen(wait.Fun.(*ast.SelectorExpr).X): true}
	for _, l := range mine {
		allowed[ast.Unparen(l.call.Fun.(*ast.SelectorExpr).X)] = true
	}
	// The group must go: kept, it could hold launches an early return would
	// no longer wait for.
	def, ok := x.onlyUses(g, allowed)
	if !ok || !x.deleteDecl(def) {
		return nil
	}
	if waitRepl == "" {
		x.edits = append(x.edits, a.deleteStmt(waitStmt))
	} else {
		x.edits = append(x.edits, analysis.TextEdit{Pos: waitStmt.Pos(), End: waitStmt.End(), NewText: []byte(waitRepl)})
	}
	return c
}

// checkExpr returns the statement that runs e, an error, and handles it as
// the Wait did, indented for ind. e stands in an if header: its composite
// literals must already be in parentheses.
func (x *fixer) checkExpr(c *waitCheck, e, ind string) string {
	switch c.kind {
	case checkDrop:
		return "_ = " + e
	case checkReturn:
		return x.checkIf(c, "err := "+e, "err", ind)
	}
	return x.checkIf(c, x.a.textRange(c.assign.Pos(), c.wait.Pos())+e, c.errName, ind)
}

// checkIf returns `if init; name != nil { <the Wait's handler> }`, without
// the init when it is empty. For checkIf, name is c.errName.
func (x *fixer) checkIf(c *waitCheck, init, name, ind string) string {
	head := "if "
	if init != "" {
		head += init + "; "
	}
	if c.kind == checkReturn {
		return head + name + " != nil {\n" + ind + "\treturn " + name + "\n" + ind + "}"
	}
	return head + x.render(c.ifs.Cond.Pos(), c.ifs.End(), x.a.indent(c.ifs.Pos()), ind)
}

// onlyWait returns the one Wait call on g, in fn itself.
func (a *analyzer) onlyWait(fn inspector.Cursor, g *types.Var) (*ast.CallExpr, bool) {
	var found *ast.CallExpr
	n := 0
	for c := range fn.Preorder((*ast.CallExpr)(nil)) {
		call := c.Node().(*ast.CallExpr)
		if group, ok := knowledge.WaitCall(a.pass.TypesInfo, call); ok && groupVar(a.pass.TypesInfo, group) == g {
			n++
			if encl, _ := syntax.EnclosingFunc(c); encl == fn {
				found = call
			}
		}
	}
	return found, n == 1 && found != nil
}

// waitIf matches `if err := g.Wait(); err != nil { ...; return ... }`
// (also with =), with no else and a body that leaves the function.
func (a *analyzer) waitIf(wait inspector.Cursor) (*ast.IfStmt, bool) {
	assign := wait.Parent()
	as := assign.Node().(*ast.AssignStmt)
	if assign.ParentEdgeKind() != edge.IfStmt_Init || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
		return nil, false
	}
	ifs := assign.Parent().Node().(*ast.IfStmt)
	errID, ok := as.Lhs[0].(*ast.Ident)
	cond, isBin := ifs.Cond.(*ast.BinaryExpr)
	if !ok || !isBin || cond.Op != token.NEQ || ifs.Else != nil || len(ifs.Body.List) == 0 {
		return nil, false
	}
	x, ok := cond.X.(*ast.Ident)
	if !ok || a.pass.TypesInfo.ObjectOf(x) != a.pass.TypesInfo.ObjectOf(errID) || !a.isNil(cond.Y) {
		return nil, false
	}
	if _, ok := ifs.Body.List[len(ifs.Body.List)-1].(*ast.ReturnStmt); !ok {
		return nil, false
	}
	// break, continue and goto would mean something else at a launch.
	branches := false
	ast.Inspect(ifs.Body, func(n ast.Node) bool {
		_, isBranch := n.(*ast.BranchStmt)
		branches = branches || isBranch
		_, isLit := n.(*ast.FuncLit)
		return !isLit
	})
	return ifs, !branches
}

func (a *analyzer) isNil(e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && a.pass.TypesInfo.Uses[id] == types.Universe.Lookup("nil")
}

// freeIdents returns the identifiers of n (outside skip) that name
// something declared outside n: what n's text means depends on where it
// stands. Fields and methods after a dot, and the keys of struct literals,
// are not scope names.
func (a *analyzer) freeIdents(n, skip ast.Node) []*ast.Ident {
	info := a.pass.TypesInfo
	var out []*ast.Ident
	selected := make(map[*ast.Ident]bool)
	ast.Inspect(n, func(x ast.Node) bool {
		if x == skip {
			return false
		}
		if sel, isSel := x.(*ast.SelectorExpr); isSel {
			selected[sel.Sel] = true
		}
		id, isID := x.(*ast.Ident)
		if !isID || selected[id] {
			return true
		}
		obj := info.Uses[id]
		if obj == nil || (obj.Pos() >= n.Pos() && obj.Pos() < n.End()) {
			return true // declared in n itself
		}
		if v, isVar := obj.(*types.Var); isVar && v.IsField() {
			return true
		}
		out = append(out, id)
		return true
	})
	return out
}

// sameMeaning reports whether every name in n (outside skip) means the
// same at pos as where it stands, so n's text can be copied to pos.
func (a *analyzer) sameMeaning(n ast.Node, skip ast.Node, pos token.Pos) bool {
	scope := a.pass.Pkg.Scope().Innermost(pos)
	if scope == nil {
		return false
	}
	for _, id := range a.freeIdents(n, skip) {
		if _, found := scope.LookupParent(id.Name, pos); found != a.pass.TypesInfo.Uses[id] {
			return false
		}
	}
	return true
}

// returnsError reports whether fn's only result is an error.
func (a *analyzer) returnsError(fn inspector.Cursor) bool {
	var t ast.Expr
	switch n := fn.Node().(type) {
	case *ast.FuncDecl:
		t = n.Type
	case *ast.FuncLit:
		t = n.Type
	}
	sig, ok := a.pass.TypesInfo.TypeOf(t).(*types.Signature)
	if !ok {
		if fd, isDecl := fn.Node().(*ast.FuncDecl); isDecl {
			if obj, ok := a.pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
				sig = obj.Signature()
			}
		}
	}
	return sig != nil && isErrorResult(sig)
}

// isBlankAssign matches the statement `_ = x`.
func (a *analyzer) isBlankAssign(c inspector.Cursor) bool {
	as, ok := c.Node().(*ast.AssignStmt)
	if !ok || len(as.Lhs) != 1 || c.ParentEdgeKind() != edge.BlockStmt_List {
		return false
	}
	id, ok := as.Lhs[0].(*ast.Ident)
	return ok && id.Name == "_"
}

// onlyUses returns where group g is declared, in fn itself, when fn uses
// g nowhere but at the allowed identifiers.
func (x *fixer) onlyUses(g *types.Var, allowed map[ast.Node]bool) (inspector.Cursor, bool) {
	info := x.a.pass.TypesInfo
	var def inspector.Cursor
	for c := range x.fn.Preorder((*ast.Ident)(nil)) {
		id := c.Node().(*ast.Ident)
		switch {
		case info.Defs[id] == g:
			def = c
		case info.Uses[id] == g && !allowed[id]:
			return def, false // g is used elsewhere: keep it
		}
	}
	if !def.Valid() {
		return def, false // declared outside fn: a package variable, or the enclosing function's
	}
	encl, _ := syntax.EnclosingFunc(def)
	return def, encl == x.fn
}

// deleteDecl deletes the statement declaring a group at def: `var g
// errgroup.Group`, `g := new(T)`, `g := &T{}` or `g, gctx :=
// errgroup.WithContext(ctx)`, after which gctx is ctx. It reports false
// for any other declaration.
func (x *fixer) deleteDecl(def inspector.Cursor) bool {
	info := x.a.pass.TypesInfo
	var stmt ast.Stmt
	switch def.ParentEdgeKind() {
	case edge.ValueSpec_Names:
		vs := def.Parent().Node().(*ast.ValueSpec)
		decl := def.Parent().Parent()
		ds, ok := decl.Parent().Node().(*ast.DeclStmt)
		if !ok || len(vs.Names) != 1 || len(decl.Node().(*ast.GenDecl).Specs) != 1 || len(vs.Values) > 1 || (len(vs.Values) == 1 && !isZeroGroup(vs.Values[0])) {
			return false
		}
		stmt = ds
	case edge.AssignStmt_Lhs:
		as := def.Parent().Node().(*ast.AssignStmt)
		if as.Tok != token.DEFINE || len(as.Rhs) != 1 {
			return false
		}
		stmt = as
		if len(as.Lhs) == 1 && isZeroGroup(as.Rhs[0]) {
			break
		}
		call, ok := as.Rhs[0].(*ast.CallExpr)
		if !ok || len(as.Lhs) != 2 || def.ParentEdgeIndex() != 0 || len(call.Args) != 1 || !knowledge.IsContext(info.TypeOf(call.Args[0])) {
			return false
		}
		gctx, ok := as.Lhs[1].(*ast.Ident)
		if !ok || !knowledge.IsContext(info.TypeOf(gctx)) {
			return false
		}
		arg, isIdent := call.Args[0].(*ast.Ident)
		if gctx.Name == "_" || isIdent && arg.Name == gctx.Name {
			break // the context stays the one passed in
		}
		v, isNew := info.Defs[gctx].(*types.Var)
		if from, isVar := info.Uses[arg].(*types.Var); isIdent && isNew && isVar && x.renameContext(v, from) {
			break // gctx is ctx everywhere
		}
		tok := " = "
		if info.Defs[gctx] != nil {
			tok = " := "
		}
		x.edits = append(x.edits, analysis.TextEdit{Pos: as.Pos(), End: as.End(), NewText: []byte(gctx.Name + tok + x.a.text(call.Args[0]))})
		x.deleted = append(x.deleted, as)
		return true
	default:
		return false
	}
	x.edits = append(x.edits, x.a.deleteStmt(stmt))
	x.deleted = append(x.deleted, stmt)
	return true
}

// renameContext makes every use of gctx, the group's context, a use of
// ctx, the context it derives from, when ctx means that variable at each
// of them. It reports false, changing nothing, otherwise.
func (x *fixer) renameContext(gctx, ctx *types.Var) bool {
	info := x.a.pass.TypesInfo
	var uses []*ast.Ident
	for c := range x.fn.Preorder((*ast.Ident)(nil)) {
		id := c.Node().(*ast.Ident)
		if info.Uses[id] != gctx {
			continue
		}
		scope := x.a.pass.Pkg.Scope().Innermost(id.Pos())
		if scope == nil {
			return false
		}
		if _, obj := scope.LookupParent(ctx.Name(), id.Pos()); obj != ctx {
			return false // another ctx is in scope there
		}
		uses = append(uses, id)
	}
	for _, id := range uses {
		x.subs = append(x.subs, analysis.TextEdit{Pos: id.Pos(), End: id.End(), NewText: []byte(ctx.Name())})
	}
	x.guarded = append(x.guarded, ctx.Name())
	return true
}

// isZeroGroup matches new(T), &T{} and T{}.
func isZeroGroup(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		id, ok := e.Fun.(*ast.Ident)
		return ok && id.Name == "new" && len(e.Args) == 1
	case *ast.UnaryExpr:
		return e.Op == token.AND && isZeroGroup(e.X)
	case *ast.CompositeLit:
		return len(e.Elts) == 0
	}
	return false
}

// dropWaitGroups removes the WaitGroups whose every launch the fix runs in
// place: their declaration, Add and Wait, and the Done calls at the top of
// the launched bodies. A group used in any other way stays as it is.
func (x *fixer) dropWaitGroups(f *finding) {
	info := x.a.pass.TypesInfo
	launched := make(map[*ast.CallExpr]bool)
	bodies := make(map[*ast.BlockStmt]bool)
	var groups []*types.Var
	for _, l := range f.launches {
		launched[l.call] = true
		if l.group != nil && !knowledge.IsFirstErrorGroup(l.group.Type()) && !slices.Contains(groups, l.group) {
			groups = append(groups, l.group) // wg.Go(...)
		}
		lit, ok := ast.Unparen(l.fn).(*ast.FuncLit)
		if !ok {
			continue
		}
		bodies[lit.Body] = true
		for _, s := range lit.Body.List { // go func() { defer wg.Done(); ... }()
			call := doneCall(s)
			if call == nil {
				continue
			}
			if group, name, ok := knowledge.CountCall(info, call); ok && name == "Done" {
				if g := groupVar(info, group); g != nil && !slices.Contains(groups, g) {
					groups = append(groups, g)
				}
			}
		}
	}
	for _, g := range groups {
		x.dropWaitGroup(g, launched, bodies)
	}
}

// doneCall returns the call of a statement `x.M()` or `defer x.M()`.
func doneCall(s ast.Stmt) *ast.CallExpr {
	switch s := s.(type) {
	case *ast.DeferStmt:
		return s.Call
	case *ast.ExprStmt:
		call, _ := s.X.(*ast.CallExpr)
		return call
	}
	return nil
}

// dropWaitGroup removes WaitGroup g when nothing in fn uses it but the
// launches of the fix, statements `g.Add(n)` (n without side effects) and
// `g.Wait()`, and Done calls at the top of the launched bodies.
func (x *fixer) dropWaitGroup(g *types.Var, launched map[*ast.CallExpr]bool, bodies map[*ast.BlockStmt]bool) {
	info := x.a.pass.TypesInfo
	var def inspector.Cursor
	var stmts, dones []ast.Stmt
	for c := range x.fn.Preorder((*ast.Ident)(nil)) {
		id := c.Node().(*ast.Ident)
		if info.Defs[id] == g {
			def = c
			continue
		}
		if info.Uses[id] != g {
			continue
		}
		if c.ParentEdgeKind() != edge.SelectorExpr_X || c.Parent().ParentEdgeKind() != edge.CallExpr_Fun {
			return // &wg, wg passed on
		}
		callCur := c.Parent().Parent()
		call := callCur.Node().(*ast.CallExpr)
		if launched[call] {
			continue
		}
		stmtCur := callCur.Parent()
		inList := stmtCur.ParentEdgeKind() == edge.BlockStmt_List || stmtCur.ParentEdgeKind() == edge.CaseClause_Body || stmtCur.ParentEdgeKind() == edge.CommClause_Body
		_, waits := knowledge.WaitCall(info, call)
		_, name, counts := knowledge.CountCall(info, call)
		switch {
		case callCur.ParentEdgeKind() == edge.ExprStmt_X && inList && waits && len(call.Args) == 0:
			stmts = append(stmts, stmtCur.Node().(ast.Stmt))
		case callCur.ParentEdgeKind() == edge.ExprStmt_X && inList && counts && name == "Add" && x.pure(call.Args[0]):
			stmts = append(stmts, stmtCur.Node().(ast.Stmt))
		case counts && name == "Done" && (callCur.ParentEdgeKind() == edge.ExprStmt_X || callCur.ParentEdgeKind() == edge.DeferStmt_Call) &&
			stmtCur.ParentEdgeKind() == edge.BlockStmt_List && bodies[stmtCur.Parent().Node().(*ast.BlockStmt)]:
			dones = append(dones, stmtCur.Node().(ast.Stmt))
		default:
			return
		}
	}
	if !def.Valid() {
		return
	}
	if encl, _ := syntax.EnclosingFunc(def); encl != x.fn {
		return
	}
	edits, deleted := len(x.edits), len(x.deleted)
	if !x.deleteDecl(def) {
		x.edits, x.deleted = x.edits[:edits], x.deleted[:deleted]
		return
	}
	for _, s := range stmts {
		x.edits = append(x.edits, x.a.deleteStmt(s))
		x.deleted = append(x.deleted, s)
	}
	for _, s := range dones {
		x.dropped[s] = true
		x.subs = append(x.subs, x.deleteInBody(s))
	}
}

// pure reports whether evaluating e has no effect: constants, variables,
// fields, len and cap of those.
func (x *fixer) pure(e ast.Expr) bool {
	info := x.a.pass.TypesInfo
	if tv, ok := info.Types[e]; ok && tv.Value != nil {
		return true
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		_, isVar := info.Uses[e].(*types.Var)
		return isVar
	case *ast.SelectorExpr:
		s, ok := info.Selections[e]
		return ok && s.Kind() == types.FieldVal && !s.Indirect() && x.pure(e.X)
	case *ast.CallExpr:
		id, ok := ast.Unparen(e.Fun).(*ast.Ident)
		if b, isBuiltin := info.Uses[id].(*types.Builtin); ok && isBuiltin && (b.Name() == "len" || b.Name() == "cap") && len(e.Args) == 1 {
			return x.pure(e.Args[0])
		}
	}
	return false
}

// unusedImports deletes the imports that only the deleted statements used:
// each spec with its line, or the whole declaration when none of it stays.
func (a *analyzer) unusedImports(deleted []ast.Node) []analysis.TextEdit {
	info := a.pass.TypesInfo
	unused := make(map[*types.PkgName]bool)
	var files []*ast.File
	for _, n := range deleted {
		file := a.fileOf(n.Pos())
		ast.Inspect(n, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				if pn, ok := info.Uses[id].(*types.PkgName); ok && !unused[pn] && !pkgUsedOutside(info, file, pn, deleted) {
					unused[pn] = true
					if !slices.Contains(files, file) {
						files = append(files, file)
					}
				}
			}
			return true
		})
	}
	var edits []analysis.TextEdit
	for _, file := range files {
		for _, d := range file.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.IMPORT {
				continue
			}
			var gone []ast.Spec
			for _, spec := range gd.Specs {
				if unused[info.PkgNameOf(spec.(*ast.ImportSpec))] {
					gone = append(gone, spec)
				}
			}
			if len(gone) > 0 && len(gone) == len(gd.Specs) {
				edits = append(edits, a.deleteImport(gd))
				continue
			}
			for _, spec := range gone {
				e := a.deleteImport(spec)
				if k := len(edits) - 1; k >= 0 && e.Pos < edits[k].End {
					edits[k].End = max(edits[k].End, e.End) // two neighbours sharing a blank line
					continue
				}
				edits = append(edits, e)
			}
		}
	}
	return edits
}

// deleteImport deletes an import declaration, or a spec of a parenthesized
// one, with its line, and with a blank line that would be left first,
// last, or doubled in the list or the file: gofmt keeps none of those.
func (a *analyzer) deleteImport(spec ast.Node) analysis.TextEdit {
	e := a.deleteStmt(spec)
	tf, src := a.source(spec.Pos())
	start, end := tf.Offset(e.Pos), tf.Offset(e.End)
	line := tf.Line(e.Pos)
	if e.Pos == spec.Pos() || line < 2 || end >= len(src) {
		return e // not a whole line
	}
	prevStart := tf.Offset(tf.LineStart(line - 1))
	prev := strings.TrimSpace(string(src[prevStart : start-1]))
	next, _, _ := strings.Cut(string(src[end:]), "\n")
	switch next = strings.TrimSpace(next); {
	case next == "" && (prev == "" || prev == "import ("):
		e.End++ // the blank line after it
	case next == ")" && prev == "":
		e.Pos = tf.Pos(prevStart) // the blank line before it
	}
	return e
}

// pkgUsedOutside reports whether file uses pn outside the deleted nodes.
func pkgUsedOutside(info *types.Info, file *ast.File, pn *types.PkgName, deleted []ast.Node) bool {
	used := false
	ast.Inspect(file, func(x ast.Node) bool {
		if id, ok := x.(*ast.Ident); ok && info.Uses[id] == pn &&
			!slices.ContainsFunc(deleted, func(n ast.Node) bool { return n.Pos() <= id.Pos() && id.Pos() < n.End() }) {
			used = true
		}
		return !used
	})
	return used
}

// limitFix is the fallback for an errgroup: g.SetLimit(1) right after g's
// declaration. It is right only when the launches overlap nothing but each
// other, and every launch of g can wait its turn.
func (a *analyzer) limitFix(fn inspector.Cursor, f *finding, g *types.Var) *analysis.SuggestedFix {
	info := a.pass.TypesInfo
	if len(f.uses) > 0 {
		return nil
	}
	for _, l := range f.launches {
		if l.group != g {
			return nil
		}
	}
	set, _, _ := types.LookupFieldOrMethod(g.Type(), true, g.Pkg(), "SetLimit")
	if set == nil {
		return nil
	}
	all := a.launches(fn)
	var def inspector.Cursor
	for c := range fn.Preorder((*ast.Ident)(nil), (*ast.CallExpr)(nil)) {
		switch n := c.Node().(type) {
		case *ast.Ident:
			if info.Defs[n] == g {
				def = c
			}
		case *ast.CallExpr:
			if group, _, ok := knowledge.LimitCall(info, n); ok && groupVar(info, group) == g {
				return nil // the group has a limit of its own
			}
		}
	}
	if !def.Valid() {
		return nil
	}
	var stmt inspector.Cursor
	for c := range def.Enclosing((*ast.AssignStmt)(nil), (*ast.DeclStmt)(nil)) {
		stmt = c
		break
	}
	if !stmt.Valid() || stmt.ParentEdgeKind() != edge.BlockStmt_List {
		return nil
	}
	block := stmt.Parent().Node()
	for _, l := range all {
		if l.group != g {
			continue
		}
		if l.block != 0 || l.pos() < stmt.Node().End() || l.pos() >= block.End() {
			return nil
		}
		if t, ok := info.TypeOf(l.call).(*types.Basic); ok && t.Kind() == types.Bool {
			return nil // TryGo on a full group skips the function: a limit would drop work
		}
	}
	return &analysis.SuggestedFix{
		Message: "Limit " + g.Name() + " to one goroutine at a time",
		TextEdits: []analysis.TextEdit{{
			Pos:     stmt.Node().End(),
			End:     stmt.Node().End(),
			NewText: []byte("\n" + a.indent(stmt.Node().Pos()) + g.Name() + ".SetLimit(1)"),
		}},
	}
}
