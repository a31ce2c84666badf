package flow

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"

	"github.com/txvet/txvet/internal/syntax"
)

// An Assumption is what a path knows of an if statement's condition: it
// went through the then branch (Holds) or the else branch.
type Assumption struct {
	Cond  ast.Expr
	Holds bool
}

// pathBudget bounds the states (block, known conditions) one
// WalkCorrelated explores per block.
const pathBudget = 32

// Assumptions returns what the if statements around the node at cur, in
// its function, say about every path to it: cur lies in the then branch
// of `if c` (c holds) or in its else branch (c does not), for each
// condition that WalkCorrelated can follow and that nothing in the branch
// writes before cur.
func (g *Graph) Assumptions(cur inspector.Cursor) []Assumption {
	cg := g.correlation()
	var out []Assumption
	for anc := range cur.Enclosing((*ast.IfStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		ifs, ok := anc.Node().(*ast.IfStmt)
		if !ok {
			break // the function's boundary
		}
		var branch ast.Node
		switch {
		case ifs.Body.Pos() <= cur.Node().Pos() && cur.Node().End() <= ifs.Body.End():
			branch = ifs.Body
		case ifs.Else != nil && ifs.Else.Pos() <= cur.Node().Pos() && cur.Node().End() <= ifs.Else.End():
			branch = ifs.Else
		default:
			continue // in the condition or the init statement
		}
		c, ok := cg.condition(ifs.Cond)
		if !ok {
			continue
		}
		written := false
		ast.Inspect(branch, func(n ast.Node) bool {
			if n != nil && n.Pos() < cur.Node().Pos() && cg.writesAny(n, c.vars) {
				written = true
			}
			return !written
		})
		if !written {
			out = append(out, Assumption{Cond: ifs.Cond, Holds: branch == ifs.Body})
		}
	}
	return out
}

// WalkCorrelated is Walk from the node from, on the paths that agree
// with assume and with themselves: at an if statement whose condition the
// path has already decided (an assumption, or an earlier if statement on
// the same condition, with no write of its variables in between), the
// path takes only the branch that agrees. That removes the paths that
// exist only through branches testing one condition in opposite senses
// (`if dry { tx.Rollback() }` ... `if !dry { tx.Exec() }`).
//
// Conditions are followed when they compare local variables that no
// function literal writes and whose address is not taken, constants and
// literals (`dry`, `!dry`, `err != nil`, `n == 0`). A block is visited
// again when a path reaches it knowing other conditions, up to a budget
// per block; paths beyond the budget are not followed, so that a Fail on
// them may go unseen: callers ask questions whose safe answer is "no
// path" (a use after a release), not "every path".
//
// visit and enter are as for Walk; a path that ends (return, panic) is
// settled.
func (g *Graph) WalkCorrelated(from ast.Node, assume []Assumption, visit func(ast.Node) Step, enter func(*cfg.Block) bool) bool {
	start, at, ok := g.Locate(from)
	if !ok {
		return true
	}
	cg := g.correlation()
	var known facts
	for _, a := range assume {
		if c, ok := cg.condition(a.Cond); ok {
			known = known.with(c, a.Holds)
		}
	}
	seen := make(map[int32][]string)
	type state struct {
		b     *cfg.Block
		from  int
		known facts
	}
	stack := []state{{start, at + 1, known}}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		settled := false
		for _, n := range s.b.Nodes[s.from:] {
			switch visit(n) {
			case Stop:
				settled = true
			case Fail:
				return false
			}
			if settled {
				break
			}
			s.known = s.known.without(func(vs []*types.Var) bool { return cg.writesAny(n, vs) })
			if c, holds, ok := cg.assigned(n); ok {
				s.known = s.known.with(c, holds)
			}
		}
		if settled || g.EndOf(s.b) != Continues {
			continue
		}
		succs := s.b.Succs
		branchOn, isIf := cg.ifCondition(s.b)
		for i, succ := range succs {
			k := s.known
			if isIf {
				holds := i == 0
				if v, decided := k.value(branchOn); decided && v != holds {
					continue // the path already knows the condition the other way
				}
				k = k.with(branchOn, holds)
			}
			if enter != nil && !enter(succ) {
				continue
			}
			sig := k.signature()
			if slices.Contains(seen[succ.Index], sig) || len(seen[succ.Index]) >= pathBudget {
				continue
			}
			seen[succ.Index] = append(seen[succ.Index], sig)
			stack = append(stack, state{succ, 0, k})
		}
	}
	return true
}

