package model

import (
	"cmp"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/txvet/txvet/internal/knowledge"
	"github.com/txvet/txvet/internal/lifecycle"
	"github.com/txvet/txvet/internal/syntax"
)

// resources maps each local variable that holds a resource, or a value
// derived from one, to the resource variable it leads back to (its root).
// A root maps to itself.
type resources map[*types.Var]*types.Var

// IsResource reports whether the local variable v holds a resource of its
// own: a resource by its type, or a *gorm.DB that is a transaction, that
// is, every value assigned to it in its function begins one
// (lifecycle.Begun: db.Begin(), db.Begin().WithContext(ctx)), or it is the
// transaction parameter of a scoped helper's callback (gorm's Transaction,
// or a project helper known by a fact). Fields and package variables are
// not resources: code elsewhere may assign them.
func (m *Model) IsResource(v *types.Var) bool {
	if v == nil || v.IsField() || v.Parent() == nil || v.Pkg() == nil || v.Parent() == v.Pkg().Scope() {
		return false
	}
	if _, ok := knowledge.Classify(v.Type()); ok {
		return true
	}
	if !knowledge.IsGormDB(v.Type()) {
		return false
	}
	m.mu.Lock()
	is, known := m.isRes[v]
	m.mu.Unlock()
	if known {
		return is
	}
	if fn, ok := m.declaringFunc(v); ok {
		f := m.Func(fn)
		is = f.Body != nil && lifecycle.Begun(m.Info, f.Body, v) || f.Callback() != nil && !f.Callback().Scope.Derived && f.Callback().Tx == v
	}
	m.mu.Lock()
	if m.isRes == nil {
		m.isRes = make(map[*types.Var]bool)
	}
	m.isRes[v] = is
	m.mu.Unlock()
	return is
}

// declaringFunc returns the innermost function around the declaration of
// the local variable v, within the model's declarations.
func (m *Model) declaringFunc(v *types.Var) (inspector.Cursor, bool) {
	if !m.valid {
		return inspector.Cursor{}, false
	}
	decl, ok := m.declAt(v.Pos())
	if !ok {
		return inspector.Cursor{}, false
	}
	def, ok := decl.FindByPos(v.Pos(), v.Pos())
	if !ok {
		return inspector.Cursor{}, false
	}
	return syntax.EnclosingFunc(def)
}

// declAt returns the cursor of the model's top-level declaration that
// holds pos. (The root's FindByPos cannot tell: each declaration sits in
// its own copy of its file, and the copies of one file overlap.)
func (m *Model) declAt(pos token.Pos) (inspector.Cursor, bool) {
	m.declsOnce.Do(func() {
		for file := range m.root.Children() {
			for d := range file.Children() {
				if _, isDecl := d.Node().(ast.Decl); isDecl {
					m.declCursors = append(m.declCursors, d)
				}
			}
		}
		slices.SortFunc(m.declCursors, func(a, b inspector.Cursor) int { return cmp.Compare(a.Node().Pos(), b.Node().Pos()) })
	})
	i, _ := slices.BinarySearchFunc(m.declCursors, pos, func(d inspector.Cursor, p token.Pos) int {
		switch {
		case d.Node().End() <= p:
			return -1
		case d.Node().Pos() > p:
			return 1
		}
		return 0
	})
	if i < len(m.declCursors) && m.declCursors[i].Node().Pos() <= pos && pos < m.declCursors[i].Node().End() {
		return m.declCursors[i], true
	}
	return inspector.Cursor{}, false
}

// ResourceOf returns the resource that the local variable v holds or
// derives from (v itself for a resource), or nil. Variables whose address
// is taken are not followed.
func (m *Model) ResourceOf(v *types.Var) *types.Var {
	return m.resourceMap()[v]
}

// resourceMap walks every variable definition of the model's
// declarations in source order, once, so that a derived value's root is
// known before it is used.
func (m *Model) resourceMap() resources {
	m.resOnce.Do(func() {
		m.resources = make(resources)
		if m.valid {
			m.findResources()
		}
	})
	return m.resources
}

