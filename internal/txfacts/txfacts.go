// Package txfacts infers, as analysis facts that cross package boundaries,
// two properties of the functions of the analyzed code:
//
//   - a function releases one of its parameters on every path, like
//     finish(tx *sql.Tx, err *error); `defer finish(tx, &err)` then owns
//     the release of tx (fact Releases);
//   - a function begins a transaction, calls one of its callback
//     parameters with it and then commits or rolls it back, like a
//     project's own WithTx(ctx, db, fn); the callback must not release the
//     transaction itself (fact RunsInTx).
//
// The inference is syntactic and cheap: one walk per function that has a
// resource or a callback parameter, and a control-flow graph only to
// check "on every path". Functions are not inferred from each other within
// one package, except through the known helpers of package knowledge.
package txfacts

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/txvet/txvet/internal/knowledge"
)

var Analyzer = &analysis.Analyzer{
	Name:       "txfacts",
	Doc:        "infer which functions release a transaction parameter or run a callback inside a transaction they own",
	Run:        run,
	FactTypes:  []analysis.Fact{new(Releases), new(RunsInTx)},
	ResultType: reflect.TypeFor[*Result](),
}

// ParamRelease says how a function releases one of its parameters on
// every path.
type ParamRelease struct {
	Index     int  // parameter index
	Commits   bool // some path commits
	RollsBack bool // some path rolls back, closes or gives back the resource
}

// Releases is the fact that a function releases some of its parameters on
// every path that returns. Params is sorted by Index.
type Releases struct{ Params []ParamRelease }

func (*Releases) AFact() {}

func (f *Releases) String() string {
	var parts []string
	for _, p := range f.Params {
		ops := []string{}
		if p.Commits {
			ops = append(ops, "commit")
		}
		if p.RollsBack {
			ops = append(ops, "rollback")
		}
		parts = append(parts, fmt.Sprintf("%d(%s)", p.Index, strings.Join(ops, "+")))
	}
	return "releases " + strings.Join(parts, " ")
}

// RunsInTx is the fact that a function begins a transaction, calls its
// argument number Callback with the transaction as the callback's
// parameter number TxParam, and then commits or rolls it back.
type RunsInTx struct{ Callback, TxParam int }

func (*RunsInTx) AFact() {}

func (f *RunsInTx) String() string {
	return fmt.Sprintf("runs callback %d in tx (param %d)", f.Callback, f.TxParam)
}

// Result answers, for the functions of the package and of its
// dependencies, what the facts say.
type Result struct {
	releases map[*types.Func]*Releases
	scopes   map[*types.Func]*RunsInTx
}

// Release reports whether fn releases its parameter i on every path.
func (r *Result) Release(fn *types.Func, i int) (ParamRelease, bool) {
	if f := r.releases[fn.Origin()]; f != nil {
		for _, p := range f.Params {
			if p.Index == i {
				return p, true
			}
		}
	}
	return ParamRelease{}, false
}

// ScopeCall reports whether call runs a callback inside a transaction the
// callee owns: a helper of package knowledge, or a function with a
// RunsInTx fact.
func (r *Result) ScopeCall(info *types.Info, call *ast.CallExpr) (knowledge.Scope, bool) {
	if sc, ok := knowledge.ScopeCall(info, call); ok {
		return sc, true
	}
	fn := StaticCallee(info, call)
	if fn == nil {
		return knowledge.Scope{}, false
	}
	f := r.scopes[fn.Origin()]
	if f == nil || f.Callback >= len(call.Args) {
		return knowledge.Scope{}, false
	}
	return knowledge.Scope{Callback: f.Callback, TxParam: f.TxParam}, true
}

// StaticCallee returns the function or method a call invokes, for calls
// whose arguments line up with the callee's parameters (not method
// expressions).
func StaticCallee(info *types.Info, call *ast.CallExpr) *types.Func {
	var id *ast.Ident
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		id = fun
	case *ast.SelectorExpr:
		if s, ok := info.Selections[fun]; ok && s.Kind() != types.MethodVal {
			return nil
		}
		id = fun.Sel
	case *ast.IndexExpr:
		id, _ = ast.Unparen(fun.X).(*ast.Ident)
	}
	if id == nil {
		return nil
	}
	fn, _ := info.Uses[id].(*types.Func)
	return fn
}

