package txfacts

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"slices"

	"golang.org/x/tools/go/analysis"

	"github.com/txvet/txvet/internal/dbcode"
	"github.com/txvet/txvet/internal/flow"
	"github.com/txvet/txvet/internal/knowledge"
	"github.com/txvet/txvet/internal/lifecycle"
	"github.com/txvet/txvet/internal/syntax"
)

// Ownership infers who owns the resources that functions of the analyzed
// code handle, as two more facts:
//
//   - a function borrows a resource parameter when it only uses it (calls
//     its methods, compares it with nil, passes it to functions that
//     borrow it) and neither releases nor keeps it: passing a transaction
//     to repo.Insert(ctx, tx, v) leaves it with the caller (fact Borrows);
//   - a function is a factory when it returns a resource it acquired:
//     calling it is an acquisition, and the caller owns the result (fact
//     Factory).
//
// txleak uses both to tell a resource kept to the function from one that
// escapes.
var Ownership = &analysis.Analyzer{
	Name:       "txownership",
	Doc:        "infer which functions only borrow a resource parameter and which return a resource they acquired",
	Run:        runOwnership,
	Requires:   []*analysis.Analyzer{dbcode.Analyzer, Analyzer},
	FactTypes:  []analysis.Fact{new(Borrows), new(Factory)},
	ResultType: reflect.TypeFor[*Owners](),
}

// Borrows is the fact that a function uses its parameters number Params
// (sorted), resources, without releasing or keeping them.
type Borrows struct{ Params []int }

func (*Borrows) AFact() {}

func (f *Borrows) String() string { return fmt.Sprintf("borrows %v", f.Params) }

// Factory is the fact that a function returns, as its result number
// Result, a resource it acquired. ErrResult is the index of its error
// result, -1 if it has none.
type Factory struct{ Result, ErrResult int }

func (*Factory) AFact() {}

func (f *Factory) String() string { return fmt.Sprintf("factory of result %d", f.Result) }

// Owners answers, for the functions of the package and its dependencies,
// what the ownership facts and the release facts say.
type Owners struct {
	Releases  *Result
	borrows   map[*types.Func]*Borrows
	factories map[*types.Func]*Factory
}

// Borrows reports whether fn borrows its parameter i: a library function
// (knowledge.Borrows) or a function with a Borrows fact.
func (o *Owners) Borrows(fn *types.Func, i int) bool {
	if knowledge.Borrows(fn) {
		return true
	}
	f := o.borrows[fn.Origin()]
	return f != nil && slices.Contains(f.Params, i)
}

// An Acquisition is a call that returns a new resource.
type Acquisition struct {
	Result    int // index of the resource among the call's results
	ErrResult int // index of the error result, -1 if none
}

// Acquisition reports whether call returns a new resource its caller
// must release: a library acquisition (knowledge.AcquireCall) or a call
// of a factory.
func (o *Owners) Acquisition(info *types.Info, call *ast.CallExpr) (Acquisition, bool) {
	if knowledge.AcquireCall(info, call) {
		a := Acquisition{ErrResult: -1}
		if tup, ok := info.TypeOf(call).(*types.Tuple); ok && tup.Len() == 2 && isError(tup.At(1).Type()) {
			a.ErrResult = 1
		}
		return a, true
	}
	if fn := syntax.StaticCallee(info, call); fn != nil {
		if f := o.factories[fn.Origin()]; f != nil {
			return Acquisition{Result: f.Result, ErrResult: f.ErrResult}, true
		}
	}
	return Acquisition{}, false
}

func isError(t types.Type) bool {
	return types.Identical(t, types.Universe.Lookup("error").Type())
}

// Usage says what a function body does with a resource variable.
type Usage struct {
	// Escapes: the body may hand the resource to code that keeps it
	// (returns it, stores it, sends it, captures it in a function
	// literal other than a deferred one, passes it to a function not
	// known to borrow or release it, takes its address), or writes the
	// variable other than by an acquisition (AcquiredBy).
	Escapes bool
	// Releases: some call releases it (a release method, a function
	// known to release the parameter).
	Releases bool
	// OnlyCommits: every release is an explicit Commit, none deferred.
	OnlyCommits bool
	// PartialDefer: a deferred function releases it on some paths only.
	PartialDefer bool
	// AcquiredBy are the statements that assign it an acquisition.
	AcquiredBy []ast.Stmt
}

