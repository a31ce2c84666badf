package knowledge

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/types/typeutil"
)

// Kind says what a resource holds.
type Kind uint8

const (
	Tx       Kind = iota + 1 // a transaction
	Conn                     // a single connection, closed by Close
	PoolConn                 // a connection borrowed from a pool, given back by Release
)

func (k Kind) String() string {
	switch k {
	case Tx:
		return "transaction"
	case Conn, PoolConn:
		return "connection"
	}
	return "resource"
}

// Op is a release operation.
type Op uint8

const (
	Commit Op = iota + 1
	Rollback
	Close
	Release
)

func (o Op) String() string {
	switch o {
	case Commit:
		return "Commit"
	case Rollback:
		return "Rollback"
	case Close:
		return "Close"
	case Release:
		return "Release"
	}
	return "?"
}

// Resource describes a type that owns one connection until released.
type Resource struct {
	Family string // "database/sql", "sqlx", "pgx", "gorm", "bun" or "generated"
	Kind   Kind
}

// Scope describes a helper that runs a callback inside a transaction it
// owns: Callback is the index of the callback among the call's arguments,
// TxParam the index of the transaction among the callback's parameters.
type Scope struct {
	Callback int
	TxParam  int
	// ChecksRollback: after a callback that returned an error, the helper
	// uses the result of its own rollback (returns it, joins it into its
	// error, stores it), so a transaction the callback already finished
	// adds ErrTxDone to what the caller gets. Every library helper drops
	// it; a project helper's fact says.
	ChecksRollback bool
	// Derived: the callback's parameter TxParam is not the transaction
	// but a value the helper derived from it (sqlc's Queries from New(tx)
	// or q.WithTx(tx)): it carries the transaction's connection.
	Derived bool
}

// keyOf names the defined type behind t, looking through one pointer,
// aliases and instantiation.
func keyOf(t types.Type) (typeKey, bool) {
	if t == nil {
		return typeKey{}, false
	}
	t = types.Unalias(t)
	if p, ok := t.(*types.Pointer); ok {
		t = types.Unalias(p.Elem())
	}
	n, ok := t.(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return typeKey{}, false
	}
	obj := n.Origin().Obj()
	return typeKey{obj.Pkg().Path(), obj.Name()}, true
}

// Classify reports whether values of type t are resources, and which.
// A gorm *DB is not classified: whether it is a transaction depends on
// where it came from (see IsGormDB).
func Classify(t types.Type) (Resource, bool) {
	k, ok := keyOf(t)
	if !ok {
		return Resource{}, false
	}
	if r, ok := resources[k]; ok {
		return r, true
	}
	if pools[k] || k == (typeKey{pathGorm, "DB"}) {
		return Resource{}, false
	}
	if hasErrorMethod(t, "Commit") && hasErrorMethod(t, "Rollback") {
		return Resource{Family: "generated", Kind: Tx}, true
	}
	return Resource{}, false
}

// hasErrorMethod reports whether t (or *t) has a method name() error.
func hasErrorMethod(t types.Type, name string) bool {
	if _, isPtr := types.Unalias(t).(*types.Pointer); !isPtr && !types.IsInterface(t) {
		t = types.NewPointer(t)
	}
	obj, _, _ := types.LookupFieldOrMethod(t, true, nil, name)
	fn, ok := obj.(*types.Func)
	if !ok {
		return false
	}
	sig := fn.Signature()
	return sig.Params().Len() == 0 && sig.Results().Len() == 1 &&
		types.Identical(sig.Results().At(0).Type(), types.Universe.Lookup("error").Type())
}

// IsGormDB reports whether t is gorm's *DB, which is a pool or, when it
// came from Begin or a Transaction callback, a transaction.
func IsGormDB(t types.Type) bool {
	k, ok := keyOf(t)
	return ok && k == typeKey{pathGorm, "DB"}
}