func run(pass *analysis.Pass) (any, error) {
	res := &Result{
		releases: make(map[*types.Func]*Releases),
		scopes:   make(map[*types.Func]*RunsInTx),
	}
	for _, of := range pass.AllObjectFacts() {
		fn, ok := of.Object.(*types.Func)
		if !ok {
			continue
		}
		switch f := of.Fact.(type) {
		case *Releases:
			res.releases[fn] = f
		case *RunsInTx:
			res.scopes[fn] = f
		}
	}
	// Releases first: RunsInTx uses them (defer finish(tx, &err)).
	var decls []*ast.FuncDecl
	for _, file := range pass.Files {
		for _, decl := range file.Decls {
			if fd, ok := decl.(*ast.FuncDecl); ok && fd.Body != nil {
				decls = append(decls, fd)
			}
		}
	}
	fnOf := func(fd *ast.FuncDecl) *types.Func {
		fn, _ := pass.TypesInfo.Defs[fd.Name].(*types.Func)
		return fn
	}
	for _, fd := range decls {
		if fn := fnOf(fd); fn != nil {
			if f := inferReleases(pass.TypesInfo, fd); f != nil {
				res.releases[fn] = f
				pass.ExportObjectFact(fn, f)
			}
		}
	}
	// A helper may wrap another helper of the same package: iterate until
	// nothing new is found, so that the result does not depend on the
	// order of declarations.
	for changed := true; changed; {
		changed = false
		for _, fd := range decls {
			fn := fnOf(fd)
			if fn == nil || res.scopes[fn] != nil {
				continue
			}
			if f := inferRunsInTx(pass.TypesInfo, res, fd); f != nil {
				res.scopes[fn] = f
				pass.ExportObjectFact(fn, f)
				changed = true
			}
		}
	}
	return res, nil
}

// Params returns the parameter objects of a function declaration, in
// order; unnamed parameters are nil.
func Params(info *types.Info, ft *ast.FuncType) []*types.Var {
	var vs []*types.Var
	for _, field := range ft.Params.List {
		if len(field.Names) == 0 {
			vs = append(vs, nil)
		}
		for _, name := range field.Names {
			v, _ := info.Defs[name].(*types.Var)
			vs = append(vs, v)
		}
	}
	return vs
}

// IsTxType reports whether t can hold a transaction: a transaction
// resource or a gorm *DB.
func IsTxType(t types.Type) bool {
	if r, ok := knowledge.Classify(t); ok {
		return r.Kind == knowledge.Tx
	}
	return knowledge.IsGormDB(t)
}

// inferReleases finds the resource parameters that fd releases on every
// path. A parameter that fd assigns or takes the address of is skipped.
func inferReleases(info *types.Info, fd *ast.FuncDecl) *Releases {
	var candidates []ParamRelease
	var vars []*types.Var
	for i, v := range Params(info, fd.Type) {
		if v == nil {
			continue
		}
		if _, ok := knowledge.Classify(v.Type()); ok || knowledge.IsGormDB(v.Type()) {
			candidates = append(candidates, ParamRelease{Index: i})
			vars = append(vars, v)
		}
	}
	if len(candidates) == 0 {
		return nil
	}
	var found []ParamRelease
	for k, p := range candidates {
		v := vars[k]
		p.Commits, p.RollsBack = ReleasesIn(info, fd.Body, v)
		if !p.Commits && !p.RollsBack || Written(info, fd.Body, v) {
			continue
		}
		g := NewCFG(info, fd.Body)
		if EveryPath(info, g, func(n ast.Node) bool {
			c, r := ReleasesIn(info, n, v)
			return c || r
		}) {
			found = append(found, p)
		}
	}
	if len(found) == 0 {
		return nil
	}
	return &Releases{Params: found}
}

// Written reports whether n assigns v or takes its address, looking into
// function literals too.
func Written(info *types.Info, n ast.Node, v *types.Var) bool {
	written := false
	ast.Inspect(n, func(n ast.Node) bool {
		written = written || Writes(info, n, v)
		return !written
	})
	return written
}

// Writes reports whether the node n itself (not its children) writes v:
// assigns it, increments it, ranges into it or takes its address. The
// declaration of v (`v := ...`) is not a write: in a loop, each iteration
// declares a new variable.
func Writes(info *types.Info, n ast.Node, v *types.Var) bool {
	var lhs []ast.Expr
	switch n := n.(type) {
	case *ast.AssignStmt:
		lhs = n.Lhs
	case *ast.RangeStmt:
		lhs = []ast.Expr{n.Key, n.Value}
	case *ast.IncDecStmt:
		lhs = []ast.Expr{n.X}
	case *ast.UnaryExpr:
		if n.Op == token.AND {
			lhs = []ast.Expr{n.X}
		}
	}
	for _, e := range lhs {
		if id, ok := ast.Unparen(e).(*ast.Ident); ok && info.Uses[id] == v {
			return true
		}
	}
	return false
}

