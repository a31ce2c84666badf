// Package guard keeps a bug of one analyzer on one function from ending
// the run: a panic becomes an analyzer error that names the analyzer, the
// package, the function and its position, and asks for a report.
//
// Without it, a nil dereference in one function of one package kills the
// whole process (under go vet and golangci-lint too), and no finding of
// any package of the run is printed. With it, the analyzer goes on with
// the package's other functions and returns the error from Run: txvet
// prints every other finding and exits 3, and go vet, golangci-lint and
// gopls show an error, not a crash.
package guard

import (
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"runtime/debug"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// IssuesURL is where users report an internal error.
const IssuesURL = "https://github.com/txvet/txvet/issues"

// A Guard collects the panics of one pass.
type Guard struct {
	pass *analysis.Pass
	errs []error
}

// New returns a guard for the functions of pass.
func New(pass *analysis.Pass) *Guard { return &Guard{pass: pass} }

// Func runs check, the analyzer's work at the cursor at (a function, or a
// node in one), and records a panic in it as an error naming the
// enclosing function. It reports whether check ran to its end.
func (g *Guard) Func(at inspector.Cursor, check func()) (ok bool) {
	defer func() {
		if r := recover(); r != nil {
			g.errs = append(g.errs, &PanicError{
				Analyzer: g.pass.Analyzer.Name,
				Package:  pkgPath(g.pass.Pkg),
				Function: funcName(g.pass.TypesInfo, at),
				Position: position(g.pass.Fset, at),
				Value:    r,
				Stack:    string(debug.Stack()),
			})
			ok = false
		}
	}()
	check()
	return true
}

// Err returns the errors recorded, joined, or nil.
func (g *Guard) Err() error { return errors.Join(g.errs...) }

// Run wraps an analyzer's Run: a panic outside any guarded function (in
// the set-up of the pass) becomes an error naming the package, and the
// errors of the guarded functions are returned with the result.
func Run(run func(*analysis.Pass, *Guard) (any, error)) func(*analysis.Pass) (any, error) {
	return func(pass *analysis.Pass) (result any, err error) {
		g := New(pass)
		defer func() {
			if r := recover(); r != nil {
				result = nil
				g.errs = append(g.errs, &PanicError{
					Analyzer: pass.Analyzer.Name,
					Package:  pkgPath(pass.Pkg),
					Value:    r,
					Stack:    string(debug.Stack()),
				})
			}
			err = errors.Join(err, g.Err())
		}()
		return run(pass, g)
	}
}

// A PanicError is a panic of an analyzer, recovered.
type PanicError struct {
	Analyzer string
	Package  string
	Function string // empty outside any function
	Position string // empty when unknown
	Value    any    // what the analyzer panicked with
	Stack    string // the goroutine's stack at the recovery
}

func (e *PanicError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "internal error: analyzer %s panicked on package %s", e.Analyzer, e.Package)
	if e.Function != "" {
		fmt.Fprintf(&b, ", function %s", e.Function)
	}
	if e.Position != "" {
		fmt.Fprintf(&b, " at %s", e.Position)
	}
	fmt.Fprintf(&b, ": %v; the rest of the package was analysed. Please report it at %s with this message and, if you can, the function's code", e.Value, IssuesURL)
	if e.Stack != "" {
		fmt.Fprintf(&b, "\n%s", strings.TrimRight(e.Stack, "\n"))
	}
	return b.String()
}

func pkgPath(pkg *types.Package) string {
	if pkg == nil {
		return "(unknown)"
	}
	return pkg.Path()
}

// funcName names the function at is or lies in: the declared function,
// with its receiver type for a method, or a function literal in it.
func funcName(info *types.Info, at inspector.Cursor) string {
	lit := false
	for cur := range at.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		decl, ok := cur.Node().(*ast.FuncDecl)
		if !ok {
			lit = true
			continue
		}
		name := decl.Name.Name
		if info != nil {
			if fn, ok := info.Defs[decl.Name].(*types.Func); ok {
				name = fn.FullName()
			}
		}
		if lit {
			return "a function literal in " + name
		}
		return name
	}
	if lit {
		return "a function literal"
	}
	return ""
}

// position is where at starts, or "" if it has no position in fset.
func position(fset *token.FileSet, at inspector.Cursor) string {
	n := at.Node()
	if fset == nil || n == nil || !n.Pos().IsValid() || fset.File(n.Pos()) == nil {
		return ""
	}
	return fset.Position(n.Pos()).String()
}
