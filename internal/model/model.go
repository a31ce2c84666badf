// Package model defines the analyzer txmodel, whose result is the model
// of a package's transaction code that every txvet analyzer reads and
// none rebuilds.
//
// The model covers the top-level declarations that hold database code
// (package dbcode: a release or a launch) and answers, for
// each function (declaration or literal) in them, lazily and once:
//
//   - resources: which local variables hold a transaction or a connection
//     and where each came from: an acquisition (a Begin call), a
//     parameter, the transaction parameter of a scoped helper's callback
//     (a library's, or a project helper known by a txfacts.RunsInTx
//     fact), or a value derived from another resource (sqlc New(tx) and
//     q.WithTx(tx), a struct literal holding it, tx.Stmt, the rows of
//     tx.Query). Whether a *gorm.DB is a transaction has one answer here
//     (Model.IsResource).
//   - releases: each explicit release call of a resource variable, its
//     operation, and whether its result is discarded.
//   - defers: each deferred statement that owns the release of a
//     variable, and the kind of scope it gives (DeferKind).
//   - the scoped-helper callback a function literal is, if any (Callback).
//   - launches: each start of concurrent work, its group, whether a limit
//     may be set elsewhere, and the resources it captures; the groups
//     limited to one launch at a time.
//   - uses of a resource in the function: database work, hand-overs to a
//     function, and escapes (returned, stored, sent, captured by a
//     function literal, passed to an unknown function).
//   - one control-flow graph (package flow), with the one rule for calls
//     that do not return, and its path queries.
//
// Cursors never leave the top-level declaration they start in (see
// dbcode.Result.Declarations); code that needs whole files reads
// pass.Files.
package model

import (
	"go/ast"
	"go/token"
	"go/types"
	"iter"
	"reflect"
	"sync"
	"weak"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/txvet/txvet/internal/dbcode"
	"github.com/txvet/txvet/internal/flow"
	"github.com/txvet/txvet/internal/knowledge"
	"github.com/txvet/txvet/internal/syntax"
	"github.com/txvet/txvet/internal/txfacts"
)

// Analyzer computes a *Result for each package, which opens its *Model.
var Analyzer = &analysis.Analyzer{
	Name:       "txmodel",
	Doc:        "build the model of a package's transaction code that the txvet analyzers read",
	URL:        "https://github.com/txvet/txvet",
	Run:        run,
	Requires:   []*analysis.Analyzer{dbcode.Analyzer, txfacts.Analyzer},
	ResultType: reflect.TypeFor[*Result](),
}

// Result is the analyzer's result: it opens the package's model.
//
// Drivers keep every result to the end of a run (the x/tools checker,
// gopls), and the model of a package that is all database code is as
// large as an inspector over it. So the result holds the model weakly:
// each analyzer opens it once and keeps it for its pass; analyzers of one
// package that run at once, or one after the other before the garbage
// collector has run, share it; after that it is freed, and an analyzer
// that comes later still gets the same answers from a new one.
type Result struct {
	info  *types.Info
	pkg   *types.Package
	files []*ast.File
	facts *txfacts.Result
	code  *dbcode.Result

	mu    sync.Mutex
	model weak.Pointer[Model]
}

func run(pass *analysis.Pass) (any, error) {
	return &Result{
		info:  pass.TypesInfo,
		pkg:   pass.Pkg,
		files: pass.Files,
		facts: pass.ResultOf[txfacts.Analyzer].(*txfacts.Result),
		code:  pass.ResultOf[dbcode.Analyzer].(*dbcode.Result),
	}, nil
}

// Open returns the model of the package. Keep it, and every cursor and
// Func it gives, for the whole pass: cursors of two models do not mix.
func (r *Result) Open() *Model {
	r.mu.Lock()
	defer r.mu.Unlock()
	if m := r.model.Value(); m != nil {
		return m
	}
	m := &Model{Info: r.info, Pkg: r.pkg, Files: r.files, Facts: r.facts, code: r.code}
	if r.code.Relevant {
		if ins := r.code.Declarations(); ins != nil {
			m.root, m.valid = ins.Root(), true
		}
	}
	r.model = weak.Make(m)
	return m
}

// Model is the model of one package's transaction code. It is safe for
// concurrent use: drivers may run two analyzers of one package at once.
type Model struct {
	Info  *types.Info
	Pkg   *types.Package
	Files []*ast.File
	Facts *txfacts.Result

	code  *dbcode.Result
	root  inspector.Cursor // over the declarations that hold database code
	valid bool

	lazy
}

// Root returns a cursor over the declarations that hold database code;
// false when there are none (the package holds no database handle, or no
// declaration releases or launches).
func (m *Model) Root() (inspector.Cursor, bool) { return m.root, m.valid }

// Declarations returns the cursors of the model's top-level declarations
// that hold any of kinds, in source order.
func (m *Model) Declarations(kinds dbcode.Kinds) iter.Seq[inspector.Cursor] {
	return func(yield func(inspector.Cursor) bool) {
		if !m.valid {
			return
		}
		m.declAt(token.NoPos) // sorts the declarations
		for _, d := range m.declCursors {
			if m.code.KindsOf(d.Node().(ast.Decl))&kinds != 0 && !yield(d) {
				return
			}
		}
	}
}

// Decl returns the declaration of fn, a function of the package, or nil.
func (m *Model) Decl(fn *types.Func) *ast.FuncDecl {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.decls == nil {
		m.decls = syntax.FuncDecls(m.Info, m.Files)
	}
	return m.decls.Of(fn)
}

// ScopeCall reports whether call runs a callback inside a transaction the
// callee owns: a helper of package knowledge, or a function of the
// analysed code known by a fact.
func (m *Model) ScopeCall(call *ast.CallExpr) (knowledge.Scope, bool) {
	return m.Facts.ScopeCall(m.Info, call)
}

// Func returns the model of the function declaration or literal at cur.
func (m *Model) Func(cur inspector.Cursor) *Func {
	m.mu.Lock()
	defer m.mu.Unlock()
	if f, ok := m.funcs[cur.Node()]; ok {
		return f
	}
	typ, body := syntax.FuncParts(cur.Node())
	if typ == nil {
		return nil
	}
	f := &Func{m: m, Cursor: cur, Type: typ, Body: body, Sig: syntax.FuncSig(m.Info, cur.Node())}
	if m.funcs == nil {
		m.funcs = make(map[ast.Node]*Func)
	}
	m.funcs[cur.Node()] = f
	return f
}

// Enclosing returns the model of the innermost function around cur.
func (m *Model) Enclosing(cur inspector.Cursor) *Func {
	fn, ok := syntax.EnclosingFunc(cur)
	if !ok {
		return nil
	}
	return m.Func(fn)
}

// Func is the model of one function declaration or literal.
type Func struct {
	m      *Model
	Cursor inspector.Cursor // the *ast.FuncDecl or *ast.FuncLit
	Type   *ast.FuncType    //
	Body   *ast.BlockStmt   // nil for a declaration without body
	Sig    *types.Signature // nil if not type-checked

	graphOnce, releasesOnce, defersOnce, callbackOnce, launchesOnce sync.Once

	graph    *flow.Graph
	releases []Release
	defers   []Defer
	callback *Callback
	launches []*Launch
}

// CFG returns the control-flow graph of the function's body, built once;
// nil for a declaration without body.
func (f *Func) CFG() *flow.Graph {
	f.graphOnce.Do(func() {
		if f.Body != nil {
			f.graph = flow.New(f.m.Info, f.Body)
		}
	})
	return f.graph
}

// Model returns the model the function belongs to.
func (f *Func) Model() *Model { return f.m }
