package main

import (
	"bytes"
	"cmp"
	"fmt"
	"go/ast"
	"go/token"
	"io"
	"os"
	"sort"
)

// An edit replaces bytes [start, end) of a file by text.
type edit struct {
	start, end int
	text       string
	owner      string // position of the diagnostic whose fix it is
}

func (e edit) overlaps(o edit) bool {
	if e.start == e.end && o.start == o.end {
		return e.start == o.start // two insertions at one point: order unknown
	}
	return e.start < o.end && o.start < e.end
}

// fileFixes are the accepted edits of one file.
type fileFixes struct {
	name     string
	original []byte
	edits    []edit
}

// applyFixes applies the first suggested fix of each finding, in order,
// or with diffOnly prints them as a unified diff on stdout. A fix that
// overlaps an edit already accepted from another finding is skipped and
// said so; a fix in a generated file, or outside the main module, is
// refused. It returns the findings
// whose fix was not applied (or that have none).
func applyFixes(findings []finding, diffOnly bool, stdout, stderr io.Writer) ([]finding, error) {
	files := make(map[string]*fileFixes)
	var left []finding
	for _, f := range findings {
		if len(f.diag.SuggestedFixes) == 0 {
			left = append(left, f)
			continue
		}
		ok, err := acceptFix(f, files, stderr)
		if err != nil {
			return nil, err
		}
		if !ok {
			left = append(left, f)
		}
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		ff := files[name]
		fixed := tidy(ff.original, applyEdits(ff.original, ff.edits))
		if diffOnly {
			fmt.Fprint(stdout, unifiedDiff(shortPath(name), ff.original, fixed))
			continue
		}
		info, err := os.Stat(name)
		if err != nil {
			return nil, err
		}
		if err := os.WriteFile(name, fixed, info.Mode().Perm()); err != nil {
			return nil, err
		}
	}
	return left, nil
}

// acceptFix adds the edits of f's first fix to files, unless they touch
// a generated file or overlap an edit of another fix.
func acceptFix(f finding, files map[string]*fileFixes, stderr io.Writer) (bool, error) {
	fset := f.pkg.Fset
	fix := f.diag.SuggestedFixes[0]
	where := displayPosition(fset.Position(f.diag.Pos))
	if f.pkg.Module == nil || !f.pkg.Module.Main {
		// Like go fix: dependencies, the module cache and GOROOT are not
		// the user's to edit.
		fmt.Fprintf(stderr, "txvet: %s: not applying the fix %q: package %s is not in the main module\n", where, fix.Message, f.pkg.PkgPath)
		return false, nil
	}
	proposed := make(map[*fileFixes][]edit)
	for _, te := range fix.TextEdits {
		tf := fset.File(te.Pos)
		if isGenerated(f.pkg.Syntax, tf) {
			fmt.Fprintf(stderr, "txvet: %s: not applying the fix %q: %s is a generated file\n", where, fix.Message, shortPath(tf.Name()))
			return false, nil
		}
		ff, err := fileFor(files, tf)
		if err != nil {
			return false, err
		}
		e := edit{tf.Offset(te.Pos), tf.Offset(cmp.Or(te.End, te.Pos)), string(te.NewText), where}
		duplicate := false
		for _, prev := range ff.edits {
			if prev.start == e.start && prev.end == e.end && prev.text == e.text {
				duplicate = true // the same edit from another finding: harmless
				continue
			}
			if prev.overlaps(e) {
				fmt.Fprintf(stderr, "txvet: %s: skipped the fix %q: it overlaps the fix of the finding at %s; run txvet again after fixing\n", where, fix.Message, prev.owner)
				return false, nil
			}
		}
		if !duplicate {
			proposed[ff] = append(proposed[ff], e)
		}
	}
	for ff, edits := range proposed {
		ff.edits = append(ff.edits, edits...)
	}
	return true, nil
}

func fileFor(files map[string]*fileFixes, tf *token.File) (*fileFixes, error) {
	if ff, ok := files[tf.Name()]; ok {
		return ff, nil
	}
	content, err := os.ReadFile(tf.Name())
	if err != nil {
		return nil, err
	}
	if len(content) != tf.Size() {
		return nil, fmt.Errorf("%s changed since it was analyzed; not fixing", tf.Name())
	}
	ff := &fileFixes{name: tf.Name(), original: content}
	files[tf.Name()] = ff
	return ff, nil
}

// isGenerated reports whether tf is a generated file ("// Code generated
// ... DO NOT EDIT."). The analyzers already drop such fixes; the driver
// refuses them too, in case another analyzer is added.
func isGenerated(files []*ast.File, tf *token.File) bool {
	for _, f := range files {
		if f.FileStart.IsValid() && tf.Base() == int(f.FileStart) {
			return ast.IsGenerated(f)
		}
	}
	return false
}

// applyEdits applies non-overlapping edits to content.
func applyEdits(content []byte, edits []edit) []byte {
	sorted := append([]edit(nil), edits...)
	sort.SliceStable(sorted, func(i, j int) bool {
		return sorted[i].start < sorted[j].start || sorted[i].start == sorted[j].start && sorted[i].end < sorted[j].end
	})
	var out bytes.Buffer
	last := 0
	for _, e := range sorted {
		out.Write(content[last:e.start])
		out.WriteString(e.text)
		last = e.end
	}
	out.Write(content[last:])
	return out.Bytes()
}