func (m *Model) findResources() {
	info, res := m.Info, m.resources
	assigned, addressed := countAssignments(info, m.root)
	for c := range m.root.Preorder((*ast.Ident)(nil)) {
		id := c.Node().(*ast.Ident)
		v, ok := info.Defs[id].(*types.Var)
		if !ok || v.IsField() || v.Parent() == nil || v.Parent() == v.Pkg().Scope() || addressed[v] {
			continue // struct fields and package variables are not followed
		}
		if init := definition(c); init != nil {
			if rs := m.roots(res, init); len(rs) == 1 && assigned[v] == 1 {
				res[v] = rs[0] // derived: sqlc New(tx), tx.Query, Store{tx: tx}, t := tx
				continue
			}
		}
		if m.IsResource(v) || m.isDerivedParam(v) {
			res[v] = v
		}
	}
}

// isDerivedParam reports whether v is the parameter of a scoped helper's
// callback that carries a value the helper derived from its transaction
// (knowledge.Scope.Derived: sqlc's Queries bound to it). It stands for
// the transaction: a root, though it is no transaction to release.
func (m *Model) isDerivedParam(v *types.Var) bool {
	if v.Kind() != types.ParamVar {
		return false
	}
	fn, ok := m.declaringFunc(v)
	if !ok {
		return false
	}
	cb := m.Func(fn).Callback()
	return cb != nil && cb.Scope.Derived && cb.Tx == v
}

// definition returns the expression a defining identifier is initialized
// with (nil if none, or not a single value).
func definition(id inspector.Cursor) ast.Expr {
	parent := id.Parent()
	switch kind, idx := id.ParentEdge(); kind {
	case edge.AssignStmt_Lhs:
		as := parent.Node().(*ast.AssignStmt)
		if len(as.Lhs) == len(as.Rhs) {
			return as.Rhs[idx]
		}
		if len(as.Rhs) == 1 {
			return multiValue(as.Rhs[0], idx)
		}
	case edge.ValueSpec_Names:
		vs := parent.Node().(*ast.ValueSpec)
		if len(vs.Names) == len(vs.Values) {
			return vs.Values[idx]
		}
		if len(vs.Values) == 1 {
			return multiValue(vs.Values[0], idx)
		}
	}
	return nil
}

// multiValue returns the call of `rows, err := tx.Query(...)` for its
// first result, the only one that may carry the connection.
func multiValue(e ast.Expr, idx int) ast.Expr {
	if _, ok := ast.Unparen(e).(*ast.CallExpr); ok && idx == 0 {
		return e
	}
	return nil
}

// countAssignments counts, per local variable, the statements that store
// into it, and finds the variables whose address is taken.
func countAssignments(info *types.Info, root inspector.Cursor) (assigned map[*types.Var]int, addressed map[*types.Var]bool) {
	assigned = make(map[*types.Var]int)
	addressed = make(map[*types.Var]bool)
	obj := func(e ast.Expr) *types.Var {
		if id, ok := ast.Unparen(e).(*ast.Ident); ok {
			v, _ := info.ObjectOf(id).(*types.Var)
			return v
		}
		return nil
	}
	for c := range root.Preorder((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.RangeStmt)(nil), (*ast.IncDecStmt)(nil), (*ast.UnaryExpr)(nil)) {
		switch n := c.Node().(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if v := obj(l); v != nil {
					assigned[v]++
				}
			}
		case *ast.ValueSpec:
			if len(n.Values) > 0 {
				for _, name := range n.Names {
					if v := obj(name); v != nil {
						assigned[v]++
					}
				}
			}
		case *ast.RangeStmt:
			for _, l := range []ast.Expr{n.Key, n.Value} {
				if v := obj(l); v != nil {
					assigned[v] += 2 // one per iteration
				}
			}
		case *ast.IncDecStmt:
			if v := obj(n.X); v != nil {
				assigned[v]++
			}
		case *ast.UnaryExpr:
			if v := obj(n.X); v != nil && n.Op == token.AND {
				addressed[v] = true
			}
		}
	}
	return assigned, addressed
}

// Roots returns the resources whose connection the value of e carries
// into wherever it goes: the resource itself, a value derived from it, a
// closure that refers to either, a struct holding one.
func (m *Model) Roots(e ast.Expr) []*types.Var { return m.roots(m.resourceMap(), e) }

