// Package flow builds the control-flow graph of a function body with the
// one rule txvet has for calls that do not return, and answers the path
// questions the analyzers and the fact inference ask of it: does every
// path from here reach one of these nodes before the function exits,
// which nodes may run after this one before a barrier.
package flow

import (
	"go/ast"
	"go/token"
	"go/types"
	"sync"

	"golang.org/x/tools/go/cfg"
	"golang.org/x/tools/go/types/typeutil"
)

// noReturn lists functions that never return, by package path and name,
// and whether the deferred calls of their caller run (a panic, Goexit) or
// not (the process exits).
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

// CallEnding says whether call returns (Continues), unwinds the stack
// (panic, runtime.Goexit, t.Fatal) or ends the process (os.Exit,
// log.Fatal).
func CallEnding(info *types.Info, call *ast.CallExpr) Ending {
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

// Graph is the control-flow graph of one function body. It is safe for
// concurrent use: analyzers of one package may share it.
type Graph struct {
	*cfg.CFG
	info  *types.Info
	once  sync.Once
	index map[ast.Node]place // built on first Locate
}

type place struct {
	block *cfg.Block
	i     int
}

// New builds the graph of body. Calls that do not return (CallEnding)
// end their path.
func New(info *types.Info, body *ast.BlockStmt) *Graph {
	g := cfg.New(body, func(call *ast.CallExpr) bool { return CallEnding(info, call) == Continues })
	return &Graph{CFG: g, info: info}
}

// EndOf says how the block b ends.
func (g *Graph) EndOf(b *cfg.Block) Ending {
	if len(b.Succs) > 0 {
		return Continues
	}
	if n := len(b.Nodes); n > 0 {
		if es, ok := b.Nodes[n-1].(*ast.ExprStmt); ok {
			if call, ok := ast.Unparen(es.X).(*ast.CallExpr); ok {
				if e := CallEnding(g.info, call); e != Continues {
					return e
				}
			}
		}
	}
	return Returns
}

// Locate returns the block holding the node n of the graph (a statement
// or a condition, as cfg records them) and its index there.
func (g *Graph) Locate(n ast.Node) (*cfg.Block, int, bool) {
	g.once.Do(func() {
		g.index = make(map[ast.Node]place)
		for _, b := range g.Blocks {
			for i, m := range b.Nodes {
				if _, dup := g.index[m]; !dup {
					g.index[m] = place{b, i}
				}
			}
		}
	})
	p, ok := g.index[n]
	return p.block, p.i, ok
}

// At returns the innermost node of the graph that holds pos, with its
// block and index.
func (g *Graph) At(pos token.Pos) (ast.Node, *cfg.Block, int, bool) {
	var best ast.Node
	var at place
	for _, b := range g.Blocks {
		for i, n := range b.Nodes {
			if n.Pos() <= pos && pos < n.End() && (best == nil || n.End()-n.Pos() < best.End()-best.Pos()) {
				best, at = n, place{b, i}
			}
		}
	}
	return best, at.block, at.i, best != nil
}

// Step is what a visitor of a path decides at a node.
type Step uint8

const (
	Next Step = iota // go on along the path
	Stop             // this path is settled: do not follow it further
	Fail             // the question fails on this path
)

// Walk visits the nodes that may run after the node from (from the entry
// when from is nil) in a depth-first search, each block once. visit
// decides at each node; enter, when not nil, may refuse an edge into a
// block; exit decides at a block without successors, given how it ends.
// Walk reports whether no visit or exit failed; it stops at the first
// failure. A block reached again (a loop) is not visited again: the path
// is settled. The start block is not marked: a loop back to it visits it
// from its first node.
func (g *Graph) Walk(from ast.Node, visit func(ast.Node) Step, enter func(*cfg.Block) bool, exit func(Ending) bool) bool {
	if len(g.Blocks) == 0 {
		return true
	}
	start, at := g.Blocks[0], 0
	if from != nil {
		b, i, ok := g.Locate(from)
		if !ok {
			return true
		}
		start, at = b, i+1
	}
	seen := make([]bool, len(g.Blocks))
	var walk func(b *cfg.Block, from int) bool
	walk = func(b *cfg.Block, from int) bool {
		for _, n := range b.Nodes[from:] {
			switch visit(n) {
			case Stop:
				return true
			case Fail:
				return false
			}
		}
		if e := g.EndOf(b); e != Continues {
			return exit == nil || exit(e)
		}
		for _, s := range b.Succs {
			if seen[s.Index] || enter != nil && !enter(s) {
				continue
			}
			seen[s.Index] = true
			if !walk(s, 0) {
				return false
			}
		}
		return true
	}
	if from == nil {
		seen[start.Index] = true
	}
	return walk(start, at)
}

// EveryPath reports whether every path from the node from (the entry
// when nil) to a normal exit passes a node for which hit is true. Paths
// that end in a panic or in the end of the process do not count.
func (g *Graph) EveryPath(from ast.Node, hit func(ast.Node) bool) bool {
	if len(g.Blocks) == 0 {
		return false
	}
	return g.Walk(from,
		func(n ast.Node) Step {
			if hit(n) {
				return Stop
			}
			return Next
		}, nil,
		func(e Ending) bool { return e != Returns })
}

// Reaches reports whether some path from the node from reaches the node
// to without first passing a node for which block is true (a write of
// the variable in question, say). A path into a loop's next iteration
// counts.
func (g *Graph) Reaches(from, to ast.Node, block func(ast.Node) bool) bool {
	return !g.Walk(from,
		func(n ast.Node) Step {
			switch {
			case n == to:
				return Fail
			case block != nil && block(n):
				return Stop
			}
			return Next
		}, nil, nil)
}
