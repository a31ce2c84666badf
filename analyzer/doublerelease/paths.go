package doublerelease

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/txvet/txvet/internal/flow"
	"github.com/txvet/txvet/internal/knowledge"
	"github.com/txvet/txvet/internal/model"
	"github.com/txvet/txvet/internal/syntax"
)

// leavesQuietly reports whether every path from the statement at stmt
// leaves the function without further database work (a next loop
// iteration included), and, when the scope decides on the error result,
// returns a non-nil error there.
func (c *checker) leavesQuietly(f *model.Func, stmt inspector.Cursor, s model.Defer) bool {
	if s.NeedsErr && s.ErrResult < 0 {
		return false
	}
	g := f.CFG()
	if _, _, ok := g.Locate(stmt.Node()); !ok {
		return false
	}
	// A path into a loop's next iteration meets the release again, itself
	// work on a handle: that path is not quiet.
	return g.Walk(stmt.Node(), func(n ast.Node) flow.Step {
		if c.databaseWork(n) {
			return flow.Fail
		}
		if ret, ok := n.(*ast.ReturnStmt); ok {
			if !s.NeedsErr || c.returnsNonNilError(f, ret, s.ErrResult) {
				return flow.Stop
			}
			return flow.Fail
		}
		return flow.Next
	}, nil, func(e flow.Ending) bool {
		// os.Exit, log.Fatal: the defer never runs. Falling off the end,
		// or a panic, leaves the error result as it stands: unknown.
		return e != flow.Exits && !s.NeedsErr
	})
}

// databaseWork reports whether n may do database work: a call that takes
// a context.Context or a database handle, a method of a handle, a call of
// a function of this package that uses a handle or a context (a
// package-level *sql.DB, say), or a call of a function value this analyzer
// cannot see into. A project's own database wrapper counts as a handle:
// a value whose method set looks like one (knowledge.LooksLikeHandle), as
// receiver or as argument (a query builder's RunWith(b.conn)), and any
// method of an interface of the analysed code.
func (c *checker) databaseWork(n ast.Node) bool {
	work := false
	ast.Inspect(n, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || work {
			return !work
		}
		if tv, ok := c.info.Types[call.Fun]; ok && tv.IsType() {
			return true // a conversion
		}
		for _, arg := range call.Args {
			if t := c.info.TypeOf(arg); knowledge.IsContext(t) || knowledge.IsHandle(t) || knowledge.LooksLikeHandle(t) {
				work = true
			}
		}
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			if s, ok := c.info.Selections[sel]; ok && (knowledge.IsHandle(s.Recv()) || knowledge.LooksLikeHandle(s.Recv()) || c.analysedInterface(s)) {
				work = true
			}
		}
		switch fn := typeutil.Callee(c.info, call).(type) {
		case *types.Func:
			work = work || fn.Pkg() == c.pass.Pkg && c.usesDatabase(fn.Origin())
		case *types.Builtin:
		default:
			work = true // a function value: unknown
		}
		return !work
	})
	return work
}

// analysedInterface reports whether the selection is a method of an
// interface declared in the analysed code (this package or its module):
// what its implementations do is not known.
func (c *checker) analysedInterface(s *types.Selection) bool {
	if s.Kind() != types.MethodVal || !types.IsInterface(s.Recv()) {
		return false
	}
	pkg := s.Obj().Pkg()
	if pkg == nil {
		return false
	}
	if pkg == c.pass.Pkg {
		return true
	}
	mod := c.pass.Module
	return mod != nil && mod.Path != "" && (pkg.Path() == mod.Path || strings.HasPrefix(pkg.Path(), mod.Path+"/"))
}

