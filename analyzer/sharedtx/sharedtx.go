package sharedtx

import (
	_ "embed"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/txvet/txvet/internal/dbcode"
	"github.com/txvet/txvet/internal/guard"
	"github.com/txvet/txvet/internal/knowledge"
	"github.com/txvet/txvet/internal/meta"
	"github.com/txvet/txvet/internal/model"
	"github.com/txvet/txvet/internal/report"
)

//go:embed doc.go
var doc string

// Analyzer reports a transaction or connection used by goroutines that may
// run at the same time.
var Analyzer = &analysis.Analyzer{
	Name:     "sharedtx",
	Doc:      meta.Doc(doc, "sharedtx"),
	URL:      "https://github.com/txvet/txvet/blob/main/docs/sharedtx.md",
	Requires: []*analysis.Analyzer{model.Analyzer},
	// A panic on one function becomes an error of this package, and the
	// other functions are still checked.
	Run: guard.Run(run),
}

// Category of every sharedtx diagnostic.
const Category = "shared-tx"

// analyzer holds the state of one pass.
type analyzer struct {
	pass *analysis.Pass
	rep  *report.Reporter
	m    *model.Model

	launchCalls  map[*ast.CallExpr]bool // calls whose function runs on another goroutine
	syncCallback map[*ast.FuncLit]bool  // function literals called in place (callbacks, IIFEs)
	rangeChans   map[ast.Node]bool      // the channel of a range-over-channel loop
	blocking     map[*types.Func]blockKind
	files        map[*token.File][]byte
	pending      []pendingReport // the pass's diagnostics, reported at its end
}

// launch is one start of concurrent work, with how the launched function
// depends on other goroutines.
type launch struct {
	node  ast.Node      // the *ast.GoStmt, or the g.Go(...) *ast.CallExpr
	fn    ast.Expr      // the function that runs on the other goroutine
	args  []ast.Expr    // its arguments (go f(args))
	group *types.Var    // the group it belongs to, if known
	roots []*types.Var  // the resources it uses
	block blockKind     // whether the launched function waits for or signals others
	call  *ast.CallExpr // the go statement's call, or the g.Go call

	limitUnknown bool // its group may have a limit set elsewhere
}

func (l *launch) pos() token.Pos { return l.node.Pos() }

func (l *launch) uses(root *types.Var) bool { return slices.Contains(l.roots, root) }

func run(pass *analysis.Pass, g *guard.Guard) (any, error) {
	if len(pass.TypeErrors) > 0 {
		return nil, nil // a package that does not type-check gets no diagnostics
	}
	a := &analyzer{
		pass:         pass,
		rep:          report.New(pass),
		m:            pass.ResultOf[model.Analyzer].(*model.Result).Open(),
		launchCalls:  make(map[*ast.CallExpr]bool),
		syncCallback: make(map[*ast.FuncLit]bool),
		rangeChans:   make(map[ast.Node]bool),
		blocking:     make(map[*types.Func]blockKind),
	}
	// Only the declarations that launch work can share a resource; no
	// cursor here leaves the declaration it starts in (code that edits
	// imports reads pass.Files).
	var decls []inspector.Cursor
	for d := range a.m.Declarations(dbcode.Launches) {
		decls = append(decls, d)
		a.index(d)
	}
	for _, d := range decls {
		for c := range d.Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
			g.Func(c, func() {
				if f := a.m.Func(c); f.Body != nil {
					a.checkFunc(f)
				}
			})
		}
	}
	a.reportPending()
	return nil, nil
}

// index records launch calls, callbacks run in place and channel ranges.
func (a *analyzer) index(root inspector.Cursor) {
	info := a.pass.TypesInfo
	for c := range root.Preorder((*ast.GoStmt)(nil), (*ast.CallExpr)(nil), (*ast.FuncLit)(nil), (*ast.RangeStmt)(nil)) {
		switch n := c.Node().(type) {
		case *ast.GoStmt:
			a.launchCalls[n.Call] = true
		case *ast.CallExpr:
			if _, _, ok := knowledge.LaunchCall(info, n); ok {
				a.launchCalls[n] = true
			}
		case *ast.FuncLit:
			if k := c.ParentEdgeKind(); k == edge.CallExpr_Args || k == edge.CallExpr_Fun {
				a.syncCallback[n] = !a.launchCalls[c.Parent().Node().(*ast.CallExpr)]
			}
		case *ast.RangeStmt:
			if t := info.TypeOf(n.X); t != nil {
				if _, ok := t.Underlying().(*types.Chan); ok {
					a.rangeChans[n.X] = true
				}
			}
		}
	}
}

