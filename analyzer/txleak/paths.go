package txleak

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/cfg"

	"github.com/txvet/txvet/internal/flow"
	"github.com/txvet/txvet/internal/syntax"
	"github.com/txvet/txvet/internal/txfacts"
)

// An exit is where a path leaves the function, or the loop iteration,
// that acquired the resource.
type exit struct {
	node ast.Node  // *ast.ReturnStmt, *ast.BranchStmt (continue), or the *ast.BlockStmt whose end is reached
	pos  token.Pos // where the exit is: the statement, or the closing brace
}

// maxErrVars bounds the error variables tracked for freshness: the
// acquisition's and gorm's `err := tx.Error`.
const maxErrVars = 8

// A state is what a path knows when it enters a block.
type state struct {
	held bool // the resource is acquired and not released
	// fresh: bit i set while errVars[i] still holds the acquisition's
	// error (not assigned since).
	fresh uint8
	// gormFresh: tx.Error still reports the acquisition (gorm: no method
	// of tx called since Begin).
	gormFresh bool
}

// walker follows the paths of one function from one acquisition.
type walker struct {
	info    *types.Info
	owners  *txfacts.Owners
	g       *flow.Graph
	body    *ast.BlockStmt
	v       *types.Var
	acq     ast.Stmt
	gorm    bool // the resource is a gorm *DB: tx.Error reports Begin's failure
	errVars []*types.Var

	// loop is the innermost loop around the acquisition, and cont the
	// block its continue statements jump to: a path that gets there
	// holding the resource leaks it (the next iteration acquires anew).
	loop ast.Stmt
	cont *cfg.Block

	seen     map[blockState]bool
	leaks    map[ast.Node]exit
	safe     map[ast.Node]bool   // exits also reached without the resource held
	loopBack map[*cfg.Block]bool // blocks that jump to cont holding it
	safeBack map[*cfg.Block]bool // blocks that jump to cont without it
	released map[ast.Node]bool   // nodes that release it, by releases
	unsure   bool                // a path the walker cannot judge: report nothing
}

type blockState struct {
	b *cfg.Block
	s state
}

// walk explores every path from the acquisition.
func (w *walker) walk() {
	w.seen = make(map[blockState]bool)
	w.leaks = make(map[ast.Node]exit)
	w.safe = make(map[ast.Node]bool)
	w.loopBack = make(map[*cfg.Block]bool)
	w.safeBack = make(map[*cfg.Block]bool)
	w.released = make(map[ast.Node]bool)
	start, i, ok := w.g.Locate(w.acq)
	if !ok {
		w.unsure = true
		return
	}
	w.visit(start, i+1, w.acquired())
}

// acquired is the state right after the acquisition.
func (w *walker) acquired() state {
	s := state{held: true, gormFresh: w.gorm}
	if len(w.errVars) > 0 && w.errVars[0] != nil {
		s.fresh = 1
	}
	return s
}

// visit follows the paths from node i of b (the acquisition when i
// points at it) in state s.
func (w *walker) visit(b *cfg.Block, i int, s state) {
	for ; i < len(b.Nodes) && !w.unsure; i++ {
		n := b.Nodes[i]
		if n == w.acq {
			if s.held {
				// Back at the acquisition with the resource held, by a path
				// the loop analysis did not cut (a labelled continue to an
				// outer loop): unsure.
				w.unsure = true
				return
			}
			s = w.acquired()
			continue
		}
		if s.held && w.releases(n) {
			s.held = false
		}
		s = w.step(n, s)
		if ret, ok := n.(*ast.ReturnStmt); ok {
			w.exitAt(exit{node: ret, pos: ret.Pos()}, s)
			return
		}
	}
	if w.unsure {
		return
	}
	if len(b.Succs) == 0 {
		if w.g.EndOf(b) == flow.Returns {
			// The end of the body (a return would have ended the loop).
			w.exitAt(exit{node: w.body, pos: w.body.Rbrace}, s)
		}
		return // panic, os.Exit, t.Fatal: the path does not count
	}
	succs := b.Succs
	if len(succs) == 2 && len(b.Nodes) > 0 {
		if cond, ok := b.Nodes[len(b.Nodes)-1].(ast.Expr); ok {
			if safe, known := w.safeBranch(cond, s); known {
				// The resource is nil, or the acquisition failed, on
				// branch safe.
				ns := s
				ns.held = false
				w.enter(succs[safe], ns, b)
				w.enter(succs[1-safe], s, b)
				return
			}
		}
	}
	for _, succ := range succs {
		w.enter(succ, s, b)
	}
}