// correlation is a graph with what WalkCorrelated learns of its
// function's variables on first need.
type correlation struct {
	*Graph
	unstable map[*types.Var]bool // written by a function literal, or addressed
}

func (g *Graph) correlation() *correlation { return &correlation{Graph: g} }

// assigned returns what the statement n makes known: `failed = true`
// (`failed := false`, `var failed bool`) decides the condition `failed`,
// `err = nil` the condition `err == nil`.
func (g *correlation) assigned(n ast.Node) (c cond, holds bool, ok bool) {
	var id *ast.Ident
	var rhs ast.Expr
	switch n := n.(type) {
	case *ast.AssignStmt:
		if len(n.Lhs) != 1 || len(n.Rhs) != 1 || (n.Tok != token.ASSIGN && n.Tok != token.DEFINE) {
			return cond{}, false, false
		}
		id, _ = ast.Unparen(n.Lhs[0]).(*ast.Ident)
		rhs = n.Rhs[0]
	case *ast.DeclStmt:
		gd, _ := n.Decl.(*ast.GenDecl)
		if gd == nil || len(gd.Specs) != 1 {
			return cond{}, false, false
		}
		vs, _ := gd.Specs[0].(*ast.ValueSpec)
		if vs == nil || len(vs.Names) != 1 || len(vs.Values) > 1 {
			return cond{}, false, false
		}
		id = vs.Names[0]
		if len(vs.Values) == 1 {
			rhs = vs.Values[0]
		}
	default:
		return cond{}, false, false
	}
	if id == nil {
		return cond{}, false, false
	}
	v := syntax.AsVar(g.info.ObjectOf(id))
	if v == nil || !g.stableVar(v) {
		return cond{}, false, false
	}
	name := id.Name + "#" + strconv.Itoa(int(v.Pos()))
	if rhs == nil { // var failed bool: false
		if b, ok := v.Type().Underlying().(*types.Basic); ok && b.Info()&types.IsBoolean != 0 {
			return cond{key: name, vars: []*types.Var{v}}, false, true
		}
		return cond{}, false, false
	}
	tv := g.info.Types[ast.Unparen(rhs)]
	switch {
	case tv.Value != nil && tv.Value.Kind() == constant.Bool:
		return cond{key: name, vars: []*types.Var{v}}, constant.BoolVal(tv.Value), true
	case tv.IsNil():
		return cond{key: name + token.EQL.String() + "nil", vars: []*types.Var{v}}, true, true
	}
	return cond{}, false, false
}

// ifCondition returns the condition b ends in when b is the test of an
// if statement that WalkCorrelated can follow. Succs[0] is then the then
// branch, Succs[1] the else branch (or the statement after the if).
func (g *correlation) ifCondition(b *cfg.Block) (cond, bool) {
	if len(b.Succs) != 2 || len(b.Nodes) == 0 || b.Succs[0].Kind != cfg.KindIfThen {
		return cond{}, false
	}
	ifs, ok := b.Succs[0].Stmt.(*ast.IfStmt)
	if !ok || b.Nodes[len(b.Nodes)-1] != ifs.Cond {
		return cond{}, false
	}
	return g.condition(ifs.Cond)
}

// cond is a condition in canonical form: key names it up to negation
// (`err != nil` is the negation of `err == nil`), negated says which
// sense the written expression has, vars are the variables it reads.
type cond struct {
	key     string
	negated bool
	vars    []*types.Var
}

func (g *correlation) condition(e ast.Expr) (cond, bool) {
	var c cond
	var key strings.Builder
	operand := func(e ast.Expr) bool {
		e = ast.Unparen(e)
		if tv, ok := g.info.Types[e]; ok && tv.Value != nil {
			key.WriteString(tv.Value.ExactString()) // a constant
			if tv.Value.Kind() == constant.String {
				key.WriteString("s")
			}
			return true
		}
		id, ok := e.(*ast.Ident)
		if !ok {
			return false
		}
		switch obj := g.info.Uses[id].(type) {
		case *types.Nil:
			key.WriteString("nil")
			return true
		case *types.Var:
			if !g.stableVar(obj) {
				return false
			}
			c.vars = append(c.vars, obj)
			key.WriteString(id.Name + "#" + strconv.Itoa(int(obj.Pos())))
			return true
		}
		return false
	}
	e = ast.Unparen(e)
	for {
		u, ok := e.(*ast.UnaryExpr)
		if !ok || u.Op != token.NOT {
			break
		}
		c.negated = !c.negated
		e = ast.Unparen(u.X)
	}
	switch b := e.(type) {
	case *ast.BinaryExpr:
		op := b.Op
		switch op {
		case token.NEQ:
			c.negated, op = !c.negated, token.EQL
		case token.EQL, token.LSS, token.GTR, token.LEQ, token.GEQ:
		default:
			return cond{}, false // && and ||: not followed
		}
		if !operand(b.X) {
			return cond{}, false
		}
		key.WriteString(op.String())
		if !operand(b.Y) {
			return cond{}, false
		}
	default:
		if !operand(e) {
			return cond{}, false
		}
	}
	if len(c.vars) == 0 {
		return cond{}, false // a constant condition: cfg does not prune it
	}
	c.key = key.String()
	return c, true
}

