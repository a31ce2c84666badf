package gopls_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/txvet/txvet/internal/testtool"
)

// TestQuickFixes applies each fix of a txvet finding on the example through
// gopls's code-action path (`gopls codeaction -kind=quickfix -exec`, the
// request an editor sends for a quick fix), each on a fresh copy. The
// edited file must be exactly txvet's fix applied, the module must still
// build, and txvet must report every other finding and not this one.
func TestQuickFixes(t *testing.T) {
	gopls := goplsBinary(t)
	example := filepath.Join(testtool.RepoRoot(), "example")
	before := txvetFindings(t, example)
	fixed := 0
	for i, f := range before {
		if len(f.Fixes) == 0 {
			continue
		}
		fixed++
		t.Run(fmt.Sprintf("%s:%d", f.File, f.Line), func(t *testing.T) {
			dir := testtool.CopyDir(t, example)
			fx := f.Fixes[0]
			cmd := exec.Command(gopls, "codeaction", "-kind=quickfix", "-title=^"+regexp.QuoteMeta(fx.Message)+"$",
				"-exec", "-write", fmt.Sprintf("%s:%d:%d", f.File, f.Line, f.Col))
			cmd.Dir = dir
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("%s: %v\n%s", strings.Join(cmd.Args, " "), err, out)
			}

			// The files as txvet's fix leaves them.
			edited := editFiles(t, example, fx)
			for file, want := range edited {
				got, err := os.ReadFile(filepath.Join(dir, file))
				if err != nil {
					t.Fatal(err)
				}
				if string(got) != want {
					t.Errorf("gopls's quick fix %q left %s as:\n%s\ntxvet's fix gives:\n%s", fx.Message, file, got, want)
				}
			}

			testtool.Command(t, dir, []int{0}, "go", "build", "./...")

			// Every other finding, at its position moved by the edits.
			var want []string
			for j, other := range before {
				if j == i {
					continue
				}
				want = append(want, placeAfter(t, example, other, fx))
			}
			var got []string
			for _, after := range txvetFindings(t, dir) {
				got = append(got, place(t, dir, after))
			}
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("after the fix of %s txvet reports (file:offset analyzer/category):\n  %s\nwant:\n  %s",
					f, strings.Join(got, "\n  "), strings.Join(want, "\n  "))
			}
		})
	}
	if fixed == 0 {
		t.Fatal("no txvet finding on the example has a fix")
	}
}

// editFiles returns the contents of the files fx edits (relative to dir,
// where txvet ran) with the edits applied.
func editFiles(t *testing.T, dir string, fx fix) map[string]string {
	t.Helper()
	edited := make(map[string]string)
	byFile := make(map[string][]int) // edit indexes
	for k, e := range fx.Edits {
		file := relative(t, dir, e.Filename)
		byFile[file] = append(byFile[file], k)
	}
	for file, idx := range byFile {
		src, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		// Apply from the end, so that earlier offsets stay valid.
		slices.SortFunc(idx, func(a, b int) int { return fx.Edits[b].Start - fx.Edits[a].Start })
		text := string(src)
		for _, k := range idx {
			e := fx.Edits[k]
			text = text[:e.Start] + e.New + text[e.End:]
		}
		edited[file] = text
	}
	return edited
}

// place names a finding by file, byte offset, analyzer and category:
// unlike its line and its message (which may quote line numbers), that
// survives an edit elsewhere in the file once the offset is moved.
func place(t *testing.T, dir string, f finding) string {
	return fmt.Sprintf("%s:%d %s/%s", f.File, offset(t, dir, f), f.Analyzer, f.Category)
}

// placeAfter is place for where the finding f in dir lies after the fix.
func placeAfter(t *testing.T, dir string, f finding, fx fix) string {
	t.Helper()
	off := offset(t, dir, f)
	moved := off
	for _, e := range fx.Edits {
		if relative(t, dir, e.Filename) != f.File {
			continue
		}
		switch {
		case e.End <= off:
			moved += len(e.New) - (e.End - e.Start)
		case e.Start < off:
			t.Fatalf("finding %s lies inside an edit of the fix %q", f, fx.Message)
		}
	}
	return fmt.Sprintf("%s:%d %s/%s", f.File, moved, f.Analyzer, f.Category)
}

// offset is the byte offset of the finding's line and column.
func offset(t *testing.T, dir string, f finding) int {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(dir, f.File))
	if err != nil {
		t.Fatal(err)
	}
	off := 0
	for range f.Line - 1 {
		nl := strings.IndexByte(string(src[off:]), '\n')
		if nl < 0 {
			t.Fatalf("%s has no line %d", f.File, f.Line)
		}
		off += nl + 1
	}
	return off + f.Col - 1
}