// IsPool reports whether t is a connection pool, safe for concurrent use.
func IsPool(t types.Type) bool {
	k, ok := keyOf(t)
	return ok && pools[k]
}

// IsHandle reports whether t is any database handle: a pool, a resource or
// a gorm *DB.
func IsHandle(t types.Type) bool {
	_, isResource := Classify(t)
	return isResource || IsPool(t) || IsGormDB(t)
}

// LooksLikeHandle reports whether the method set of t (or of *t) holds a
// method that runs a statement or begins a transaction (handleMethods):
// a project's own database wrapper, which a caller may use for database
// work even though it is no known handle.
func LooksLikeHandle(t types.Type) bool {
	if t == nil {
		return false
	}
	if _, isPtr := types.Unalias(t).(*types.Pointer); !isPtr && !types.IsInterface(t) {
		t = types.NewPointer(t)
	}
	ms := types.NewMethodSet(t)
	for _, name := range handleMethods {
		sel := ms.Lookup(nil, name)
		if sel == nil {
			continue
		}
		if strings.HasPrefix(name, "Begin") {
			return true
		}
		// Exec(query string, ...), QueryContext(ctx, query string, ...):
		// not url.URL's Query().
		params := sel.Obj().(*types.Func).Signature().Params()
		i := 0
		if params.Len() > 0 && IsContext(params.At(0).Type()) {
			i = 1
		}
		if i < params.Len() && types.Identical(params.At(i).Type().Underlying(), types.Typ[types.String]) {
			return true
		}
	}
	return false
}

// IsContext reports whether t is context.Context.
func IsContext(t types.Type) bool {
	k, ok := keyOf(t)
	return ok && k == typeKey{pathContext, "Context"}
}

// method returns the selector and method of a method call x.M(...), or nil.
func method(info *types.Info, call *ast.CallExpr) (*ast.SelectorExpr, *types.Func) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil, nil
	}
	s, ok := info.Selections[sel]
	if !ok || s.Kind() != types.MethodVal {
		return nil, nil
	}
	fn, _ := s.Obj().(*types.Func)
	return sel, fn
}

// recvKeys returns the keys under which a method call is looked up: the
// method's declared receiver (so promoted methods are found) and the static
// type of the receiver expression (so interfaces and embedding types are).
func recvKeys(info *types.Info, sel *ast.SelectorExpr, fn *types.Func) []typeKey {
	var keys []typeKey
	if recv := fn.Signature().Recv(); recv != nil {
		if k, ok := keyOf(recv.Type()); ok {
			keys = append(keys, k)
		}
	}
	if k, ok := keyOf(info.TypeOf(sel.X)); ok && (len(keys) == 0 || keys[0] != k) {
		keys = append(keys, k)
	}
	return keys
}

// ReleaseCall reports whether call releases a resource, returning the
// receiver expression and the operation. For a gorm *DB it reports Commit
// and Rollback; the caller decides whether that *DB is a transaction.
func ReleaseCall(info *types.Info, call *ast.CallExpr) (recv ast.Expr, op Op, ok bool) {
	sel, fn := method(info, call)
	if fn == nil {
		return nil, 0, false
	}
	t := info.TypeOf(sel.X)
	if IsGormDB(t) {
		op, ok = releaseMethods[Tx][fn.Name()]
		return sel.X, op, ok && len(call.Args) == 0
	}
	res, isResource := Classify(t)
	if !isResource {
		return nil, 0, false
	}
	op, ok = releaseMethods[res.Kind][fn.Name()]
	return sel.X, op, ok
}

// BeginCall reports whether call returns a new resource: a Begin, BeginTx,
// Conn or Acquire of a known library.
func BeginCall(info *types.Info, call *ast.CallExpr) bool {
	sel, fn := method(info, call)
	if fn == nil {
		return false
	}
	for _, k := range recvKeys(info, sel, fn) {
		for _, name := range beginMethods[k] {
			if name == fn.Name() {
				return true
			}
		}
	}
	return false
}