// releases reports whether node n releases the resource, once per node
// (a deferred function is checked on a graph of its own).
func (w *walker) releases(n ast.Node) bool {
	r, ok := w.released[n]
	if !ok {
		r = w.owners.ReleasesAt(w.info, n, w.v)
		w.released[n] = r
	}
	return r
}

// enter follows the edge from b to succ in state s.
func (w *walker) enter(succ *cfg.Block, s state, from *cfg.Block) {
	if succ == w.cont && w.cont != nil {
		if s.held {
			w.loopBack[from] = true
			return
		}
		w.safeBack[from] = true
	}
	k := blockState{succ, s}
	if w.seen[k] {
		return
	}
	w.seen[k] = true
	w.visit(succ, 0, s)
}

func (w *walker) exitAt(e exit, s state) {
	if s.held {
		w.leaks[e.node] = e
	} else {
		w.safe[e.node] = true
	}
}

// step updates the freshness of the error variables after node n.
func (w *walker) step(n ast.Node, s state) state {
	if s.gormFresh && touches(w.info, n, w.v) {
		s.gormFresh = false
	}
	for i, e := range w.errVars {
		if e == nil {
			continue
		}
		if i > 0 && definesFrom(w.info, n, e, w.v) {
			// gorm: `err := tx.Error` is fresh while tx.Error is.
			if s.gormFresh {
				s.fresh |= 1 << i
			} else {
				s.fresh &^= 1 << i
			}
			continue
		}
		if n != w.acq && syntax.Written(w.info, n, e) {
			s.fresh &^= 1 << i
		}
	}
	return s
}

// safeBranch reports, for a branch on cond in state s, which successor
// (0 when cond is true, 1 when false) is known not to hold the resource:
// the error path of the acquisition (`err != nil`, gorm's `tx.Error !=
// nil`) and the nil path of `tx != nil`. A condition on a fresh error
// variable in any other form makes the walker unsure.
func (w *walker) safeBranch(cond ast.Expr, s state) (int, bool) {
	if !s.held {
		return 0, false
	}
	if bin, ok := ast.Unparen(cond).(*ast.BinaryExpr); ok && (bin.Op == token.EQL || bin.Op == token.NEQ) {
		other := bin.X
		if w.info.Types[bin.X].IsNil() {
			other = bin.Y
		} else if !w.info.Types[bin.Y].IsNil() {
			other = nil
		}
		isNonNilBranch := 0 // successor where other != nil
		if bin.Op == token.EQL {
			isNonNilBranch = 1
		}
		switch {
		case other == nil:
		case syntax.IdentVar(w.info, other) == w.v:
			return 1 - isNonNilBranch, true // tx == nil: nothing to release
		case w.freshErr(other, s):
			return isNonNilBranch, true // the acquisition failed
		}
	}
	found := false
	ast.Inspect(cond, func(n ast.Node) bool {
		if e, ok := n.(ast.Expr); ok && w.freshErr(e, s) {
			found = true
		}
		return !found
	})
	if found {
		w.unsure = true
	}
	return 0, false
}

// freshErr reports whether e is the acquisition's error, still fresh.
func (w *walker) freshErr(e ast.Expr, s state) bool {
	e = ast.Unparen(e)
	if sel, ok := e.(*ast.SelectorExpr); ok && s.gormFresh && sel.Sel.Name == "Error" && syntax.IdentVar(w.info, sel.X) == w.v {
		return true
	}
	v := syntax.IdentVar(w.info, e)
	for i, ev := range w.errVars {
		if ev != nil && ev == v && s.fresh&(1<<i) != 0 {
			return true
		}
	}
	return false
}

// touches reports whether n calls a method of v or passes v to a call.
func touches(info *types.Info, n ast.Node, v *types.Var) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || found {
			return !found
		}
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && syntax.IdentVar(info, sel.X) == v {
			found = true
		}
		for _, a := range call.Args {
			if syntax.IdentVar(info, a) == v {
				found = true
			}
		}
		return !found
	})
	return found
}

