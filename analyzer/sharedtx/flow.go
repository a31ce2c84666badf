package sharedtx

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/cfg"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/txvet/txvet/internal/flow"

	"github.com/txvet/txvet/internal/knowledge"
	"github.com/txvet/txvet/internal/model"
)

// overlap answers, for one function body, which launches and uses of a
// resource may run while a launch is still running: those reachable from
// the launch through the control-flow graph without passing a point where
// the function waits (a group's Wait, a channel operation, a lock), or where
// the resource variable is given a new value.
type overlap struct {
	info  *types.Info
	graph *flow.Graph
	facts map[ast.Node]*nodeFacts // per CFG node
}

// nodeFacts is what one CFG node (a statement or condition) does.
type nodeFacts struct {
	barrier  bool
	assigned map[*types.Var]bool // variables given a value here
	launches []*launch
	uses     []use
}

// use is a use of a resource by the launching function itself.
type use struct {
	root *types.Var
	pos  token.Pos
}

func newOverlap(a *analyzer, fn *model.Func, launches []*launch) *overlap {
	f := &overlap{
		info:  a.pass.TypesInfo,
		graph: fn.CFG(),
		facts: make(map[ast.Node]*nodeFacts),
	}
	for _, b := range f.graph.Blocks {
		for _, n := range b.Nodes {
			f.facts[n] = a.describe(n, launches)
		}
	}
	return f
}

// reach returns the launches and parent uses of root that may run while l
// runs: those reachable from l's node before a barrier or a new value of
// root. Reaching l itself means l runs again while it still runs (a loop).
func (f *overlap) reach(l *launch, root *types.Var) (launches []*launch, uses []use) {
	start, _, _, ok := f.graph.At(l.pos())
	if !ok {
		return nil, nil
	}
	f.graph.Walk(start, func(n ast.Node) flow.Step {
		nf := f.facts[n]
		if nf.barrier || nf.assigned[root] {
			return flow.Stop
		}
		for _, other := range nf.launches {
			if other.uses(root) {
				launches = append(launches, other)
			}
		}
		for _, u := range nf.uses {
			if u.root == root {
				uses = append(uses, u)
			}
		}
		return flow.Next
	}, func(b *cfg.Block) bool {
		// A new iteration of a loop that declares root has a new resource.
		return !definesPerIteration(f.info, b, root)
	}, nil)
	return launches, uses
}

// describe computes the facts of CFG node n.
func (a *analyzer) describe(n ast.Node, launches []*launch) *nodeFacts {
	nf := &nodeFacts{assigned: make(map[*types.Var]bool)}
	for _, l := range launches {
		if n.Pos() <= l.pos() && l.pos() < n.End() {
			nf.launches = append(nf.launches, l)
		}
	}
	if _, ok := n.(*ast.DeferStmt); ok {
		return nf // runs when the function returns, after any Wait
	}
	if a.rangeChans[n] {
		nf.barrier = true
	}
	ast.Inspect(n, func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.FuncLit:
			return a.syncCallback[x] // a callback run in place, not a closure stored for later
		case *ast.CallExpr:
			if a.launchCalls[x] {
				return false // its function runs in the goroutine, not here
			}
			if a.waits(x) {
				nf.barrier = true
			}
			a.recordUse(nf, x)
		case *ast.GoStmt:
			return false
		case *ast.UnaryExpr:
			if x.Op == token.ARROW {
				nf.barrier = true
			}
		case *ast.SendStmt:
			nf.barrier = true
		case *ast.AssignStmt:
			for _, l := range x.Lhs {
				a.recordAssign(nf, l)
			}
		case *ast.ValueSpec:
			for _, name := range x.Names {
				a.recordAssign(nf, name)
			}
		case *ast.Ident:
			// Range keys and values are nodes of their own.
			if x == n {
				a.recordAssign(nf, x)
			}
		}
		return true
	})
	return nf
}

func (a *analyzer) recordAssign(nf *nodeFacts, e ast.Expr) {
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		if v, ok := a.pass.TypesInfo.ObjectOf(id).(*types.Var); ok {
			nf.assigned[v] = true
		}
	}
}

// recordUse records the resources call works with: a method that may run
// a query on a resource or on a chain from it (tx.Exec(ctx, ...),
// tx.NewSelect().Scan(ctx), rows.Next()), and the arguments it hands over
// (listRows(ctx, tx)). Building a derived value (New(tx)) and reading an
// attribute (conn.PgConn().PID()) are not uses.
func (a *analyzer) recordUse(nf *nodeFacts, call *ast.CallExpr) {
	info := a.pass.TypesInfo
	if len(a.m.CallRoots(call)) > 0 && !isMethodOfRoot(a.m, call) {
		return // a constructor of a derived value
	}
	if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
		if s, ok := info.Selections[sel]; ok && s.Kind() == types.MethodVal {
			if roots := a.chainRoots(sel.X); len(roots) > 0 && doesWork(info, sel, s) {
				for _, r := range roots {
					nf.uses = append(nf.uses, use{root: r, pos: sel.X.Pos()})
				}
			}
		}
	}
	for _, e := range call.Args {
		for _, r := range a.m.Roots(e) {
			nf.uses = append(nf.uses, use{root: r, pos: e.Pos()})
		}
	}
}

