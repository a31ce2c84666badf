package edit

import (
	"go/token"
	"strings"
	"testing"
)

// TestWholeLine checks the span that the redundant-release fix deletes: the
// whole line, with a trailing // comment, when the statement is alone on
// it; else just the statement.
func TestWholeLine(t *testing.T) {
	for _, tc := range []struct{ src, stmt, want string }{
		{"a()\n\ttx.Rollback()\nb()\n", "tx.Rollback()", "a()\nb()\n"},
		{"a()\n\ttx.Rollback() \t\nb()\n", "tx.Rollback()", "a()\nb()\n"},
		{"a()\n\ttx.Rollback() // why\nb()\n", "tx.Rollback()", "a()\nb()\n"},
		{"a()\n\ttx.Rollback()// why\nb()\n", "tx.Rollback()", "a()\nb()\n"},
		{"a()\n\t_ = tx.Rollback() // a /* b */\nb()\n", "_ = tx.Rollback()", "a()\nb()\n"},
		{"a()\n\ttx.Rollback() // why\n\t// next\nb()\n", "tx.Rollback()", "a()\n\t// next\nb()\n"},
		// Kept as before: a block comment, a semicolon, other code, CRLF,
		// no final newline.
		{"a()\n\ttx.Rollback() /* why */\nb()\n", "tx.Rollback()", "a()\n\t /* why */\nb()\n"},
		{"a()\n\ttx.Rollback() /* x */ // why\nb()\n", "tx.Rollback()", "a()\n\t /* x */ // why\nb()\n"},
		{"a()\n\ttx.Rollback(); // why\nb()\n", "tx.Rollback()", "a()\n\t; // why\nb()\n"},
		{"a(); tx.Rollback()\nb()\n", "tx.Rollback()", "a(); \nb()\n"},
		{"a(); tx.Rollback() // why\nb()\n", "tx.Rollback()", "a();  // why\nb()\n"},
		{"a()\r\n\ttx.Rollback()\r\nb()\r\n", "tx.Rollback()", "a()\r\n\t\r\nb()\r\n"},
		{"a()\r\n\ttx.Rollback() // why\r\nb()\r\n", "tx.Rollback()", "a()\r\n\t // why\r\nb()\r\n"},
		{"a()\n\t_ = tx.Rollback()", "_ = tx.Rollback()", "a()\n\t"},
		{"a()\n\ttx.Rollback() // why", "tx.Rollback()", "a()\n\t // why"},
	} {
		fset := token.NewFileSet()
		tf := fset.AddFile("a.go", -1, len(tc.src))
		tf.SetLinesForContent([]byte(tc.src))
		off := strings.Index(tc.src, tc.stmt)
		start, end := tf.Pos(off), tf.Pos(off+len(tc.stmt))
		s, e := WholeLine(tf, []byte(tc.src), start, end)
		got := tc.src[:tf.Offset(s)] + tc.src[tf.Offset(e):]
		if got != tc.want {
			t.Errorf("deleting %q from %q = %q, want %q", tc.stmt, tc.src, got, tc.want)
		}
	}
}