// stableVar reports whether v is a local variable that changes only by
// the assignments WalkCorrelated sees: no function literal of the body
// writes it and its address is not taken.
func (g *correlation) stableVar(v *types.Var) bool {
	if v.IsField() || v.Pkg() == nil || v.Parent() == nil || v.Parent() == v.Pkg().Scope() {
		return false
	}
	if g.unstable == nil {
		g.unstable = make(map[*types.Var]bool)
		body := g.Blocks[0].Stmt
		if body == nil {
			return false
		}
		ast.Inspect(body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				ast.Inspect(n.Body, func(m ast.Node) bool {
					if as, ok := m.(*ast.AssignStmt); ok {
						for _, l := range as.Lhs {
							if id, ok := ast.Unparen(l).(*ast.Ident); ok {
								if w, ok := g.info.Uses[id].(*types.Var); ok {
									g.unstable[w] = true
								}
							}
						}
					}
					return true
				})
			case *ast.UnaryExpr:
				if id, ok := ast.Unparen(n.X).(*ast.Ident); ok && n.Op == token.AND {
					if w, ok := g.info.Uses[id].(*types.Var); ok {
						g.unstable[w] = true
					}
				}
			}
			return true
		})
	}
	return !g.unstable[v]
}

// writesAny reports whether the node n assigns, defines or increments
// one of vs, not looking into function literals (stableVar excludes the
// variables they write).
func (g *correlation) writesAny(n ast.Node, vs []*types.Var) bool {
	if len(vs) == 0 {
		return false
	}
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		var lhs []ast.Expr
		switch m := m.(type) {
		case *ast.FuncLit:
			return false
		case *ast.AssignStmt:
			lhs = m.Lhs
		case *ast.IncDecStmt:
			lhs = []ast.Expr{m.X}
		case *ast.RangeStmt:
			lhs = []ast.Expr{m.Key, m.Value}
		case *ast.ValueSpec:
			for _, id := range m.Names {
				lhs = append(lhs, id)
			}
		}
		for _, l := range lhs {
			if id, ok := ast.Unparen(l).(*ast.Ident); ok && slices.Contains(vs, syntax.AsVar(g.info.ObjectOf(id))) {
				found = true
			}
		}
		return !found
	})
	return found
}

// facts are the conditions a path knows, sorted by key.
type facts []fact

type fact struct {
	c     cond
	value bool // the value of the canonical (not negated) form
}

func (f facts) value(c cond) (holds, known bool) {
	for _, x := range f {
		if x.c.key == c.key {
			return x.value != c.negated, true
		}
	}
	return false, false
}

// with returns f knowing that c evaluates to holds.
func (f facts) with(c cond, holds bool) facts {
	out := make(facts, 0, len(f)+1)
	for _, x := range f {
		if x.c.key != c.key {
			out = append(out, x)
		}
	}
	out = append(out, fact{c, holds != c.negated})
	slices.SortFunc(out, func(a, b fact) int { return strings.Compare(a.c.key, b.c.key) })
	return out
}

// without returns f less the facts whose variables drop says are
// written.
func (f facts) without(drop func([]*types.Var) bool) facts {
	if len(f) == 0 {
		return f
	}
	var out facts
	for _, x := range f {
		if !drop(x.c.vars) {
			out = append(out, x)
		}
	}
	return out
}

func (f facts) signature() string {
	var b strings.Builder
	for _, x := range f {
		b.WriteString(x.c.key)
		if x.value {
			b.WriteString("=1;")
		} else {
			b.WriteString("=0;")
		}
	}
	return b.String()
}
