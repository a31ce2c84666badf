package sharedtx

import (
	"fmt"
	"go/ast"
	"go/token"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/txvet/txvet/internal/knowledge"
)

// reportFinding reports one resource shared by overlapping launches, once,
// at the first launch, naming the others by line in the message itself.
//
// fixed holds the launches an earlier finding of the function already
// rewrites: when two resources share the same launches, the second
// diagnostic carries no copy of the first one's fix, which a driver that
// applies every fix would apply twice.
func (a *analyzer) reportFinding(fn inspector.Cursor, f *finding, fixed map[*launch]bool) {
	first := f.launches[0]
	d := analysis.Diagnostic{
		Pos:      first.pos(),
		End:      first.call.Lparen,
		Category: Category,
		Message:  a.message(f),
	}
	name := f.root.Name()
	for _, l := range f.launches[1:] {
		d.Related = append(d.Related, analysis.RelatedInformation{
			Pos: l.pos(), End: l.call.Lparen,
			Message: fmt.Sprintf("%s is also used by the goroutine launched here", name),
		})
	}
	for _, u := range f.uses {
		d.Related = append(d.Related, analysis.RelatedInformation{
			Pos: u.pos, Message: fmt.Sprintf("%s is used here while the goroutines run", name),
		})
	}
	covered := true
	for _, l := range f.launches {
		covered = covered && fixed[l]
	}
	var deleted []ast.Node
	if fix, del := a.fix(fn, f); fix != nil && !covered {
		d.SuggestedFixes = []analysis.SuggestedFix{*fix}
		deleted = del
		for _, l := range f.launches {
			fixed[l] = true
		}
	}
	a.pending = append(a.pending, pendingReport{d, deleted})
}

// message names the resource, every launch and use by line, and the remedy.
func (a *analyzer) message(f *finding) string {
	kind := "transaction"
	if r, ok := knowledge.Classify(f.root.Type()); ok {
		kind = r.Kind.String()
	}
	name := f.root.Name()
	var who string
	if len(f.launches) == 1 {
		l := f.launches[0]
		if f.inLoop[l] {
			who = fmt.Sprintf("the goroutines launched in a loop at line %d", a.line(l.pos()))
		} else {
			who = fmt.Sprintf("the goroutine launched at line %d", a.line(l.pos()))
		}
	} else {
		var lines []string
		for _, l := range f.launches {
			s := fmt.Sprint(a.line(l.pos()))
			if f.inLoop[l] {
				s += " (in a loop)"
			}
			lines = append(lines, s)
		}
		who = "the goroutines launched at lines " + join(lines)
	}
	if len(f.uses) > 0 {
		var lines []string
		for _, u := range f.uses {
			if s := fmt.Sprint(a.line(u.pos)); !slices.Contains(lines, s) {
				lines = append(lines, s)
			}
		}
		if len(lines) == 1 {
			who += " and by this function at line " + lines[0]
		} else {
			who += " and by this function at lines " + join(lines)
		}
		who += " before it waits for them"
	}
	// One sentence: the rule page says why (one connection, one query at
	// a time) and what a pool connection changes.
	remedy := "run its queries in turn, or use a pool connection per goroutine"
	if kind == "transaction" {
		remedy += " for reads outside the transaction"
	}
	return fmt.Sprintf("%s %s is used at the same time by %s; %s", kind, name, who, remedy)
}

func (a *analyzer) line(pos token.Pos) int { return a.pass.Fset.Position(pos).Line }

func join(items []string) string {
	if len(items) == 1 {
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}
