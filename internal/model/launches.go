package model

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/txvet/txvet/internal/knowledge"
)

// A Launch is one start of concurrent work: a go statement, or a launch
// call of a group (errgroup's Go and TryGo, sync.WaitGroup.Go, conc).
type Launch struct {
	Node  ast.Node      // the *ast.GoStmt, or the g.Go(...) *ast.CallExpr
	Fn    ast.Expr      // the function that runs on the other goroutine
	Args  []ast.Expr    // its arguments (go f(args))
	Group *types.Var    // the group it belongs to, if a variable names it
	Call  *ast.CallExpr // the go statement's call, or the g.Go call
	// Roots are the resources it captures: by reference from a function
	// literal, as arguments, or through values derived from them.
	Roots []*types.Var
	// LimitUnknown: its group can be limited, and its limit is not set in
	// this function: it may run its launches one at a time.
	LimitUnknown bool
}

// Launches returns the launches directly in the function's body (not in
// nested function literals, which have their own), in source order.
func (f *Func) Launches() []*Launch {
	f.launchesOnce.Do(func() {
		if f.Body == nil {
			return
		}
		info := f.m.Info
		f.Cursor.Inspect([]ast.Node{(*ast.FuncLit)(nil), (*ast.GoStmt)(nil), (*ast.CallExpr)(nil)}, func(c inspector.Cursor) bool {
			var l *Launch
			switch n := c.Node().(type) {
			case *ast.FuncLit:
				return n == f.Cursor.Node()
			case *ast.GoStmt:
				l = &Launch{Node: n, Fn: n.Call.Fun, Args: n.Call.Args, Call: n.Call}
			case *ast.CallExpr:
				group, fn, ok := knowledge.LaunchCall(info, n)
				if !ok {
					return true
				}
				l = &Launch{Node: n, Fn: fn, Group: GroupVar(info, group), Call: n}
				l.LimitUnknown = knowledge.CanLimit(info.TypeOf(group)) &&
					(l.Group == nil || l.Group.Pos() < f.Body.Pos() || l.Group.Pos() >= f.Body.End())
			}
			l.Roots = f.m.Roots(l.Fn)
			for _, arg := range l.Args {
				for _, r := range f.m.Roots(arg) {
					if !slices.Contains(l.Roots, r) {
						l.Roots = append(l.Roots, r)
					}
				}
			}
			f.launches = append(f.launches, l)
			return true
		})
	})
	return f.launches
}

// GroupVar returns the local variable a group expression (g, &g) names.
func GroupVar(info *types.Info, e ast.Expr) *types.Var {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	if id, ok := e.(*ast.Ident); ok {
		v, _ := info.Uses[id].(*types.Var)
		return v
	}
	return nil
}

// LimitedGroups returns the groups of the function that run one launch
// at a time: an errgroup with g.SetLimit(1) before its launches, in a
// block that holds them all, or a conc pool made WithMaxGoroutines(1).
func (f *Func) LimitedGroups() map[*types.Var]bool {
	info := f.m.Info
	launches := f.Launches()
	limited := make(map[*types.Var]bool)
	spoiled := make(map[*types.Var]bool)
	for c := range f.Cursor.Preorder((*ast.CallExpr)(nil)) {
		call := c.Node().(*ast.CallExpr)
		group, limit, ok := knowledge.LimitCall(info, call)
		if !ok {
			continue
		}
		one := isOne(info, limit)
		if g := GroupVar(info, group); g != nil {
			if one && c.ParentEdgeKind() == edge.ExprStmt_X && c.Parent().ParentEdgeKind() == edge.BlockStmt_List &&
				precedesAll(c.Parent().Parent().Node(), call, g, launches) {
				limited[g] = true
			} else {
				spoiled[g] = true
			}
			continue
		}
		// p := pool.New().WithMaxGoroutines(1), possibly followed by
		// WithErrors() and the like, which keep the limit.
		for c.ParentEdgeKind() == edge.SelectorExpr_X && c.Parent().ParentEdgeKind() == edge.CallExpr_Fun {
			c = c.Parent().Parent()
		}
		var lhs ast.Expr
		switch c.ParentEdgeKind() {
		case edge.AssignStmt_Rhs:
			if as := c.Parent().Node().(*ast.AssignStmt); len(as.Lhs) == 1 {
				lhs = as.Lhs[0]
			}
		case edge.ValueSpec_Values:
			if vs := c.Parent().Node().(*ast.ValueSpec); len(vs.Names) == 1 {
				lhs = vs.Names[0]
			}
		}
		if id, ok := lhs.(*ast.Ident); ok && one {
			if v, ok := info.ObjectOf(id).(*types.Var); ok {
				limited[v] = true
			}
		}
	}
	for g := range spoiled {
		delete(limited, g)
	}
	return limited
}

func isOne(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.Value != nil && constant.Compare(tv.Value, token.EQL, constant.MakeInt64(1))
}

// precedesAll reports whether the limit call comes before every launch of
// g and its block encloses them all.
func precedesAll(block ast.Node, limit *ast.CallExpr, g *types.Var, launches []*Launch) bool {
	for _, l := range launches {
		if l.Group == g && (l.Node.Pos() < limit.End() || l.Node.Pos() >= block.End()) {
			return false
		}
	}
	return true
}