// Usage reports how body, a function body in which v is declared or a
// parameter, uses v. Function literals inside body are looked into: the
// resource escapes into any but a deferred one.
func (o *Owners) Usage(info *types.Info, body *ast.BlockStmt, v *types.Var) Usage {
	u := Usage{OnlyCommits: true}
	stack := make([]ast.Node, 0, 32)
	ast.PreorderStack(body, stack, func(n ast.Node, stack []ast.Node) bool {
		if u.Escapes {
			return false
		}
		if d, ok := n.(*ast.DeferStmt); ok {
			if lit, ok := d.Call.Fun.(*ast.FuncLit); ok && len(d.Call.Args) == 0 {
				if k := o.releasesIn(info, lit.Body, v); k.Any() {
					u.Releases, u.OnlyCommits = true, false
					if !o.EveryPathReleases(info, lit.Body, v) {
						u.PartialDefer = true
					}
				}
			}
			return true
		}
		id, ok := n.(*ast.Ident)
		if !ok || info.ObjectOf(id) != v {
			return true
		}
		if id.Pos() == v.Pos() && len(stack) > 0 {
			if _, isField := stack[len(stack)-1].(*ast.Field); isField {
				return true // the parameter's declaration
			}
		}
		o.classifyUse(info, id, stack, v, &u)
		return true
	})
	return u
}

// classifyUse classifies one occurrence id of v, whose ancestors are
// stack, into u.
func (o *Owners) classifyUse(info *types.Info, id *ast.Ident, stack []ast.Node, v *types.Var, u *Usage) {
	// Inside a function literal, only a deferred one (which runs in this
	// function, at its exit) keeps the resource here.
	for i := len(stack) - 1; i >= 0; i-- {
		lit, ok := stack[i].(*ast.FuncLit)
		if !ok {
			continue
		}
		if i < 2 {
			u.Escapes = true
			return
		}
		call, ok := stack[i-1].(*ast.CallExpr)
		if !ok || call.Fun != lit {
			u.Escapes = true
			return
		}
		if d, ok := stack[i-2].(*ast.DeferStmt); !ok || d.Call != call {
			u.Escapes = true
			return
		}
	}
	parent := stack[len(stack)-1]
	switch p := parent.(type) {
	case *ast.SelectorExpr: // tx.Exec(...), tx.Error
		if o.selectorUse(info, p, stack[:len(stack)-1], v, u) {
			return
		}
	case *ast.CallExpr: // f(ctx, tx)
		if o.argUse(info, p, id, v, u) {
			return
		}
	case *ast.BinaryExpr: // tx != nil
		if (p.Op == token.EQL || p.Op == token.NEQ) && (info.Types[p.X].IsNil() || info.Types[p.Y].IsNil()) {
			return
		}
	case *ast.AssignStmt: // tx, err := db.Begin()
		if slices.Contains(p.Lhs, ast.Expr(id)) && o.acquires(info, p.Rhs, len(p.Lhs), slices.Index(p.Lhs, ast.Expr(id))) {
			u.AcquiredBy = append(u.AcquiredBy, p)
			return
		}
	case *ast.ValueSpec: // var tx, err = db.Begin()
		if i := slices.Index(p.Names, id); i >= 0 && len(stack) >= 3 {
			if d, ok := stack[len(stack)-3].(*ast.DeclStmt); ok && o.acquires(info, p.Values, len(p.Names), i) {
				u.AcquiredBy = append(u.AcquiredBy, d)
				return
			}
			if len(p.Values) == 0 {
				return // var tx *sql.Tx: the zero value
			}
		}
	}
	u.Escapes = true
}

