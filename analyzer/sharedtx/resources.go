package sharedtx

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/txvet/txvet/internal/knowledge"
)

// resources maps each local variable that holds a resource, or a value
// derived from one, to the resource variable it leads back to (its root).
// A root maps to itself.
type resources map[*types.Var]*types.Var

// findResources walks every variable definition of the package in source
// order, so that a derived value's root is known before it is used.
func findResources(info *types.Info, root inspector.Cursor) resources {
	assigned, addressed := countAssignments(info, root)
	res := make(resources)
	for c := range root.Preorder((*ast.Ident)(nil)) {
		id := c.Node().(*ast.Ident)
		v, ok := info.Defs[id].(*types.Var)
		if !ok || v.IsField() || v.Parent() == nil || v.Parent() == v.Pkg().Scope() || addressed[v] {
			continue // struct fields and package variables are not followed
		}
		init, isParam := definition(info, c)
		if init != nil {
			if rs := res.roots(info, init); len(rs) == 1 && assigned[v] == 1 {
				res[v] = rs[0] // derived: sqlc New(tx), tx.Query, Store{tx: tx}, t := tx
				continue
			}
		}
		if isResourceVar(info, v, init) || (isParam && isScopeParam(info, c)) {
			res[v] = v
		}
	}
	return res
}

// isResourceVar reports whether v is a resource by its type, or a gorm *DB
// initialized from Begin.
func isResourceVar(info *types.Info, v *types.Var, init ast.Expr) bool {
	if _, ok := knowledge.Classify(v.Type()); ok {
		return true
	}
	return knowledge.IsGormDB(v.Type()) && init != nil && gormBegins(info, init)
}

// gormBegins reports whether e is db.Begin(), possibly followed by gorm
// chain methods (db.Begin().WithContext(ctx)).
func gormBegins(info *types.Info, e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	if knowledge.BeginCall(info, call) {
		return true
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	return ok && knowledge.IsGormDB(info.TypeOf(sel.X)) && knowledge.IsGormDB(info.TypeOf(call)) && gormBegins(info, sel.X)
}

// definition returns the expression a defining identifier is initialized
// with (nil if none, or not a single value) and whether it is a parameter.
func definition(info *types.Info, id inspector.Cursor) (init ast.Expr, isParam bool) {
	parent := id.Parent()
	switch kind, idx := id.ParentEdge(); kind {
	case edge.AssignStmt_Lhs:
		as := parent.Node().(*ast.AssignStmt)
		if len(as.Lhs) == len(as.Rhs) {
			return as.Rhs[idx], false
		}
		if len(as.Rhs) == 1 {
			return multiValue(info, as.Rhs[0], idx), false
		}
	case edge.ValueSpec_Names:
		vs := parent.Node().(*ast.ValueSpec)
		if len(vs.Names) == len(vs.Values) {
			return vs.Values[idx], false
		}
		if len(vs.Values) == 1 {
			return multiValue(info, vs.Values[0], idx), false
		}
	case edge.Field_Names:
		return nil, parent.ParentEdgeKind() == edge.FieldList_List && parent.Parent().ParentEdgeKind() == edge.FuncType_Params
	}
	return nil, false
}

// multiValue returns the call of `rows, err := tx.Query(...)` for its
// first result, the only one that may carry the connection.
func multiValue(info *types.Info, e ast.Expr, idx int) ast.Expr {
	if _, ok := ast.Unparen(e).(*ast.CallExpr); ok && idx == 0 {
		return e
	}
	return nil
}

// isScopeParam reports whether the parameter identifier at id is the
// transaction parameter of a callback run by a scoped helper, such as gorm's
// db.Transaction(func(tx *gorm.DB) error {...}): the one way besides Begin
// that a *gorm.DB is a transaction.
func isScopeParam(info *types.Info, id inspector.Cursor) bool {
	v := info.Defs[id.Node().(*ast.Ident)].(*types.Var)
	if !knowledge.IsGormDB(v.Type()) {
		return false // other libraries' transactions are resources by type
	}
	fields := id.Parent().Parent() // Field -> FieldList
	lit, ok := fields.Parent().Parent().Node().(*ast.FuncLit)
	if !ok || fields.Parent().Parent().ParentEdgeKind() != edge.CallExpr_Args {
		return false
	}
	call := fields.Parent().Parent().Parent().Node().(*ast.CallExpr)
	sc, ok := knowledge.ScopeCall(info, call)
	if !ok || call.Args[sc.Callback] != lit {
		return false
	}
	sig, ok := info.TypeOf(lit).(*types.Signature)
	return ok && sc.TxParam < sig.Params().Len() && sig.Params().At(sc.TxParam) == v
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

// roots returns the resources whose connection the value of e carries into
// wherever it goes: the resource itself, a value derived from it, a
// closure that refers to either, a struct holding one.
func (res resources) roots(info *types.Info, e ast.Expr) []*types.Var {
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
			add(res.roots(info, e.X)...)
		}
	case *ast.StarExpr:
		add(res.roots(info, e.X)...)
	case *ast.CompositeLit:
		for _, elt := range e.Elts {
			if kv, ok := elt.(*ast.KeyValueExpr); ok {
				elt = kv.Value
			}
			add(res.roots(info, elt)...)
		}
	case *ast.FuncLit:
		add(res.freeRoots(info, e)...)
	case *ast.SelectorExpr:
		sel, ok := info.Selections[e]
		switch {
		case !ok:
		case sel.Kind() == types.MethodVal:
			add(res.roots(info, e.X)...) // a bound method value
		case sel.Kind() == types.FieldVal:
			for _, r := range res.roots(info, e.X) {
				if canHold(sel.Type(), r.Type()) {
					add(r) // s.tx of s := Store{tx: tx}, not s.log
				}
			}
		}
	case *ast.CallExpr:
		add(res.callRoots(info, e)...)
	}
	return out
}

