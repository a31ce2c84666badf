// Package dbcode defines the analyzer every txvet analyzer starts from. It
// tells whether a package holds database code at all, and builds AST
// inspectors over just the declarations an analyzer can report in.
//
// Most packages of a program never touch a transaction, and most
// functions of those that do never release or share one. Building an
// inspector over every file (as requiring inspect.Analyzer does) was more
// than half of txvet's cost over plain type-checking, and most of the
// memory it allocated.
package dbcode

import (
	"go/ast"
	"go/types"
	"reflect"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/txvet/txvet/internal/knowledge"
)

// Analyzer computes a *Result for each package.
var Analyzer = &analysis.Analyzer{
	Name:             "txvetdbcode",
	Doc:              "find whether a package declares or uses a database handle, and inspect it only then",
	URL:              "https://github.com/txvet/txvet",
	Run:              run,
	RunDespiteErrors: true,
	ResultType:       reflect.TypeFor[*Result](),
}

// Result says whether the package holds database code.
type Result struct {
	// Relevant is true when the package declares or uses a variable, a
	// parameter or a field whose type is a database handle (a resource, a
	// pool or a gorm *DB) or a callback that takes one. Every finding and
	// every fact of txvet is about such a variable.
	Relevant bool

	// The declarations are found on first use: packages analyzed only
	// for facts (dependencies under go vet, in-module imports) never need
	// them.
	info  *types.Info
	files []*ast.File
	once  sync.Once
	decls []*ast.File // see Declarations
	kinds map[ast.Decl]Kinds
}

// Kinds says what database code a top-level declaration holds.
type Kinds uint8

// An acquisition (knowledge.BeginCall) is not a kind of its own yet: on
// the generated corpus, declarations that only acquire added a quarter to
// the model's inspector (161 MB allocated against 130 MB). An analyzer
// that reports in such declarations (a leak with no release at all) adds
// the kind and pays for it.
const (
	Releases Kinds = 1 << iota // a release call (knowledge.ReleaseCall)
	Launches                   // a go statement or a launch call (knowledge.LaunchCall)
)

func (r *Result) findDeclarations() {
	r.once.Do(func() {
		if r.Relevant {
			r.decls, r.kinds = declarations(r.info, r.files)
		}
	})
}

// Declarations returns an inspector over the top-level declarations that
// hold a release or a launch, or nil if none does.
//
// The declarations are the package's own nodes, so positions, type
// information and fixes are those of the real files; but each is seen
// alone in a copy of its file. They suit analyzers whose cursors never
// leave the top-level declaration they start in, and which read
// pass.Files for anything file-wide (imports). Each call builds a new
// inspector: the model (package model) builds the one its analyzers share.
func (r *Result) Declarations() *inspector.Inspector {
	r.findDeclarations()
	return inspect(r.decls)
}

// KindsOf says what database code the top-level declaration d holds.
func (r *Result) KindsOf(d ast.Decl) Kinds {
	r.findDeclarations()
	return r.kinds[d]
}

func run(pass *analysis.Pass) (any, error) {
	return &Result{Relevant: holdsHandle(pass.TypesInfo), info: pass.TypesInfo, files: pass.Files}, nil
}

// mentionsHandle reports whether t is a database handle, a struct (or
// pointer to one) with a field that is one or looks like one (sqlc's
// Queries with its DBTX, a store holding its *sql.DB: a project helper may
// bind it to a transaction), or a function (a callback such as WithTx's)
// that takes or returns one, looking depth levels of callbacks deep.
func mentionsHandle(t types.Type, depth int) bool {
	if knowledge.IsHandle(t) || holdsHandleField(t) {
		return true
	}
	sig, ok := t.Underlying().(*types.Signature)
	if !ok || depth == 0 {
		return false
	}
	for _, tuple := range []*types.Tuple{sig.Params(), sig.Results()} {
		for v := range tuple.Variables() {
			if mentionsHandle(v.Type(), depth-1) {
				return true
			}
		}
	}
	return false
}

func holdsHandleField(t types.Type) bool {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for f := range st.Fields() {
		if knowledge.IsHandle(f.Type()) || types.IsInterface(f.Type()) && knowledge.LooksLikeHandle(f.Type()) {
			return true
		}
	}
	return false
}

// holdsHandle reports whether info defines or uses a variable of a database
// handle type.
func holdsHandle(info *types.Info) bool {
	if info == nil {
		return false
	}
	seen := make(map[types.Type]bool)
	isHandle := func(obj types.Object) bool {
		v, ok := obj.(*types.Var)
		if !ok {
			return false
		}
		t := v.Type()
		h, ok := seen[t]
		if !ok {
			h = mentionsHandle(t, 2)
			seen[t] = h
		}
		return h
	}
	for _, obj := range info.Defs {
		if isHandle(obj) {
			return true
		}
	}
	for _, obj := range info.Uses {
		if isHandle(obj) {
			return true
		}
	}
	return false
}
