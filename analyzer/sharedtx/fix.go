package sharedtx

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/txvet/txvet/internal/knowledge"
	"github.com/txvet/txvet/internal/syntax"
)

// fix returns the sequential form of a finding's launches, or nil where no
// rewrite is sure to compile and not to block.
func (a *analyzer) fix(fn inspector.Cursor, f *finding) *analysis.SuggestedFix {
	if _, src := a.source(fn.Node().Pos()); src == nil {
		// The rewrite copies source text: without the file as it was
		// parsed, it would drop the launched bodies.
		return nil
	}
	var edits []analysis.TextEdit
	var groups []*types.Var // errgroup-style groups, in order
	for _, l := range f.launches {
		if l.block != 0 {
			// It sends, waits, or runs code we cannot see: run inline, it
			// could wait for the parent forever.
			return nil
		}
		if gs, ok := l.node.(*ast.GoStmt); ok {
			edits = append(edits, analysis.TextEdit{Pos: gs.Go, End: gs.Call.Pos()}) // go f(x) -> f(x)
			continue
		}
		stmt, ok := a.exprStmt(fn, l.call)
		if !ok {
			return nil
		}
		sig, _ := a.pass.TypesInfo.TypeOf(l.fn).(*types.Signature)
		switch {
		case sig == nil || sig.Params().Len() > 0:
			return nil
		case sig.Results().Len() == 0: // wg.Go(f) -> f()
			text, ok := a.callText(l.fn)
			if !ok {
				return nil
			}
			edits = append(edits, analysis.TextEdit{Pos: stmt.Pos(), End: stmt.End(), NewText: []byte(text)})
		case isErrorResult(sig) && l.group != nil && knowledge.IsFirstErrorGroup(l.group.Type()):
			if !slices.Contains(groups, l.group) {
				groups = append(groups, l.group)
			}
		default:
			return nil
		}
	}
	for _, g := range groups {
		more := a.sequentialGroup(fn, f, g)
		if more == nil {
			return a.limitFix(fn, f, g)
		}
		edits = append(edits, more...)
	}
	return &analysis.SuggestedFix{
		Message:   "Run the launches one after another",
		TextEdits: edits,
	}
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

// callText returns the text of a call of the launched function f, with
// func() error { return expr } reduced to expr.
func (a *analyzer) callText(f ast.Expr) (string, bool) {
	switch f := ast.Unparen(f).(type) {
	case *ast.FuncLit:
		if len(f.Body.List) == 1 {
			if ret, ok := f.Body.List[0].(*ast.ReturnStmt); ok && len(ret.Results) == 1 && !a.hasComments(f) {
				return a.text(ret.Results[0]), true
			}
		}
		return a.text(f) + "()", true
	case *ast.Ident, *ast.SelectorExpr, *ast.CallExpr:
		return a.text(f) + "()", true
	}
	return "", false
}

// sequentialGroup rewrites every launch of group g in the finding into an
// in-place call whose error is checked as g.Wait() would have returned it,
// and removes the group. It returns nil when the Wait is not in a form it
// knows, or when anything else uses the group.
func (a *analyzer) sequentialGroup(fn inspector.Cursor, f *finding, g *types.Var) []analysis.TextEdit {
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
	waitCur, _ := fn.FindNode(wait)
	var (
		check    func(l *launch, call string) string // the launch's replacement
		waitStmt ast.Stmt                            // the statement holding the Wait
		waitRepl string                              // the Wait statement's replacement ("" deletes it)
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
		waitStmt = ifs
		check = func(l *launch, call string) string {
			text := a.textRange(ifs.Pos(), wait.Pos()) + call + a.textRange(wait.End(), ifs.End())
			return reindent(text, a.indent(ifs.Pos()), a.indent(l.pos()))
		}
	case edge.ReturnStmt_Results: // return g.Wait()
		ret := waitCur.Parent().Node().(*ast.ReturnStmt)
		if len(ret.Results) != 1 || !a.returnsError(fn) {
			return nil
		}
		waitStmt = ret
		waitRepl = "return nil"
		check = func(l *launch, call string) string {
			ind := a.indent(l.pos())
			return "if err := " + call + "; err != nil {\n" + ind + "\treturn err\n" + ind + "}"
		}
	case edge.ExprStmt_X: // g.Wait() or _ = g.Wait(), errors dropped
		waitStmt = waitCur.Parent().Node().(ast.Stmt)
		check = func(l *launch, call string) string { return "_ = " + call }
	default:
		return nil
	}
	var edits []analysis.TextEdit
	for _, l := range mine {
		stmt, _ := a.exprStmt(fn, l.call)
		call, ok := a.callText(l.fn)
		if !ok {
			return nil
		}
		edits = append(edits, analysis.TextEdit{Pos: stmt.Pos(), End: stmt.End(), NewText: []byte(check(l, call))})
	}
	// The group must go: kept, it could hold launches an early return would
	// no longer wait for.
	gone := a.removeGroup(fn, g, mine, wait)
	if gone == nil {
		return nil
	}
	edits = append(edits, gone...)
	if waitRepl == "" {
		edits = append(edits, a.deleteStmt(waitStmt))
	} else {
		edits = append(edits, analysis.TextEdit{Pos: waitStmt.Pos(), End: waitStmt.End(), NewText: []byte(waitRepl)})
	}
	return edits
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

// sameMeaning reports whether every name in n (outside skip) means the
// same at pos as where it stands, so n's text can be copied to pos.
func (a *analyzer) sameMeaning(n ast.Node, skip ast.Node, pos token.Pos) bool {
	info := a.pass.TypesInfo
	scope := a.pass.Pkg.Scope().Innermost(pos)
	if scope == nil {
		return false
	}
	ok := true
	selected := make(map[*ast.Ident]bool) // x.Sel: a field, method or package member, not a scope name
	ast.Inspect(n, func(x ast.Node) bool {
		if x == skip {
			return false
		}
		if sel, isSel := x.(*ast.SelectorExpr); isSel {
			selected[sel.Sel] = true
		}
		id, isID := x.(*ast.Ident)
		if isID && selected[id] {
			return true
		}
		if !isID || !ok {
			return ok
		}
		obj := info.Uses[id]
		if obj == nil || (obj.Pos() >= n.Pos() && obj.Pos() < n.End()) {
			return true // declared in n itself
		}
		if v, isVar := obj.(*types.Var); isVar && v.IsField() {
			return true // a key of a struct literal
		}
		if _, found := scope.LookupParent(id.Name, pos); found != obj {
			ok = false
		}
		return true
	})
	return ok
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
