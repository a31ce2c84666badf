package sharedtx

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"
)

// blockKind says how a launched function depends on other goroutines.
type blockKind uint8

const (
	waitsForOthers blockKind = 1 << iota // receives, selects, locks or waits
	signalsOthers                        // sends on a channel
	unknownBody                          // its body is not in this package
	mayNotEnd                            // loops with no condition, or polls atomics the parent sets
	drainsChannel                        // ranges over a channel: a worker fed by others
	locksMutex                           // locks a sync mutex itself (locks.go tells what it guards)
)

// launchBlocking says how the function a launch runs depends on others.
func (a *analyzer) launchBlocking(l *launch) blockKind {
	info := a.pass.TypesInfo
	var k blockKind
	switch fn := ast.Unparen(l.fn).(type) {
	case *ast.FuncLit:
		return a.bodyBlocking(fn.Body)
	case *ast.Ident:
		if f, ok := info.Uses[fn].(*types.Func); ok {
			k = a.funcBlocking(f)
		} else {
			k = unknownBody
		}
	case *ast.SelectorExpr:
		f := calleeOf(info, fn)
		switch {
		case len(a.m.Roots(fn.X)) > 0 && a.decl(f) == nil:
			k = 0 // a database library's own method, such as go tx.Exec(...)
		case f != nil && (f.Signature().Recv() == nil || !types.IsInterface(f.Signature().Recv().Type())):
			k = a.funcBlocking(f)
		default:
			k = unknownBody
		}
	default:
		k = unknownBody
	}
	if k&unknownBody != 0 {
		// What the body does with a channel or a WaitGroup it is handed is
		// not known: assume it waits.
		for _, arg := range l.args {
			if t := info.TypeOf(arg); t != nil && waitable(t) {
				k |= waitsForOthers
			}
		}
	}
	return k
}

// funcBlocking says how a function of this package depends on others.
func (a *analyzer) funcBlocking(f *types.Func) blockKind {
	if k, ok := a.blocking[f]; ok {
		return k
	}
	decl := a.decl(f)
	if decl == nil || decl.Body == nil {
		return unknownBody
	}
	a.blocking[f] = 0 // recursion: assume nothing more than what the body shows
	k := a.bodyBlocking(decl.Body)
	a.blocking[f] = k
	return k
}

// decl returns the declaration of a function of this package.
func (a *analyzer) decl(f *types.Func) *ast.FuncDecl {
	if f == nil || f.Pkg() != a.pass.Pkg {
		return nil
	}
	return a.m.Decl(f)
}

// bodyBlocking looks for channel operations, waits and locks in a body and
// in the functions of this package it calls.
func (a *analyzer) bodyBlocking(body ast.Node) blockKind {
	info := a.pass.TypesInfo
	var k blockKind
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.GoStmt:
			return false // runs beside, never blocks the body
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				k |= waitsForOthers
			}
		case *ast.SelectStmt:
			k |= waitsForOthers
		case *ast.RangeStmt:
			if t := info.TypeOf(n.X); t != nil {
				if _, ok := t.Underlying().(*types.Chan); ok {
					k |= drainsChannel
				}
			}
		case *ast.SendStmt:
			k |= signalsOthers
		case *ast.ForStmt:
			if n.Cond == nil {
				k |= mayNotEnd // a worker loop: run in place, it would not return
			}
		case *ast.CallExpr:
			if _, _, ok := mutexOp(info, n); ok {
				k |= locksMutex
			} else if a.waits(n) {
				k |= waitsForOthers
			}
			if f := typeutil.Callee(info, n); f != nil && f.Pkg() != nil && f.Pkg().Path() == "sync/atomic" {
				k |= mayNotEnd // it may poll a flag the parent sets
			}
			if f := typeutil.StaticCallee(info, n); f != nil && a.decl(f) != nil {
				callee := a.funcBlocking(f) &^ unknownBody
				if callee&locksMutex != 0 {
					// What a lock in another function guards is not
					// followed: it waits for others.
					callee = callee&^locksMutex | waitsForOthers
				}
				k |= callee
			}
		}
		return true
	})
	return k
}

// calleeOf returns the method a selector names, or nil.
func calleeOf(info *types.Info, sel *ast.SelectorExpr) *types.Func {
	f, _ := info.Uses[sel.Sel].(*types.Func)
	return f
}