// definesFrom reports whether n is `e := v.Error` or `e = v.Error`.
func definesFrom(info *types.Info, n ast.Node, e, v *types.Var) bool {
	as, ok := n.(*ast.AssignStmt)
	if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 || syntax.IdentVar(info, as.Lhs[0]) != e {
		return false
	}
	sel, ok := ast.Unparen(as.Rhs[0]).(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "Error" && syntax.IdentVar(info, sel.X) == v
}

// blockAt returns the block that control is in when it reaches the
// statement whose ancestors are stack (innermost last), or nil.
func (w *walker) blockAt(stmt ast.Stmt, stack []ast.Node) *cfg.Block {
	if len(stack) == 0 {
		return nil
	}
	parent := stack[len(stack)-1]
	var list []ast.Stmt
	switch p := parent.(type) {
	case *ast.BlockStmt:
		list = p.List
	case *ast.CaseClause:
		list = p.Body
	case *ast.CommClause:
		list = p.Body
	default:
		return nil
	}
	for i, s := range list {
		if s == stmt && i > 0 {
			return w.blockAfter(list[i-1])
		}
	}
	switch p := parent.(type) {
	case *ast.CaseClause:
		return w.kindBlock(cfg.KindSwitchCaseBody, p)
	case *ast.CommClause:
		return w.kindBlock(cfg.KindSelectCaseBody, p)
	}
	if parent == w.body {
		return w.g.Blocks[0]
	}
	if len(stack) < 2 {
		return nil
	}
	switch gp := stack[len(stack)-2].(type) {
	case *ast.IfStmt:
		if gp.Body == parent {
			return w.kindBlock(cfg.KindIfThen, gp)
		}
		return w.kindBlock(cfg.KindIfElse, gp)
	case *ast.ForStmt:
		return w.kindBlock(cfg.KindForBody, gp)
	case *ast.RangeStmt:
		return w.kindBlock(cfg.KindRangeBody, gp)
	case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
		return w.blockAt(parent.(ast.Stmt), stack[:len(stack)-1])
	}
	return nil
}

// blockAfter returns the block that control is in after the statement s
// completes normally, or nil.
func (w *walker) blockAfter(s ast.Stmt) *cfg.Block {
	switch s := s.(type) {
	case *ast.AssignStmt, *ast.ExprStmt, *ast.DeclStmt, *ast.DeferStmt, *ast.GoStmt, *ast.SendStmt, *ast.IncDecStmt:
		b, _, _ := w.g.Locate(s)
		return b
	case *ast.IfStmt:
		return w.kindBlock(cfg.KindIfDone, s)
	case *ast.ForStmt:
		return w.kindBlock(cfg.KindForDone, s)
	case *ast.RangeStmt:
		return w.kindBlock(cfg.KindRangeDone, s)
	case *ast.SwitchStmt, *ast.TypeSwitchStmt:
		return w.kindBlock(cfg.KindSwitchDone, s)
	case *ast.SelectStmt:
		return w.kindBlock(cfg.KindSelectDone, s)
	case *ast.BlockStmt:
		if len(s.List) > 0 {
			return w.blockAfter(s.List[len(s.List)-1])
		}
	}
	return nil
}

func (w *walker) kindBlock(k cfg.BlockKind, s ast.Stmt) *cfg.Block {
	for _, b := range w.g.Blocks {
		if b.Kind == k && b.Stmt == s {
			return b
		}
	}
	return nil
}

// continueTarget returns the block that a continue of loop jumps to.
func (w *walker) continueTarget(loop ast.Stmt) *cfg.Block {
	switch l := loop.(type) {
	case *ast.RangeStmt:
		return w.kindBlock(cfg.KindRangeLoop, l)
	case *ast.ForStmt:
		switch {
		case l.Post != nil:
			return w.kindBlock(cfg.KindForPost, l)
		case l.Cond != nil:
			return w.kindBlock(cfg.KindForLoop, l)
		}
		return w.kindBlock(cfg.KindForBody, l)
	}
	return nil
}
