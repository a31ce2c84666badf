package sharedtx

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/txvet/txvet/internal/knowledge"
	"github.com/txvet/txvet/internal/syntax"
)

// removeGroup returns the edits that delete group g's declaration (and an
// import left unused) when g is used by nothing but the rewritten launches
// and the Wait; nil when g must stay.
func (a *analyzer) removeGroup(fn inspector.Cursor, g *types.Var, mine []*launch, wait *ast.CallExpr) []analysis.TextEdit {
	info := a.pass.TypesInfo
	allowed := map[ast.Node]bool{ast.Unparen(wait.Fun.(*ast.SelectorExpr).X): true}
	for _, l := range mine {
		allowed[ast.Unparen(l.call.Fun.(*ast.SelectorExpr).X)] = true
	}
	var def inspector.Cursor
	for c := range fn.Preorder((*ast.Ident)(nil)) {
		id := c.Node().(*ast.Ident)
		switch {
		case info.Defs[id] == g:
			def = c
		case info.Uses[id] == g && !allowed[id]:
			return nil // g is used elsewhere: keep it
		}
	}
	if !def.Valid() {
		return nil // declared outside fn: a package variable, or the enclosing function's
	}
	if encl, _ := syntax.EnclosingFunc(def); encl != fn {
		return nil
	}
	stmt, edits := a.deleteDecl(def)
	if stmt == nil {
		return nil
	}
	return append(edits, a.unusedImports(stmt)...)
}

// deleteDecl returns the statement declaring g at def and the edits that
// remove it: `var g errgroup.Group`, `g := new(T)`, `g := &T{}` or
// `g, ctx := errgroup.WithContext(ctx)`, which keeps ctx defined.
func (a *analyzer) deleteDecl(def inspector.Cursor) (ast.Stmt, []analysis.TextEdit) {
	info := a.pass.TypesInfo
	switch def.ParentEdgeKind() {
	case edge.ValueSpec_Names:
		vs := def.Parent().Node().(*ast.ValueSpec)
		decl := def.Parent().Parent()
		stmt, ok := decl.Parent().Node().(*ast.DeclStmt)
		if !ok || len(vs.Names) != 1 || len(decl.Node().(*ast.GenDecl).Specs) != 1 || len(vs.Values) > 1 || (len(vs.Values) == 1 && !isZeroGroup(vs.Values[0])) {
			return nil, nil
		}
		return stmt, []analysis.TextEdit{a.deleteStmt(stmt)}
	case edge.AssignStmt_Lhs:
		as := def.Parent().Node().(*ast.AssignStmt)
		if as.Tok != token.DEFINE || len(as.Rhs) != 1 {
			return nil, nil
		}
		if len(as.Lhs) == 1 && isZeroGroup(as.Rhs[0]) {
			return as, []analysis.TextEdit{a.deleteStmt(as)}
		}
		call, ok := as.Rhs[0].(*ast.CallExpr)
		if !ok || len(as.Lhs) != 2 || def.ParentEdgeIndex() != 0 || len(call.Args) != 1 || !knowledge.IsContext(info.TypeOf(call.Args[0])) {
			return nil, nil
		}
		ctx, ok := as.Lhs[1].(*ast.Ident)
		if !ok || !knowledge.IsContext(info.TypeOf(ctx)) {
			return nil, nil
		}
		if arg, ok := call.Args[0].(*ast.Ident); ctx.Name == "_" || ok && arg.Name == ctx.Name {
			return as, []analysis.TextEdit{a.deleteStmt(as)} // ctx stays the one passed in
		}
		tok := " = "
		if info.Defs[ctx] != nil {
			tok = " := "
		}
		return as, []analysis.TextEdit{{Pos: as.Pos(), End: as.End(), NewText: []byte(ctx.Name + tok + a.text(call.Args[0]))}}
	}
	return nil, nil
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

// unusedImports deletes the imports that only the deleted statement used.
func (a *analyzer) unusedImports(deleted ast.Stmt) []analysis.TextEdit {
	info := a.pass.TypesInfo
	var file *ast.File
	for _, f := range a.pass.Files {
		if f.FileStart <= deleted.Pos() && deleted.Pos() < f.FileEnd {
			file = f
		}
	}
	var edits []analysis.TextEdit
	ast.Inspect(deleted, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		pn, ok := info.Uses[id].(*types.PkgName)
		if !ok || pkgUsedOutside(info, file, pn, deleted) {
			return true
		}
		for _, d := range file.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.IMPORT {
				continue
			}
			for _, spec := range gd.Specs {
				if info.PkgNameOf(spec.(*ast.ImportSpec)) == pn {
					if gd.Lparen.IsValid() && len(gd.Specs) > 1 {
						edits = append(edits, a.deleteStmt(spec))
					} else {
						edits = append(edits, a.deleteStmt(gd))
					}
				}
			}
		}
		return true
	})
	return edits
}

func pkgUsedOutside(info *types.Info, file *ast.File, pn *types.PkgName, n ast.Node) bool {
	used := false
	ast.Inspect(file, func(x ast.Node) bool {
		if id, ok := x.(*ast.Ident); ok && info.Uses[id] == pn && (id.Pos() < n.Pos() || id.Pos() >= n.End()) {
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