// CallRoots handles the derivations by call: a method of a resource that
// returns a value bound to its connection (tx.Query, tx.Stmt, pgx
// tx.Begin, gorm chains), and a constructor whose result holds its
// resource argument (sqlc New(tx) and q.WithTx(tx)).
func (m *Model) CallRoots(call *ast.CallExpr) []*types.Var { return m.callRoots(m.resourceMap(), call) }

// roots and the functions below take the map being built, so that
// findResources can follow derivations while it builds it.
func (m *Model) roots(res resources, e ast.Expr) []*types.Var {
	info := m.Info
	var out []*types.Var
	add := func(vs ...*types.Var) {
		for _, v := range vs {
			if !slices.Contains(out, v) {
				out = append(out, v)
			}
		}
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		if v, ok := info.Uses[e].(*types.Var); ok && res[v] != nil {
			add(res[v])
		}
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			add(m.roots(res, e.X)...)
		}
	case *ast.StarExpr:
		add(m.roots(res, e.X)...)
	case *ast.CompositeLit:
		for _, elt := range e.Elts {
			if kv, ok := elt.(*ast.KeyValueExpr); ok {
				elt = kv.Value
			}
			add(m.roots(res, elt)...)
		}
	case *ast.FuncLit:
		add(m.freeRoots(res, e)...)
	case *ast.SelectorExpr:
		sel, ok := info.Selections[e]
		switch {
		case !ok:
		case sel.Kind() == types.MethodVal:
			add(m.roots(res, e.X)...) // a bound method value
		case sel.Kind() == types.FieldVal:
			for _, r := range m.roots(res, e.X) {
				if canHold(sel.Type(), r.Type()) {
					add(r) // s.tx of s := Store{tx: tx}, not s.log
				}
			}
		}
	case *ast.CallExpr:
		add(m.callRoots(res, e)...)
	}
	return out
}

func (m *Model) callRoots(res resources, call *ast.CallExpr) []*types.Var {
	info := m.Info
	result := info.TypeOf(call)
	if tuple, ok := result.(*types.Tuple); ok && tuple.Len() > 0 {
		result = tuple.At(0).Type() // rows, err := tx.Query(...)
	}
	if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
		if s, ok := info.Selections[sel]; ok && s.Kind() == types.MethodVal {
			if recv := m.roots(res, sel.X); len(recv) > 0 && CarriesConn(result) {
				return recv
			}
		}
	}
	var out []*types.Var
	for _, arg := range call.Args {
		for _, r := range m.roots(res, arg) {
			if knowledge.Holds(result, r.Type()) && !slices.Contains(out, r) {
				out = append(out, r)
			}
		}
	}
	return out
}

// CarriesConn reports whether a resource method's result keeps using its
// connection.
func CarriesConn(t types.Type) bool {
	_, isResource := knowledge.Classify(t)
	return isResource || knowledge.IsBound(t) || knowledge.IsGormDB(t)
}

// canHold reports whether a value of type t can be, or carry, resource r.
func canHold(t, r types.Type) bool {
	if types.Identical(t, r) || CarriesConn(t) || knowledge.Holds(t, r) {
		return true
	}
	it, ok := t.Underlying().(*types.Interface)
	return ok && it.NumMethods() > 0 && types.AssignableTo(r, t)
}

// freeRoots returns the resources a function literal refers to from the
// enclosing function.
func (m *Model) freeRoots(res resources, lit *ast.FuncLit) []*types.Var {
	info := m.Info
	var out []*types.Var
	skip := make(map[*ast.Ident]bool) // s in s.log, where s holds tx but s.log cannot
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if x, ok := sel.X.(*ast.Ident); ok && len(m.roots(res, sel)) == 0 {
				if s, ok := info.Selections[sel]; ok && s.Kind() == types.FieldVal {
					skip[x] = true
				}
			}
		}
		id, ok := n.(*ast.Ident)
		if !ok || skip[id] {
			return true
		}
		v, ok := info.Uses[id].(*types.Var)
		if !ok || res[v] == nil || (v.Pos() >= lit.Pos() && v.Pos() < lit.End()) {
			return true
		}
		if r := res[v]; r.Pos() < lit.Pos() || r.Pos() >= lit.End() {
			if !slices.Contains(out, r) {
				out = append(out, r)
			}
		}
		return true
	})
	return out
}
