package sharedtx

import (
	"go/ast"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/txvet/txvet/internal/edit"
)

// source returns the content of the file holding pos, read through the pass.
func (a *analyzer) source(pos token.Pos) (*token.File, []byte) {
	tf := a.pass.Fset.File(pos)
	if tf == nil {
		return nil, nil
	}
	if a.files == nil {
		a.files = make(map[*token.File][]byte)
	}
	if b, ok := a.files[tf]; ok {
		return tf, b
	}
	_, b := edit.Source(a.pass, pos)
	a.files[tf] = b
	return tf, b
}

// textRange returns the source text between two positions of one file.
func (a *analyzer) textRange(from, to token.Pos) string {
	tf, b := a.source(from)
	if b == nil {
		return ""
	}
	return string(b[tf.Offset(from):tf.Offset(to)])
}

func (a *analyzer) text(n ast.Node) string { return a.textRange(n.Pos(), n.End()) }

// indent returns the leading white space of pos's line.
func (a *analyzer) indent(pos token.Pos) string {
	tf, b := a.source(pos)
	if b == nil {
		return ""
	}
	start := tf.Offset(tf.LineStart(tf.Line(pos)))
	end := start
	for end < len(b) && (b[end] == ' ' || b[end] == '\t') {
		end++
	}
	return string(b[start:end])
}

// reindent moves text indented for one place to another.
func reindent(text, from, to string) string {
	return strings.ReplaceAll(text, "\n"+from, "\n"+to)
}

// hasComments reports whether n's text holds a comment, which a rewrite
// that keeps only part of n would drop.
func (a *analyzer) hasComments(n ast.Node) bool {
	t := a.text(n)
	return strings.Contains(t, "//") || strings.Contains(t, "/*")
}

// deleteStmt removes n, with its whole line when nothing else is on it
// (see edit.WholeLine).
func (a *analyzer) deleteStmt(n ast.Node) analysis.TextEdit {
	tf, b := a.source(n.Pos())
	return edit.Delete(tf, b, n)
}
