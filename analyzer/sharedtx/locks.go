package sharedtx

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// mutexOp returns the mutex that call locks (lock true) or unlocks: a
// method Lock or Unlock of sync.Mutex or sync.RWMutex, called directly or
// promoted through an embedding struct. The mutex is named by the
// variable or field its receiver expression ends in. RLock is no such
// operation: readers run at the same time.
func mutexOp(info *types.Info, call *ast.CallExpr) (mu types.Object, lock, ok bool) {
	sel, isSel := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !isSel {
		return nil, false, false
	}
	s, isMethod := info.Selections[sel]
	if !isMethod || s.Kind() != types.MethodVal || s.Obj().Pkg() == nil || s.Obj().Pkg().Path() != "sync" {
		return nil, false, false
	}
	recv := s.Obj().(*types.Func).Signature().Recv().Type()
	if p, isPtr := recv.(*types.Pointer); isPtr {
		recv = p.Elem()
	}
	if n, isNamed := recv.(*types.Named); !isNamed || n.Obj().Name() != "Mutex" && n.Obj().Name() != "RWMutex" {
		return nil, false, false
	}
	switch sel.Sel.Name {
	case "Lock":
		lock = true
	case "Unlock":
	default:
		return nil, false, false
	}
	switch x := ast.Unparen(sel.X).(type) {
	case *ast.Ident:
		mu = info.Uses[x]
	case *ast.SelectorExpr:
		mu = info.Uses[x.Sel]
	case *ast.UnaryExpr: // (&mu).Lock()
		if id, isIdent := ast.Unparen(x.X).(*ast.Ident); isIdent {
			mu = info.Uses[id]
		}
	}
	return mu, lock, mu != nil
}

// lockState is what a launched body's locks say about its uses of a resource.
type lockState uint8

const (
	guarded   lockState = iota // every use is in a critical section of one mutex
	unguarded                  // some use certainly runs outside any
	unsure                     // the locks' extent is not lexical (a nested function, a lock in a branch)
)

// lockGuard tells whether the launched function literal lit holds every
// use of root inside one critical section of one mutex (between its Lock
// and Unlock in one statement list, or after Lock with a deferred
// Unlock). A lock that only guards what the queries produce (a map, a
// slice) leaves the queries themselves running together: unguarded.
// The definition of a value derived from root (q := New(tx)) is no use:
// the derived value's own uses are checked.
func (a *analyzer) lockGuard(litCur inspector.Cursor, root *types.Var) lockState {
	info := a.pass.TypesInfo
	var mu types.Object
	g := guarded
	litCur.Inspect([]ast.Node{(*ast.AssignStmt)(nil), (*ast.Ident)(nil)}, func(c inspector.Cursor) bool {
		if g == unsure {
			return false
		}
		if as, ok := c.Node().(*ast.AssignStmt); ok {
			return !a.derivesOnly(as)
		}
		v, ok := info.Uses[c.Node().(*ast.Ident)].(*types.Var)
		if !ok || a.m.ResourceOf(v) != root {
			return true
		}
		held, how := heldMutex(info, litCur, c)
		switch {
		case how == unsure:
			g = unsure
		case how == unguarded:
			g = unguarded
		case mu == nil:
			mu = held
		case mu != held:
			g = unsure // two mutexes: which one orders the launches is not known
		}
		return true
	})
	return g
}

// derivesOnly reports whether as defines only values derived from a
// resource (q := New(tx)).
func (a *analyzer) derivesOnly(as *ast.AssignStmt) bool {
	for _, l := range as.Lhs {
		id, ok := l.(*ast.Ident)
		if !ok {
			return false
		}
		v, ok := a.pass.TypesInfo.Defs[id].(*types.Var)
		if !ok || a.m.ResourceOf(v) == nil {
			return false
		}
	}
	return true
}

// heldMutex returns the mutex locked around the use at cur, climbing the
// statement lists from cur to the launched literal at lit: in each, the
// last lock operation before the statement holding cur decides (Lock:
// held; Unlock: not); a deferred Unlock does not end the section. A lock
// operation nested in an earlier compound statement, or a function
// literal between lit and cur, makes the answer unsure.
func heldMutex(info *types.Info, lit, cur inspector.Cursor) (types.Object, lockState) {
	for c := cur; c != lit; c = c.Parent() {
		if _, ok := c.Node().(*ast.FuncLit); ok && c != cur {
			return nil, unsure
		}
		switch c.ParentEdgeKind() {
		case edge.BlockStmt_List, edge.CaseClause_Body, edge.CommClause_Body:
		default:
			continue
		}
		for prev, ok := c.PrevSibling(); ok; prev, ok = prev.PrevSibling() {
			switch s := prev.Node().(type) {
			case *ast.DeferStmt:
				continue
			case *ast.ExprStmt:
				if call, ok := s.X.(*ast.CallExpr); ok {
					if mu, lock, ok := mutexOp(info, call); ok {
						if lock {
							return mu, guarded
						}
						return nil, unguarded
					}
				}
			}
			if containsMutexOp(info, prev.Node()) {
				return nil, unsure
			}
		}
	}
	return nil, unguarded
}

func containsMutexOp(info *types.Info, n ast.Node) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if _, _, ok := mutexOp(info, call); ok {
				found = true
			}
		}
		return !found
	})
	return found
}

// unguardedRoots returns the resources of the launch l, in the function
// at fn, that its launched literal uses outside every critical section.
// A launched named function that locks is not followed: none.
func (a *analyzer) unguardedRoots(fn inspector.Cursor, l *launch) []*types.Var {
	lit, ok := ast.Unparen(l.fn).(*ast.FuncLit)
	if !ok {
		return nil
	}
	litCur, ok := fn.FindNode(lit)
	if !ok {
		return nil
	}
	var out []*types.Var
	for _, r := range l.roots {
		if a.lockGuard(litCur, r) == unguarded {
			out = append(out, r)
		}
	}
	return out
}
