// Package edit builds the text edits of txvet's suggested fixes from the
// source the pass read, so that every fix deletes a statement the same
// way.
package edit

import (
	"bytes"
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/analysis"
)

// Source returns the file holding pos and its content as the pass reads
// it, or a nil content when the file cannot be read as it was parsed (no
// ReadFile, as some drivers leave it; an error; a different size).
func Source(pass *analysis.Pass, pos token.Pos) (*token.File, []byte) {
	tf := pass.Fset.File(pos)
	if tf == nil || pass.ReadFile == nil {
		return tf, nil
	}
	src, err := pass.ReadFile(tf.Name())
	if err != nil || len(src) != tf.Size() {
		return tf, nil
	}
	return tf, src
}

// Delete returns the edit that removes the node n (a statement, a
// declaration, an import spec) from the file tf whose content is src:
// with its whole line when it is alone on it (see WholeLine), else just
// the node. A nil src removes just the node.
func Delete(tf *token.File, src []byte, n ast.Node) analysis.TextEdit {
	start, end := n.Pos(), n.End()
	if tf != nil && src != nil {
		start, end = WholeLine(tf, src, start, end)
	}
	return analysis.TextEdit{Pos: start, End: end}
}

// WholeLine widens [start, end) to its whole line, "\n" included, when
// only blanks precede it on the line and only blanks follow it, optionally
// then a // comment: the comment describes the deleted code and would
// otherwise stay behind. Anything else keeps [start, end) as is: other
// code on the line, a /* */ comment after it, a line that ends in "\r\n"
// or at the end of the file without a newline.
func WholeLine(tf *token.File, src []byte, start, end token.Pos) (token.Pos, token.Pos) {
	if tf.Size() != len(src) {
		return start, end
	}
	lineStart := tf.LineStart(tf.Line(start))
	before, after := src[tf.Offset(lineStart):tf.Offset(start)], src[tf.Offset(end):]
	if len(bytes.Trim(before, " \t")) != 0 {
		return start, end
	}
	nl := bytes.IndexByte(after, '\n')
	if nl < 0 {
		return start, end
	}
	rest := bytes.TrimLeft(after[:nl], " \t")
	if len(rest) == 0 || bytes.HasPrefix(rest, []byte("//")) && !bytes.HasSuffix(rest, []byte("\r")) {
		return lineStart, end + token.Pos(nl) + 1
	}
	return start, end
}