// ScopeCall reports whether call runs a callback in a transaction that the
// callee owns (gorm Transaction, pgx BeginFunc, bun RunInTx), and where the
// callback and its transaction parameter are. The callback argument is
// checked to be present.
func ScopeCall(info *types.Info, call *ast.CallExpr) (Scope, bool) {
	var (
		sc Scope
		ok bool
	)
	if sel, fn := method(info, call); fn != nil {
		for _, k := range recvKeys(info, sel, fn) {
			if sc, ok = scopedMethods[k][fn.Name()]; ok {
				break
			}
		}
	} else if fn, isFunc := typeutil.Callee(info, call).(*types.Func); isFunc && fn.Pkg() != nil {
		sc, ok = scopedFuncs[typeKey{fn.Pkg().Path(), fn.Name()}]
	}
	if !ok || sc.Callback >= len(call.Args) {
		return Scope{}, false
	}
	return sc, true
}

// groupCall matches a method call x.M() against a table keyed by receiver
// type, returning x.
func groupCall(info *types.Info, call *ast.CallExpr, table map[typeKey][]string) (ast.Expr, bool) {
	sel, fn := method(info, call)
	if fn == nil {
		return nil, false
	}
	for _, k := range recvKeys(info, sel, fn) {
		for _, name := range table[k] {
			if name == fn.Name() {
				return sel.X, true
			}
		}
	}
	return nil, false
}

// LaunchCall reports whether call starts its function argument on another
// goroutine (errgroup Go and TryGo, sync.WaitGroup.Go, conc), returning the
// group and the launched function.
func LaunchCall(info *types.Info, call *ast.CallExpr) (group, fn ast.Expr, ok bool) {
	group, ok = groupCall(info, call, launchMethods)
	if !ok || len(call.Args) != 1 {
		return nil, nil, false
	}
	return group, call.Args[0], true
}

// WaitCall reports whether call waits for every launch of a group.
func WaitCall(info *types.Info, call *ast.CallExpr) (group ast.Expr, ok bool) {
	return groupCall(info, call, waitMethods)
}

// LimitCall reports whether call bounds a group's concurrency, returning
// the group and the bound.
func LimitCall(info *types.Info, call *ast.CallExpr) (group, limit ast.Expr, ok bool) {
	group, ok = groupCall(info, call, limitMethods)
	if !ok || len(call.Args) != 1 {
		return nil, nil, false
	}
	return group, call.Args[0], true
}

// IsTxType reports whether t can hold a transaction: a transaction
// resource or a gorm *DB.
func IsTxType(t types.Type) bool {
	if r, ok := Classify(t); ok {
		return r.Kind == Tx
	}
	return IsGormDB(t)
}

// BeginsTx reports whether call starts a transaction: a BeginCall, a
// chain of gorm methods on one (db.Begin().WithContext(ctx)), or a call
// that returns a transaction type (generated code: ent's client.Tx(ctx)).
func BeginsTx(info *types.Info, call *ast.CallExpr) bool {
	if BeginCall(info, call) {
		return true
	}
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && IsGormDB(info.TypeOf(sel.X)) && IsGormDB(info.TypeOf(call)) {
		inner, ok := ast.Unparen(sel.X).(*ast.CallExpr)
		return ok && BeginsTx(info, inner)
	}
	t := info.TypeOf(call)
	if tup, ok := t.(*types.Tuple); ok && tup.Len() > 0 {
		t = tup.At(0).Type()
	}
	r, ok := Classify(t)
	return ok && r.Kind == Tx
}

// CountCall reports whether call counts a group's launches by hand
// (sync.WaitGroup's Add and Done), returning the group and the method's name.
func CountCall(info *types.Info, call *ast.CallExpr) (group ast.Expr, name string, ok bool) {
	group, ok = groupCall(info, call, countMethods)
	if !ok {
		return nil, "", false
	}
	_, fn := method(info, call)
	return group, fn.Name(), true
}