// chainRoots returns the resources at the start of a method chain:
// tx in tx.NewSelect().Model(m).
func (a *analyzer) chainRoots(x ast.Expr) []*types.Var {
	for {
		if roots := a.m.Roots(x); len(roots) > 0 {
			return roots
		}
		call, ok := ast.Unparen(x).(*ast.CallExpr)
		if !ok {
			return nil
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok {
			return nil
		}
		x = sel.X
	}
}

// doesWork reports whether a method call may talk to the database: every
// method of a result set, statement or gorm handle, and otherwise one that
// takes a context, may fail, or returns rows or a connection.
func doesWork(info *types.Info, sel *ast.SelectorExpr, s *types.Selection) bool {
	recv := info.TypeOf(sel.X)
	if knowledge.IsBound(recv) || knowledge.IsGormDB(recv) {
		return true
	}
	sig, ok := s.Type().(*types.Signature)
	if !ok {
		return true
	}
	for p := range sig.Params().Variables() {
		if knowledge.IsContext(p.Type()) {
			return true
		}
	}
	for r := range sig.Results().Variables() {
		if types.Identical(r.Type(), types.Universe.Lookup("error").Type()) || model.CarriesConn(r.Type()) {
			return true
		}
	}
	return false
}

// isMethodOfRoot reports whether call is a method call on a resource or a
// value derived from it (tx.Query, gorm tx.Where): a use, even when its
// result is bound to the connection.
func isMethodOfRoot(m *model.Model, call *ast.CallExpr) bool {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	s, ok := m.Info.Selections[sel]
	return ok && s.Kind() == types.MethodVal && len(m.Roots(sel.X)) > 0
}

// waits reports whether call may block until another goroutine acts: a
// group's Wait, a lock, a condition variable, or a call handed a channel or
// something with a Wait method.
func (a *analyzer) waits(call *ast.CallExpr) bool {
	info := a.pass.TypesInfo
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if _, builtin := info.Uses[id].(*types.Builtin); builtin {
			return false // close(ch), len(ch): never block
		}
	}
	if _, ok := knowledge.WaitCall(info, call); ok {
		return true
	}
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if s, ok := info.Selections[sel]; ok && s.Kind() == types.MethodVal {
			// sync's locks and conditions, x/sync's semaphore, and their
			// look-alikes: a call that may wait for another goroutine.
			switch s.Obj().Name() {
			case "Lock", "RLock", "Wait", "Acquire":
				return true
			case "Do": // sync.Once: the others wait for the first
				if pkg := s.Obj().Pkg(); pkg != nil && pkg.Path() == "sync" {
					return true
				}
			}
		}
	}
	if f := typeutil.StaticCallee(info, call); f != nil && a.decl(f) != nil {
		return a.funcBlocking(f)&(waitsForOthers|drainsChannel|locksMutex) != 0 // its body tells
	}
	for _, arg := range call.Args {
		if t := info.TypeOf(arg); t != nil && waitable(t) {
			return true
		}
	}
	return false
}

// waitable reports whether a value of type t lets its holder wait for
// another goroutine: a channel, or a type with a Wait, Lock or Acquire
// method.
func waitable(t types.Type) bool {
	if _, ok := t.Underlying().(*types.Chan); ok {
		return true
	}
	for _, name := range []string{"Wait", "Lock", "Acquire"} {
		if obj, _, _ := types.LookupFieldOrMethod(t, true, nil, name); obj != nil {
			if _, ok := obj.(*types.Func); ok {
				return true
			}
		}
	}
	return false
}

// definesPerIteration reports whether entering block b starts a loop
// iteration with its own copy of v: a range or three-clause for loop that
// declares v.
func definesPerIteration(info *types.Info, b *cfg.Block, v *types.Var) bool {
	var defs []ast.Expr
	switch s := b.Stmt.(type) {
	case *ast.RangeStmt:
		if b.Kind == cfg.KindRangeBody && s.Tok == token.DEFINE {
			defs = []ast.Expr{s.Key, s.Value}
		}
	case *ast.ForStmt:
		if as, ok := s.Init.(*ast.AssignStmt); ok && b.Kind == cfg.KindForBody && as.Tok == token.DEFINE {
			defs = as.Lhs
		}
	}
	for _, e := range defs {
		if id, ok := e.(*ast.Ident); ok && info.Defs[id] == v {
			return true
		}
	}
	return false
}