// callRoots handles the derivations by call: a method of a resource that
// returns a value bound to its connection (tx.Query, tx.Stmt, pgx
// tx.Begin, gorm chains), and a constructor whose result holds its
// resource argument (sqlc New(tx) and q.WithTx(tx)).
func (res resources) callRoots(info *types.Info, call *ast.CallExpr) []*types.Var {
	result := info.TypeOf(call)
	if tuple, ok := result.(*types.Tuple); ok && tuple.Len() > 0 {
		result = tuple.At(0).Type() // rows, err := tx.Query(...)
	}
	if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
		if s, ok := info.Selections[sel]; ok && s.Kind() == types.MethodVal {
			if recv := res.roots(info, sel.X); len(recv) > 0 && carriesConn(result) {
				return recv
			}
		}
	}
	var out []*types.Var
	for _, arg := range call.Args {
		for _, r := range res.roots(info, arg) {
			if holds(result, r.Type()) && !slices.Contains(out, r) {
				out = append(out, r)
			}
		}
	}
	return out
}

// carriesConn reports whether a resource method's result keeps using its
// connection.
func carriesConn(t types.Type) bool {
	_, isResource := knowledge.Classify(t)
	return isResource || knowledge.IsBound(t) || knowledge.IsGormDB(t)
}

// holds reports whether t is a struct, or pointer to one, with a field that
// can store a value of type r: the field's type is r itself, or a non-empty
// interface r implements (sqlc's DBTX).
func holds(t, r types.Type) bool {
	if t == nil {
		return false
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for f := range st.Fields() {
		ft := f.Type()
		if types.Identical(ft, r) {
			return true
		}
		if it, ok := ft.Underlying().(*types.Interface); ok && it.NumMethods() > 0 && types.AssignableTo(r, ft) {
			return true
		}
	}
	return false
}

// canHold reports whether a value of type t can be, or carry, resource r.
func canHold(t, r types.Type) bool {
	if types.Identical(t, r) || carriesConn(t) || holds(t, r) {
		return true
	}
	it, ok := t.Underlying().(*types.Interface)
	return ok && it.NumMethods() > 0 && types.AssignableTo(r, t)
}

// freeRoots returns the resources a function literal refers to from the
// enclosing function.
func (res resources) freeRoots(info *types.Info, lit *ast.FuncLit) []*types.Var {
	var out []*types.Var
	skip := make(map[*ast.Ident]bool) // s in s.log, where s holds tx but s.log cannot
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if x, ok := sel.X.(*ast.Ident); ok && len(res.roots(info, sel)) == 0 {
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