// acquires reports whether the right-hand side rhs of an assignment to n
// variables assigns an acquired resource to variable number i.
func (o *Owners) acquires(info *types.Info, rhs []ast.Expr, n, i int) bool {
	var call *ast.CallExpr
	var result int
	switch {
	case len(rhs) == 1 && n > 1:
		call, _ = ast.Unparen(rhs[0]).(*ast.CallExpr)
		result = i
	case len(rhs) == n:
		call, _ = ast.Unparen(rhs[i]).(*ast.CallExpr)
	}
	if call == nil {
		return false
	}
	a, ok := o.Acquisition(info, call)
	return ok && a.Result == result
}

// selectorUse handles v.X: a method call, or a field read that carries no
// handle. It reports whether the use keeps v in the function.
func (o *Owners) selectorUse(info *types.Info, sel *ast.SelectorExpr, stack []ast.Node, v *types.Var, u *Usage) bool {
	s, ok := info.Selections[sel]
	if !ok {
		return false
	}
	if s.Kind() == types.FieldVal {
		// gorm's tx.Error and tx.RowsAffected; any other field (an
		// embedded *sql.Tx, gorm's Statement.ConnPool) may carry the
		// connection.
		return isPlainValue(s.Type())
	}
	if s.Kind() != types.MethodVal || len(stack) == 0 {
		return false
	}
	if !sel.Sel.IsExported() {
		// An unexported method, inside the library itself (pgxpool's
		// c.getPoolRows(rows)), may hand the resource over.
		return false
	}
	call, ok := stack[len(stack)-1].(*ast.CallExpr)
	if !ok || call.Fun != sel {
		return false // a method value: return tx.Commit, nil
	}
	if _, op, ok := knowledge.ReleaseCall(info, call); ok {
		u.Releases = true
		if op != knowledge.Commit {
			u.OnlyCommits = false
		}
		if len(stack) >= 2 {
			if _, ok := stack[len(stack)-2].(*ast.DeferStmt); ok {
				u.OnlyCommits = false
			}
		}
		return true
	}
	if _, ok := o.Acquisition(info, call); ok {
		return true // a savepoint: a resource of its own
	}
	t := info.TypeOf(call)
	return !carriesHandle(t) && !handsBack(t, v.Type()) || resultDropped(info, call, stack[:len(stack)-1])
}

// isPlainValue reports whether a field of type t cannot hold a
// connection: an error or a basic type.
func isPlainValue(t types.Type) bool {
	if isError(t) {
		return true
	}
	_, basic := t.Underlying().(*types.Basic)
	return basic
}

// handsBack reports whether a value of type t (or the first of a tuple)
// has a method without parameters that returns a value of type res: the
// batch results of a pgx transaction give it back (br.Tx()), and their
// holder can release it.
func handsBack(t, res types.Type) bool {
	if tup, ok := t.(*types.Tuple); ok {
		if tup.Len() == 0 {
			return false
		}
		t = tup.At(0).Type()
	}
	ms := types.NewMethodSet(t)
	if _, isPtr := t.Underlying().(*types.Pointer); !isPtr && !types.IsInterface(t) {
		ms = types.NewMethodSet(types.NewPointer(t))
	}
	for sel := range ms.Methods() {
		sig, ok := sel.Type().(*types.Signature)
		if ok && sig.Params().Len() == 0 && sig.Results().Len() > 0 && types.Identical(sig.Results().At(0).Type(), res) {
			return true
		}
	}
	return false
}

// carriesHandle reports whether a value of type t (or the first of a
// tuple) is a database handle: gorm's chained *DB, pgx's tx.Conn().
func carriesHandle(t types.Type) bool {
	if tup, ok := t.(*types.Tuple); ok {
		if tup.Len() == 0 {
			return false
		}
		t = tup.At(0).Type()
	}
	return knowledge.IsHandle(t)
}