// checkFunc reports the resources shared by overlapping launches of one
// function body.
func (a *analyzer) checkFunc(f *model.Func) {
	fn := f.Cursor
	launches := a.launches(fn)
	var roots []*types.Var
	for _, l := range launches {
		for _, r := range l.roots {
			if !slices.Contains(roots, r) {
				roots = append(roots, r)
			}
		}
	}
	if len(roots) == 0 {
		return
	}
	flow := newOverlap(a, f, launches)
	limited := f.LimitedGroups()
	fixed := make(map[*launch]bool)
	for _, root := range roots {
		for _, f := range findings(flow, launches, root, limited) {
			a.reportFinding(fn, f, fixed)
		}
	}
}

// launches returns the launches directly in fn's body (not in nested
// function literals, which are checked on their own), with how each
// depends on other goroutines.
func (a *analyzer) launches(fn inspector.Cursor) []*launch {
	var out []*launch
	for _, ml := range a.m.Func(fn).Launches() {
		l := &launch{node: ml.Node, fn: ml.Fn, args: ml.Args, group: ml.Group, roots: ml.Roots, call: ml.Call, limitUnknown: ml.LimitUnknown}
		l.block = a.launchBlocking(l)
		switch {
		case l.block&waitsForOthers != 0:
			// It synchronizes with the launching function (a channel
			// receive, a Wait, a lock taken elsewhere): the order of its
			// queries is not known, so stay silent.
			l.roots = nil
		case l.block&locksMutex != 0:
			// A mutex serialises only the uses inside its critical
			// section: keep the resources some use of which certainly
			// runs outside it (locks.go).
			l.roots = a.unguardedRoots(fn, l)
		}
		out = append(out, l)
	}
	return out
}

// groupVar returns the local variable a group expression (g, &g) names.
func groupVar(info *types.Info, e ast.Expr) *types.Var { return model.GroupVar(info, e) }

// finding is one resource shared by a set of overlapping launches.
type finding struct {
	root     *types.Var
	launches []*launch // in source order
	inLoop   map[*launch]bool
	uses     []use // the launching function's own uses while they run
}

// findings groups the launches that use root into sets that overlap each
// other or the launching function's own use of root.
func findings(flow *overlap, launches []*launch, root *types.Var, limited map[*types.Var]bool) []*finding {
	var users []*launch
	for _, l := range launches {
		if l.uses(root) {
			users = append(users, l)
		}
	}
	// Union-find over the launches; uses join the set of the launch they overlap.
	parent := make(map[*launch]*launch)
	var find func(*launch) *launch
	find = func(l *launch) *launch {
		if parent[l] == nil || parent[l] == l {
			return l
		}
		parent[l] = find(parent[l])
		return parent[l]
	}
	inLoop := make(map[*launch]bool)
	usesOf := make(map[*launch][]use)
	linked := make(map[*launch]bool)
	userOf := make(map[token.Pos]*launch)
	for _, l := range users {
		reached, uses := flow.reach(l, root)
		for _, other := range reached {
			if l.group == other.group && (l.group != nil && limited[l.group] || l.limitUnknown && other.limitUnknown) {
				continue // a group limited to one at a time runs them in turn
			}
			if other == l {
				inLoop[l] = true
			} else {
				parent[find(other)] = find(l)
			}
			linked[l], linked[other] = true, true
		}
		if l.block&drainsChannel != 0 {
			// A worker fed through a channel runs its queries when the
			// function sends: their order is the program's, not guessed.
			uses = nil
		}
		for _, u := range uses {
			// Launches that overlap one use are reported together.
			if other, ok := userOf[u.pos]; ok {
				parent[find(other)] = find(l)
			}
			userOf[u.pos] = l
			usesOf[l] = append(usesOf[l], u)
			linked[l] = true
		}
	}
	sets := make(map[*launch]*finding)
	var out []*finding
	for _, l := range users {
		if !linked[l] {
			continue
		}
		top := find(l)
		f := sets[top]
		if f == nil {
			f = &finding{root: root, inLoop: inLoop}
			sets[top] = f
			out = append(out, f)
		}
		f.launches = append(f.launches, l)
		for _, u := range usesOf[l] {
			if !slices.ContainsFunc(f.uses, func(x use) bool { return x.pos == u.pos }) {
				f.uses = append(f.uses, u)
			}
		}
	}
	for _, f := range out {
		slices.SortFunc(f.uses, func(x, y use) int { return int(x.pos - y.pos) })
	}
	return out
}
