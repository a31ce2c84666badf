package txfacts

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/cfg"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/txvet/txvet/internal/knowledge"
)

// NewCFG builds the control-flow graph of body. Calls to panic, os.Exit,
// log.Fatal, t.Fatal and friends end their path.
func NewCFG(info *types.Info, body *ast.BlockStmt) *cfg.CFG {
	return cfg.New(body, func(call *ast.CallExpr) bool { return mayReturn(info, call) })
}

// noReturn lists functions that never return, by package path and name,
// and whether the deferred calls of their caller run (a panic) or not
// (the process exits).
var noReturn = map[[2]string]Ending{
	{"os", "Exit"}:        Exits,
	{"log", "Fatal"}:      Exits,
	{"log", "Fatalf"}:     Exits,
	{"log", "Fatalln"}:    Exits,
	{"log", "Panic"}:      Panics,
	{"log", "Panicf"}:     Panics,
	{"log", "Panicln"}:    Panics,
	{"runtime", "Goexit"}: Panics,
}

// testEnds are the methods of package testing's T, B, F and TB that end
// the test through runtime.Goexit: deferred calls run.
var testEnds = map[string]bool{
	"Fatal": true, "Fatalf": true, "FailNow": true,
	"Skip": true, "Skipf": true, "SkipNow": true,
}

// Ending says how a block of a control-flow graph ends.
type Ending uint8

const (
	Continues Ending = iota // it has successors
	Returns                 // a return, or the end of the body
	Panics                  // a call that unwinds the stack: deferred calls run
	Exits                   // a call that ends the process: deferred calls do not run
)

func ending(info *types.Info, call *ast.CallExpr) Ending {
	switch fn := typeutil.Callee(info, call).(type) {
	case *types.Builtin:
		if fn.Name() == "panic" {
			return Panics
		}
	case *types.Func:
		switch {
		case fn.Pkg() == nil:
		case fn.Signature().Recv() == nil:
			if e, ok := noReturn[[2]string{fn.Pkg().Path(), fn.Name()}]; ok {
				return e
			}
		case fn.Pkg().Path() == "testing" && testEnds[fn.Name()]:
			return Panics
		}
	}
	return Continues
}

func mayReturn(info *types.Info, call *ast.CallExpr) bool {
	return ending(info, call) == Continues
}

// EndOf says how the block b ends.
func EndOf(info *types.Info, b *cfg.Block) Ending {
	if len(b.Succs) > 0 {
		return Continues
	}
	if n := len(b.Nodes); n > 0 {
		if es, ok := b.Nodes[n-1].(*ast.ExprStmt); ok {
			if call, ok := ast.Unparen(es.X).(*ast.CallExpr); ok {
				if e := ending(info, call); e != Continues {
					return e
				}
			}
		}
	}
	return Returns
}

// EveryPath reports whether every path from the entry of g to a normal
// exit passes through a node for which hit is true. Paths that end in a
// panic do not count.
func EveryPath(info *types.Info, g *cfg.CFG, hit func(ast.Node) bool) bool {
	if len(g.Blocks) == 0 {
		return false
	}
	seen := make([]bool, len(g.Blocks))
	var escapes func(b *cfg.Block) bool // a path from b reaches a normal exit without a hit
	escapes = func(b *cfg.Block) bool {
		if seen[b.Index] {
			return false
		}
		seen[b.Index] = true
		for _, n := range b.Nodes {
			if hit(n) {
				return false
			}
		}
		switch EndOf(info, b) {
		case Returns:
			return true
		case Panics, Exits:
			return false
		}
		for _, s := range b.Succs {
			if escapes(s) {
				return true
			}
		}
		return false
	}
	return !escapes(g.Blocks[0])
}

// Released returns the variable a release call acts on, when its receiver
// is a plain identifier naming a variable.
func Released(info *types.Info, call *ast.CallExpr) (*types.Var, knowledge.Op, bool) {
	recv, op, ok := knowledge.ReleaseCall(info, call)
	if !ok {
		return nil, 0, false
	}
	id, ok := ast.Unparen(recv).(*ast.Ident)
	if !ok {
		return nil, 0, false
	}
	v, ok := info.Uses[id].(*types.Var)
	if !ok || v.IsField() {
		return nil, 0, false
	}
	return v, op, true
}

// ReleaseKinds says how a piece of code releases a variable.
type ReleaseKinds struct {
	Commits   bool // commits it
	RollsBack bool // rolls it back, closes it or gives it back
	// Observes: the result of such a rollback, close or release is written
	// to a variable outside the code (a named result, a captured variable,
	// *errp), so that the code behaves differently when the resource was
	// already released. Using the result only in conditions, calls or logs
	// does not count.
	Observes bool
}

// Any reports whether the code releases the variable at all.
func (k ReleaseKinds) Any() bool { return k.Commits || k.RollsBack }

// ReleasesIn reports how the node n releases v, not looking into function
// literals.
func ReleasesIn(info *types.Info, n ast.Node, v *types.Var) ReleaseKinds {
	var k ReleaseKinds
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if rv, op, ok := Released(info, n); ok && rv == v {
				if op == knowledge.Commit {
					k.Commits = true
				} else {
					k.RollsBack = true
				}
			}
		}
		return true
	})
	k.Observes = k.RollsBack && resultEscapes(info, n, v)
	return k
}

// resultEscapes reports whether the result of a rollback, close or
// release of v in n reaches, directly or through local variables of n, an
// assignment to something declared outside n.
func resultEscapes(info *types.Info, n ast.Node, v *types.Var) bool {
	isRollback := func(e ast.Node) bool {
		found := false
		ast.Inspect(e, func(m ast.Node) bool {
			if c, ok := m.(*ast.CallExpr); ok {
				if rv, op, ok := Released(info, c); ok && rv == v && op != knowledge.Commit {
					found = true
				}
			}
			return !found
		})
		return found
	}
	carriers := make(map[types.Object]bool) // local variables holding the result
	carries := func(e ast.Node) bool {
		if isRollback(e) {
			return true
		}
		found := false
		ast.Inspect(e, func(m ast.Node) bool {
			if id, ok := m.(*ast.Ident); ok && carriers[info.ObjectOf(id)] {
				found = true
			}
			return !found
		})
		return found
	}
	local := func(e ast.Expr) (types.Object, bool) {
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok {
			return nil, false // *errp, x.f, a[i]: outside
		}
		obj := info.ObjectOf(id)
		return obj, obj == nil || id.Name == "_" || n.Pos() <= obj.Pos() && obj.Pos() < n.End()
	}
	escapes := false
	for changed := true; changed && !escapes; {
		changed = false
		ast.Inspect(n, func(m ast.Node) bool {
			var lhs, rhs []ast.Expr
			switch m := m.(type) {
			case *ast.FuncLit:
				return false
			case *ast.AssignStmt:
				lhs, rhs = m.Lhs, m.Rhs
			case *ast.ValueSpec:
				for _, id := range m.Names {
					lhs = append(lhs, id)
				}
				rhs = m.Values
			default:
				return !escapes
			}
			for i, r := range rhs {
				if !carries(r) {
					continue
				}
				targets := lhs
				if len(lhs) == len(rhs) {
					targets = lhs[i : i+1]
				}
				for _, t := range targets {
					obj, isLocal := local(t)
					switch {
					case !isLocal:
						escapes = true
					case obj != nil && !carriers[obj] && obj.Name() != "_":
						carriers[obj] = true
						changed = true
					}
				}
			}
			return !escapes
		})
	}
	return escapes
}
