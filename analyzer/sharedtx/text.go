package sharedtx

import (
	"go/ast"
	"go/scanner"
	"go/token"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/txvet/txvet/internal/edit"
)

// source returns the content of the file holding pos, read through the
// pass once (see edit.Source: nil when it cannot be read as parsed).
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

// render returns the source text from..to with the edits subs and extra
// applied (those inside the range), and the indentation of every line
// after the first moved from oldIndent to newIndent, except inside raw
// string literals, whose text is their value.
func (x *fixer) render(from, to token.Pos, oldIndent, newIndent string, extra ...analysis.TextEdit) string {
	tf, src := x.a.source(from)
	if src == nil {
		return ""
	}
	start, end := tf.Offset(from), tf.Offset(to)
	var edits []analysis.TextEdit
	for _, e := range slices.Concat(x.subs, extra) {
		if from <= e.Pos && e.End <= to {
			edits = append(edits, e)
		}
	}
	slices.SortStableFunc(edits, func(a, b analysis.TextEdit) int { return int(a.Pos) - int(b.Pos) })
	raw := rawNewlines(src[start:end], start)
	var b strings.Builder
	lineStart := false
	for i := start; i < end; {
		for len(edits) > 0 && tf.Offset(edits[0].Pos) < i {
			edits = edits[1:] // inside an edit already applied
		}
		if len(edits) > 0 && tf.Offset(edits[0].Pos) == i {
			e := edits[0]
			edits = edits[1:]
			b.Write(e.NewText)
			if j := tf.Offset(e.End); j > i {
				lineStart = len(e.NewText) == 0 && src[j-1] == '\n'
				i = j
			}
			continue
		}
		if lineStart && oldIndent != newIndent && strings.HasPrefix(string(src[i:end]), oldIndent) {
			b.WriteString(newIndent)
			i += len(oldIndent)
			lineStart = false
			continue
		}
		b.WriteByte(src[i])
		lineStart = src[i] == '\n' && !raw[i]
		i++
	}
	for _, e := range edits {
		if e.Pos == to { // insertions at the end
			b.Write(e.NewText)
		}
	}
	return b.String()
}

// rawNewlines returns the offsets (src starting at base) of the newlines
// inside raw string literals.
func rawNewlines(src []byte, base int) map[int]bool {
	out := make(map[int]bool)
	fset := token.NewFileSet()
	f := fset.AddFile("", -1, len(src))
	var s scanner.Scanner
	s.Init(f, src, nil, 0)
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			return out
		}
		if tok == token.STRING && strings.HasPrefix(lit, "`") {
			off := f.Offset(pos)
			for i := range len(lit) {
				if lit[i] == '\n' {
					out[base+off+i] = true
				}
			}
		}
	}
}

// fileOf returns the syntax of the file holding pos.
func (a *analyzer) fileOf(pos token.Pos) *ast.File {
	for _, f := range a.pass.Files {
		if f.FileStart <= pos && pos < f.FileEnd {
			return f
		}
	}
	return nil
}

// hasCommentIn reports whether a comment starts between from and to, which
// a rewrite that drops that text would lose.
func (a *analyzer) hasCommentIn(from, to token.Pos) bool {
	f := a.fileOf(from)
	if f == nil {
		return true
	}
	for _, g := range f.Comments {
		if from <= g.Pos() && g.Pos() < to {
			return true
		}
	}
	return false
}

// deleteStmt removes n, with its whole line when nothing else is on it
// (see edit.WholeLine).
func (a *analyzer) deleteStmt(n ast.Node) analysis.TextEdit {
	tf, b := a.source(n.Pos())
	return edit.Delete(tf, b, n)
}
