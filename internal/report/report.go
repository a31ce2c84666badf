// Package report delivers txvet's diagnostics through the analysis pass
// with the policies every txvet analyzer shares, so that they hold under
// every driver (go vet, golangci-lint, nogo, the txvet command):
//
//   - a //txvet:ignore comment on the diagnostic's line, or on the line
//     above it, silences the diagnostic;
//   - generated files are analysed but never fixed: their suggested fixes
//     are dropped.
package report

import (
	"go/ast"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// IgnoreDirective silences a diagnostic on its line or the line below.
const IgnoreDirective = "//txvet:ignore"

// Reporter reports diagnostics of one pass.
type Reporter struct {
	pass  *analysis.Pass
	files map[*token.File]*fileInfo
}

type fileInfo struct {
	generated bool
	ignored   map[int]bool // lines with an ignore directive
}

// New returns a Reporter for pass. It indexes the pass's files lazily.
func New(pass *analysis.Pass) *Reporter {
	return &Reporter{pass: pass, files: make(map[*token.File]*fileInfo)}
}

// Report reports d unless it is silenced, dropping its fixes in a
// generated file.
func (r *Reporter) Report(d analysis.Diagnostic) {
	if r.Silenced(d.Pos) {
		return
	}
	fi := r.info(r.pass.Fset.File(d.Pos))
	if fi.generated {
		d.SuggestedFixes = nil
	}
	r.pass.Report(d)
}

// Silenced reports whether a diagnostic at pos would not be reported: an
// ignore directive is on its line or the line above.
func (r *Reporter) Silenced(pos token.Pos) bool {
	tf := r.pass.Fset.File(pos)
	if tf == nil {
		return true
	}
	fi := r.info(tf)
	line := tf.Line(pos)
	return fi.ignored[line] || fi.ignored[line-1]
}

func (r *Reporter) info(tf *token.File) *fileInfo {
	if fi, ok := r.files[tf]; ok {
		return fi
	}
	fi := &fileInfo{ignored: make(map[int]bool)}
	for _, f := range r.pass.Files {
		if r.pass.Fset.File(f.FileStart) != tf {
			continue
		}
		fi.generated = ast.IsGenerated(f)
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				if IsIgnore(c.Text) {
					fi.ignored[tf.Line(c.Slash)] = true
				}
			}
		}
	}
	r.files[tf] = fi
	return fi
}

// IsIgnore reports whether the comment text is a txvet ignore directive.
func IsIgnore(text string) bool {
	rest, ok := strings.CutPrefix(text, IgnoreDirective)
	return ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t')
}