// resultDropped reports whether the handle that call returns is dropped
// (a statement of its own, `_ =`) or only read for a field without a
// handle (gorm's .Error), also at the end of a chain of such calls
// (tx.Where(...).Delete(...).Error).
func resultDropped(info *types.Info, _ *ast.CallExpr, stack []ast.Node) bool {
	for len(stack) > 0 {
		switch p := stack[len(stack)-1].(type) {
		case *ast.ExprStmt:
			return true
		case *ast.AssignStmt:
			for _, l := range p.Lhs {
				if id, ok := l.(*ast.Ident); !ok || id.Name != "_" {
					return false
				}
			}
			return true
		case *ast.SelectorExpr:
			s, ok := info.Selections[p]
			if !ok {
				return false
			}
			if s.Kind() == types.FieldVal {
				return !carriesHandle(s.Type())
			}
			if len(stack) < 2 {
				return false
			}
			next, ok := stack[len(stack)-2].(*ast.CallExpr)
			if !ok || next.Fun != p {
				return false
			}
			if !carriesHandle(info.TypeOf(next)) {
				return true
			}
			stack = stack[:len(stack)-2]
			continue
		}
		return false
	}
	return false
}

// argUse handles f(..., v, ...). It reports whether the use keeps v in the
// function.
func (o *Owners) argUse(info *types.Info, call *ast.CallExpr, id *ast.Ident, v *types.Var, u *Usage) bool {
	i := slices.Index(call.Args, ast.Expr(id))
	if i < 0 || (call.Ellipsis.IsValid() && i == len(call.Args)-1) {
		return false
	}
	fn := syntax.StaticCallee(info, call)
	if fn == nil {
		return false
	}
	if pr, ok := o.Releases.Release(fn, i); ok {
		u.Releases = true
		if pr.RollsBack {
			u.OnlyCommits = false
		}
		return true
	}
	return o.Borrows(fn, i)
}

// releasesIn reports how n releases v: release methods and functions
// known to release the parameter, not looking into function literals.
func (o *Owners) releasesIn(info *types.Info, n ast.Node, v *types.Var) lifecycle.ReleaseKinds {
	k := lifecycle.ReleasesIn(info, n, v)
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if fn := syntax.StaticCallee(info, n); fn != nil {
				for i, arg := range n.Args {
					if pr, ok := o.Releases.Release(fn, i); ok && syntax.IdentVar(info, arg) == v {
						k.Commits = k.Commits || pr.Commits
						k.RollsBack = k.RollsBack || pr.RollsBack
					}
				}
			}
		}
		return true
	})
	return k
}

// EveryPathReleases reports whether every path through body that returns
// releases v.
func (o *Owners) EveryPathReleases(info *types.Info, body *ast.BlockStmt, v *types.Var) bool {
	return flow.New(info, body).EveryPath(nil, func(n ast.Node) bool { return o.releasesIn(info, n, v).Any() })
}

// ReleasesAt reports whether the node n of a control-flow graph releases
// v: it calls a release method of v or a function known to release it,
// or it defers such a call or a function that releases v on every path.
func (o *Owners) ReleasesAt(info *types.Info, n ast.Node, v *types.Var) bool {
	if d, ok := n.(*ast.DeferStmt); ok {
		if lit, ok := d.Call.Fun.(*ast.FuncLit); ok && len(d.Call.Args) == 0 {
			return o.EveryPathReleases(info, lit.Body, v)
		}
	}
	return o.releasesIn(info, n, v).Any()
}

func runOwnership(pass *analysis.Pass) (any, error) {
	o := &Owners{
		Releases:  pass.ResultOf[Analyzer].(*Result),
		borrows:   make(map[*types.Func]*Borrows),
		factories: make(map[*types.Func]*Factory),
	}
	for _, of := range pass.AllObjectFacts() {
		fn, ok := of.Object.(*types.Func)
		if !ok {
			continue
		}
		switch f := of.Fact.(type) {
		case *Borrows:
			o.borrows[fn] = f
		case *Factory:
			o.factories[fn] = f
		}
	}
	if isDependency(pass.Module) || !pass.ResultOf[dbcode.Analyzer].(*dbcode.Result).Relevant {
		return o, nil
	}
	type decl struct {
		fd *ast.FuncDecl
		fn *types.Func
	}
	var decls []decl
	for _, file := range pass.Files {
		for _, d := range file.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
				if fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
					decls = append(decls, decl{fd, fn})
				}
			}
		}
	}
	// A function may borrow through, or return the resource of, another
	// function of the package: iterate to a fixed point, so that the
	// result does not depend on the order of declarations.
	for changed := true; changed; {
		changed = false
		for _, d := range decls {
			if o.borrows[d.fn] == nil {
				if f := o.inferBorrows(pass.TypesInfo, d.fd); f != nil {
					o.borrows[d.fn] = f
					changed = true
				}
			}
			if o.factories[d.fn] == nil {
				if f := o.inferFactory(pass.TypesInfo, d.fd); f != nil {
					o.factories[d.fn] = f
					changed = true
				}
			}
		}
	}
	for _, d := range decls {
		if f := o.borrows[d.fn]; f != nil {
			pass.ExportObjectFact(d.fn, f)
		}
		if f := o.factories[d.fn]; f != nil {
			pass.ExportObjectFact(d.fn, f)
		}
	}
	return o, nil
}