// inferRunsInTx finds the first callback parameter that fd calls with a
// transaction it begins and later commits or rolls back, or hands to a
// known helper that does.
func inferRunsInTx(info *types.Info, res *Result, fd *ast.FuncDecl) *RunsInTx {
	ps := Params(info, fd.Type)
	callbacks := make(map[*types.Var]int)
	for i, v := range ps {
		if v == nil {
			continue
		}
		if sig, ok := v.Type().Underlying().(*types.Signature); ok && slices.ContainsFunc(tupleTypes(sig.Params()), IsTxType) {
			callbacks[v] = i
		}
	}
	if len(callbacks) == 0 {
		return nil
	}
	var best *RunsInTx
	consider := func(f RunsInTx) {
		if best == nil || f.Callback < best.Callback {
			best = &f
		}
	}
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		// A known helper given the callback parameter itself.
		if sc, ok := res.ScopeCall(info, call); ok {
			if i, ok := callbacks[IdentVar(info, call.Args[sc.Callback])]; ok {
				consider(RunsInTx{Callback: i, TxParam: sc.TxParam})
			}
		}
		// The callback parameter called with a transaction begun here.
		id, ok := ast.Unparen(call.Fun).(*ast.Ident)
		if !ok {
			return true
		}
		i, ok := callbacks[asVar(info.Uses[id])]
		if !ok {
			return true
		}
		for j, arg := range call.Args {
			t := IdentVar(info, arg)
			if t != nil && IsTxType(t.Type()) && Begun(info, fd.Body, t) && finishedAfter(info, res, fd.Body, t, call) {
				consider(RunsInTx{Callback: i, TxParam: j})
			}
		}
		return true
	})
	return best
}

func tupleTypes(t *types.Tuple) []types.Type {
	ts := make([]types.Type, t.Len())
	for i := range ts {
		ts[i] = t.At(i).Type()
	}
	return ts
}

func asVar(obj types.Object) *types.Var {
	v, _ := obj.(*types.Var)
	return v
}

// IdentVar returns the variable that e names, if e is an identifier.
func IdentVar(info *types.Info, e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	return asVar(info.ObjectOf(id))
}

// Begun reports whether every assignment to t in body comes from a call
// that begins a transaction (or returns a transaction type, for
// generated code), and there is at least one.
func Begun(info *types.Info, body *ast.BlockStmt, t *types.Var) bool {
	count, ok := 0, true
	ast.Inspect(body, func(n ast.Node) bool {
		if !ok {
			return false
		}
		var lhs []*ast.Ident
		var rhs []ast.Expr
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, e := range n.Lhs {
				id, _ := ast.Unparen(e).(*ast.Ident)
				lhs = append(lhs, id)
			}
			rhs = n.Rhs
		case *ast.ValueSpec:
			lhs, rhs = n.Names, n.Values
		default:
			if Writes(info, n, t) {
				ok = false
			}
			return true
		}
		for i, id := range lhs {
			if id == nil || info.ObjectOf(id) != t {
				continue
			}
			var src ast.Expr
			if len(rhs) == len(lhs) {
				src = rhs[i]
			} else if len(rhs) == 1 && i == 0 {
				src = rhs[0]
			}
			call, isCall := ast.Unparen(src).(*ast.CallExpr)
			if !isCall || !beginsTx(info, call) {
				ok = false
			}
			count++
		}
		return true
	})
	return ok && count > 0
}

// beginsTx reports whether call starts a transaction.
func beginsTx(info *types.Info, call *ast.CallExpr) bool {
	if knowledge.BeginCall(info, call) {
		return true
	}
	t := info.TypeOf(call)
	if tup, ok := t.(*types.Tuple); ok && tup.Len() > 0 {
		t = tup.At(0).Type()
	}
	r, ok := knowledge.Classify(t)
	return ok && r.Kind == knowledge.Tx
}

// finishedAfter reports whether body commits or rolls back t after call,
// or in a deferred call or function.
func finishedAfter(info *types.Info, res *Result, body *ast.BlockStmt, t *types.Var, call *ast.CallExpr) bool {
	finishes := func(c *ast.CallExpr) bool {
		if v, _, ok := Released(info, c); ok && v == t {
			return true
		}
		if fn := StaticCallee(info, c); fn != nil {
			for i, arg := range c.Args {
				if _, ok := res.Release(fn, i); ok && IdentVar(info, arg) == t {
					return true
				}
			}
		}
		return false
	}
	found := false
	var inDefer func(n ast.Node) bool
	inDefer = func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.DeferStmt:
			ast.Inspect(n.Call, func(m ast.Node) bool {
				if c, ok := m.(*ast.CallExpr); ok && finishes(c) {
					found = true
				}
				return !found
			})
			return false
		case *ast.CallExpr:
			if n.Pos() > call.End() && finishes(n) {
				found = true
			}
		}
		return true
	}
	ast.Inspect(body, inDefer)
	return found
}
