package txfacts

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/cfg"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/txvet/txvet/internal/knowledge"
)

// NewCFG builds the control-flow graph of body. Calls to panic, os.Exit,
// log.Fatal and friends end their path.
func NewCFG(info *types.Info, body *ast.BlockStmt) *cfg.CFG {
	return cfg.New(body, func(call *ast.CallExpr) bool { return mayReturn(info, call) })
}

// noReturn lists functions that never return, by package path and name.
var noReturn = map[[2]string]bool{
	{"os", "Exit"}:        true,
	{"log", "Fatal"}:      true,
	{"log", "Fatalf"}:     true,
	{"log", "Fatalln"}:    true,
	{"log", "Panic"}:      true,
	{"log", "Panicf"}:     true,
	{"log", "Panicln"}:    true,
	{"runtime", "Goexit"}: true,
}

func mayReturn(info *types.Info, call *ast.CallExpr) bool {
	switch fn := typeutil.Callee(info, call).(type) {
	case *types.Builtin:
		return fn.Name() != "panic"
	case *types.Func:
		if fn.Pkg() != nil && fn.Signature().Recv() == nil {
			return !noReturn[[2]string{fn.Pkg().Path(), fn.Name()}]
		}
	}
	return true
}

// IsExit reports whether b ends its function normally: it has no
// successor and does not end in a call that never returns (a panic).
func IsExit(info *types.Info, b *cfg.Block) (exit, abnormal bool) {
	if len(b.Succs) > 0 {
		return false, false
	}
	if n := len(b.Nodes); n > 0 {
		if es, ok := b.Nodes[n-1].(*ast.ExprStmt); ok {
			if call, ok := ast.Unparen(es.X).(*ast.CallExpr); ok && !mayReturn(info, call) {
				return true, true
			}
		}
	}
	return true, false
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
		if exit, abnormal := IsExit(info, b); exit {
			return !abnormal
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

// ReleasesIn reports which releases of v the node n makes, not looking
// into function literals.
func ReleasesIn(info *types.Info, n ast.Node, v *types.Var) (commits, rollsBack bool) {
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if rv, op, ok := Released(info, n); ok && rv == v {
				if op == knowledge.Commit {
					commits = true
				} else {
					rollsBack = true
				}
			}
		}
		return true
	})
	return commits, rollsBack
}
