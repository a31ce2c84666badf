// Package txfacts infers, as analysis facts that cross package boundaries,
// two properties of the functions of the analyzed code:
//
//   - a function releases one of its parameters on every path, like
//     finish(tx *sql.Tx, err *error); `defer finish(tx, &err)` then owns
//     the release of tx (fact Releases);
//   - a function begins a transaction, calls one of its callback
//     parameters with it and then commits or rolls it back, like a
//     project's own WithTx(ctx, db, fn); the callback must not release the
//     transaction itself (fact RunsInTx). The fact also records whether
//     the callback gets a value derived from the transaction instead
//     (sqlc's New(tx)), and whether the helper uses the result of its
//     own rollback (errors.Join(err, tx.Rollback())).
//
// The inference is syntactic and cheap: one walk per function that has a
// resource or a callback parameter, and a control-flow graph only to
// check "on every path". Within one package a helper may wrap another
// (iterated to a fixed point); across packages the facts carry it.
//
// The package holds only the facts and their inference: the syntactic
// rules it shares with the analyzers are in packages syntax, flow and
// lifecycle.
package txfacts

import (
	"fmt"
	"go/ast"
	"go/types"
	"reflect"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/txvet/txvet/internal/dbcode"
	"github.com/txvet/txvet/internal/guard"
	"github.com/txvet/txvet/internal/knowledge"
	"github.com/txvet/txvet/internal/syntax"
)

var Analyzer = &analysis.Analyzer{
	Name:       "txfacts",
	Doc:        "infer which functions release a transaction parameter or run a callback inside a transaction they own",
	Requires:   []*analysis.Analyzer{dbcode.Analyzer},
	FactTypes:  []analysis.Fact{new(Releases), new(RunsInTx)},
	ResultType: reflect.TypeFor[*Result](),
	// A panic becomes an error of this package (its dependents then fail
	// their prerequisites), not a crash of the run.
	Run: guard.Run(func(pass *analysis.Pass, _ *guard.Guard) (any, error) { return run(pass) }),
}

// ParamRelease says how a function releases one of its parameters on
// every path.
type ParamRelease struct {
	Index     int  // parameter index
	Commits   bool // some path commits
	RollsBack bool // some path rolls back, closes or gives back the resource
	Observes  bool // the result of such a rollback is used (checked, returned)
}

// Releases is the fact that a function releases some of its parameters on
// every path that returns. Params is sorted by Index.
type Releases struct{ Params []ParamRelease }

func (*Releases) AFact() {}

func (f *Releases) String() string {
	var parts []string
	for _, p := range f.Params {
		ops := []string{}
		if p.Commits {
			ops = append(ops, "commit")
		}
		if p.RollsBack {
			ops = append(ops, "rollback")
		}
		if p.Observes {
			ops = append(ops, "checked")
		}
		parts = append(parts, fmt.Sprintf("%d(%s)", p.Index, strings.Join(ops, "+")))
	}
	return "releases " + strings.Join(parts, " ")
}

// RunsInTx is the fact that a function begins a transaction, calls its
// argument number Callback with the transaction as the callback's
// parameter number TxParam, and then commits or rolls it back.
// ChecksRollback records what it does with a failed second release: true
// when the result of its rollback reaches what it returns or stores
// (errors.Join(err, tx.Rollback())), false when it drops it.
//
// Derived says that the callback's parameter is not the transaction but a
// value derived from it (`fn(ctx, New(tx))`, `fn(ctx, q.WithTx(tx))`):
// it carries the transaction's connection, and is no transaction to
// release.
type RunsInTx struct {
	Callback, TxParam int
	ChecksRollback    bool
	Derived           bool
}

func (*RunsInTx) AFact() {}

func (f *RunsInTx) String() string {
	s := fmt.Sprintf("runs callback %d in tx (param %d)", f.Callback, f.TxParam)
	if f.ChecksRollback {
		s += ", checks its rollback"
	}
	if f.Derived {
		s += ", derived"
	}
	return s
}

// Result answers, for the functions of the package and of its
// dependencies, what the facts say.
type Result struct {
	releases map[*types.Func]*Releases
	scopes   map[*types.Func]*RunsInTx
}

// Release reports whether fn releases its parameter i on every path.
func (r *Result) Release(fn *types.Func, i int) (ParamRelease, bool) {
	if f := r.releases[fn.Origin()]; f != nil {
		for _, p := range f.Params {
			if p.Index == i {
				return p, true
			}
		}
	}
	return ParamRelease{}, false
}

// ScopeCall reports whether call runs a callback inside a transaction the
// callee owns: a helper of package knowledge, or a function with a
// RunsInTx fact.
func (r *Result) ScopeCall(info *types.Info, call *ast.CallExpr) (knowledge.Scope, bool) {
	if sc, ok := knowledge.ScopeCall(info, call); ok {
		return sc, true
	}
	fn := syntax.StaticCallee(info, call)
	if fn == nil {
		return knowledge.Scope{}, false
	}
	f := r.scopes[fn.Origin()]
	if f == nil || f.Callback >= len(call.Args) {
		return knowledge.Scope{}, false
	}
	return knowledge.Scope{Callback: f.Callback, TxParam: f.TxParam, ChecksRollback: f.ChecksRollback, Derived: f.Derived}, true
}

// isDependency reports whether the package belongs to a versioned
// dependency module rather than to the code being analysed. Facts are
// inferred only for the analysed module(s): third-party helpers are known
// from the knowledge tables. Inferring them too would make go vet and
// golangci-lint, which analyse dependencies from source, disagree with the
// txvet command, which loads dependencies from export data.
func isDependency(m *analysis.Module) bool {
	return m != nil && m.Version != ""
}

func run(pass *analysis.Pass) (any, error) {
	res := &Result{
		releases: make(map[*types.Func]*Releases),
		scopes:   make(map[*types.Func]*RunsInTx),
	}
	for _, of := range pass.AllObjectFacts() {
		fn, ok := of.Object.(*types.Func)
		if !ok {
			continue
		}
		switch f := of.Fact.(type) {
		case *Releases:
			res.releases[fn] = f
		case *RunsInTx:
			res.scopes[fn] = f
		}
	}
	if isDependency(pass.Module) || !pass.ResultOf[dbcode.Analyzer].(*dbcode.Result).Relevant {
		return res, nil
	}
	// Releases first: RunsInTx uses them (defer finish(tx, &err)).
	var decls []syntax.Decl
	for _, d := range syntax.FuncDecls(pass.TypesInfo, pass.Files).List {
		if d.Decl.Body != nil {
			decls = append(decls, d)
		}
	}
	for _, d := range decls {
		if f := inferReleases(pass.TypesInfo, d.Decl); f != nil {
			res.releases[d.Func] = f
			pass.ExportObjectFact(d.Func, f)
		}
	}
	// A helper may wrap another helper of the same package: iterate until
	// nothing new is found, so that the result does not depend on the
	// order of declarations.
	for changed := true; changed; {
		changed = false
		for _, d := range decls {
			if res.scopes[d.Func] != nil {
				continue
			}
			if f := inferRunsInTx(pass.TypesInfo, res, d.Decl); f != nil {
				res.scopes[d.Func] = f
				pass.ExportObjectFact(d.Func, f)
				changed = true
			}
		}
	}
	return res, nil
}