// usesDatabase reports whether the body of fn, a function of this
// package (an Origin, never an instantiation), mentions a database handle
// or a context, directly or through the functions of this package it
// calls.
//
// A method of an interface of this package has no body to read, but its
// implementations are the application's own code, a database wrapper as
// often as not: it counts as database work, so the rule stays silent. A
// function declared without a body (assembly, //go:linkname) is
// implemented elsewhere: like a function of another package, only the
// arguments of its calls tell of database work.
func (c *checker) usesDatabase(fn *types.Func) bool {
	if recv := fn.Signature().Recv(); recv != nil && types.IsInterface(recv.Type()) {
		return true
	}
	if c.usesDB == nil {
		c.usesDB = make(map[*types.Func]bool)
	}
	if uses, ok := c.usesDB[fn]; ok {
		return uses
	}
	c.usesDB[fn] = false // while in progress: recursion adds nothing
	fd := c.m.Decl(fn)
	if fd == nil || fd.Body == nil {
		return false // no body: see above
	}
	body := fd.Body
	uses := false
	ast.Inspect(body, func(n ast.Node) bool {
		if e, ok := n.(ast.Expr); ok {
			if t := c.info.TypeOf(e); knowledge.IsContext(t) || knowledge.IsHandle(t) {
				uses = true
			}
		}
		if call, ok := n.(*ast.CallExpr); ok {
			if callee, ok := typeutil.Callee(c.info, call).(*types.Func); ok && callee.Pkg() == c.pass.Pkg && c.usesDatabase(callee.Origin()) {
				uses = true
			}
		}
		return !uses
	})
	c.usesDB[fn] = uses
	return uses
}

// returnsNonNilError reports whether ret, in the function fn, returns a
// certainly non-nil error as result number k.
func (c *checker) returnsNonNilError(f *model.Func, ret *ast.ReturnStmt, k int) bool {
	sig, fn := f.Sig, f.Cursor
	if sig == nil || k >= sig.Results().Len() {
		return false
	}
	retCur, ok := fn.FindNode(ret)
	if !ok {
		return false
	}
	switch len(ret.Results) {
	case 0: // a bare return of the named result
		return c.guardedNonNil(retCur, sig.Results().At(k))
	case sig.Results().Len():
		e := ast.Unparen(ret.Results[k])
		switch e := e.(type) {
		case *ast.CompositeLit:
			return true
		case *ast.UnaryExpr:
			_, lit := e.X.(*ast.CompositeLit)
			return e.Op == token.AND && lit
		case *ast.CallExpr:
			if f, ok := typeutil.Callee(c.info, e).(*types.Func); ok && f.Pkg() != nil {
				name := f.Pkg().Path() + "." + f.Name()
				return name == "fmt.Errorf" || name == "errors.New"
			}
		case *ast.Ident:
			if v, ok := c.info.Uses[e].(*types.Var); ok {
				return c.sentinels()[v] || c.guardedNonNil(retCur, v)
			}
		}
	}
	return false
}

// guardedNonNil reports whether the statement at cur lies in the body of
// an `if x != nil` that does not assign x before it.
func (c *checker) guardedNonNil(cur inspector.Cursor, x *types.Var) bool {
	for anc := range cur.Enclosing((*ast.IfStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		ifs, ok := anc.Node().(*ast.IfStmt)
		if !ok {
			return false
		}
		if !syntax.Within(cur.Node(), ifs.Body) || syntax.NonNilCheck(c.info, ifs.Cond) != x {
			continue
		}
		assigned := false
		ast.Inspect(ifs.Body, func(n ast.Node) bool {
			if n != nil && n.Pos() < cur.Node().Pos() && syntax.Writes(c.info, n, x) {
				assigned = true
			}
			return !assigned
		})
		return !assigned
	}
	return false
}

// sentinels returns the package-level error variables of this package
// that are certainly non-nil: initialized with errors.New or fmt.Errorf
// (`var ErrNotFound = errors.New("not found")`) and never assigned or
// addressed anywhere in the package. A sentinel of another package is not
// followed: its initializer is not seen.
func (c *checker) sentinels() map[*types.Var]bool {
	if c.sentinel != nil {
		return c.sentinel
	}
	c.sentinel = make(map[*types.Var]bool)
	isCtor := func(e ast.Expr) bool {
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok {
			return false
		}
		f, ok := typeutil.Callee(c.info, call).(*types.Func)
		if !ok || f.Pkg() == nil {
			return false
		}
		name := f.Pkg().Path() + "." + f.Name()
		return name == "errors.New" || name == "fmt.Errorf"
	}
	for _, file := range c.pass.Files {
		for _, d := range file.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				if len(vs.Names) != len(vs.Values) {
					continue
				}
				for i, name := range vs.Names {
					if v, ok := c.info.Defs[name].(*types.Var); ok && isCtor(vs.Values[i]) {
						c.sentinel[v] = true
					}
				}
			}
		}
	}
	for _, file := range c.pass.Files {
		ast.Inspect(file, func(n ast.Node) bool {
			for v := range c.sentinel {
				if syntax.Writes(c.info, n, v) { // assigned, or its address taken
					delete(c.sentinel, v)
				}
			}
			return len(c.sentinel) > 0
		})
	}
	return c.sentinel
}