// isResourceType reports whether t can hold a resource.
func isResourceType(t types.Type) bool {
	_, ok := knowledge.Classify(t)
	return ok || knowledge.IsGormDB(t)
}

// inferBorrows finds the resource parameters that fd only uses.
func (o *Owners) inferBorrows(info *types.Info, fd *ast.FuncDecl) *Borrows {
	var params []int
	for i, v := range syntax.Params(info, fd.Type) {
		if v == nil || !isResourceType(v.Type()) {
			continue
		}
		if u := o.Usage(info, fd.Body, v); !u.Escapes && !u.Releases && len(u.AcquiredBy) == 0 {
			params = append(params, i)
		}
	}
	if len(params) == 0 {
		return nil
	}
	return &Borrows{Params: params}
}

// inferFactory finds the resource result that every return of fd gives
// as nil or as a resource fd acquired, at least one as the latter.
func (o *Owners) inferFactory(info *types.Info, fd *ast.FuncDecl) *Factory {
	fn, _ := info.Defs[fd.Name].(*types.Func)
	if fn == nil {
		return nil
	}
	results := fn.Signature().Results()
	errResult := -1
	if n := results.Len(); n > 0 && isError(results.At(n-1).Type()) {
		errResult = n - 1
	}
	for i := range results.Len() {
		if !isResourceType(results.At(i).Type()) || i == errResult {
			continue
		}
		if o.returnsAcquired(info, fd, results, i) {
			return &Factory{Result: i, ErrResult: errResult}
		}
	}
	return nil
}

// returnsAcquired reports whether every return of fd gives, as result i,
// nil or a resource acquired in fd, and some return the latter.
func (o *Owners) returnsAcquired(info *types.Info, fd *ast.FuncDecl, results *types.Tuple, i int) bool {
	acquired := make(map[*types.Var]bool) // variables that hold only acquisitions
	holdsAcquired := func(v *types.Var) bool {
		if v == nil {
			return false
		}
		ok, seen := acquired[v]
		if !seen {
			ok = syntax.EveryAssignment(info, fd.Body, v, func(e ast.Expr) bool { return o.acquisitionResult(info, e, 0) })
			acquired[v] = ok
		}
		return ok
	}
	some, all := false, true
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if !all {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			var e ast.Expr
			switch len(n.Results) {
			case 0: // a bare return of named results
				if v := results.At(i); v.Name() != "" && holdsAcquired(v) {
					some = true
				} else {
					all = false
				}
				return false
			case results.Len():
				e = n.Results[i]
			case 1: // return db.BeginTx(ctx, nil)
				if o.acquisitionResult(info, n.Results[0], i) {
					some = true
				} else {
					all = false
				}
				return false
			}
			switch {
			case info.Types[e].IsNil():
			case holdsAcquired(syntax.IdentVar(info, e)):
				some = true
			case results.Len() == 1 && o.acquisitionResult(info, e, 0): // return db.Begin() (gorm)
				some = true
			default:
				all = false
			}
			return false
		}
		return true
	})
	return some && all
}

// acquisitionResult reports whether e is a call that acquires a resource
// as its result number i.
func (o *Owners) acquisitionResult(info *types.Info, e ast.Expr, i int) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	a, ok := o.Acquisition(info, call)
	return ok && a.Result == i
}
