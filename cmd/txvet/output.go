package main

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
)

// printFinding prints a finding as go vet does: file:line:col: message,
// then each related position indented.
func printFinding(w io.Writer, f finding) {
	fset := f.pkg.Fset
	fmt.Fprintf(w, "%s: %s\n", displayPosition(fset.Position(f.diag.Pos)), f.diag.Message)
	for _, rel := range f.diag.Related {
		fmt.Fprintf(w, "%s: \t%s\n", displayPosition(fset.Position(rel.Pos)), rel.Message)
	}
}

// displayPosition shortens the file name relative to the working
// directory when that is shorter, like the go command.
func displayPosition(p token.Position) string {
	p.Filename = shortPath(p.Filename)
	return p.String()
}

func shortPath(name string) string {
	wd, err := os.Getwd()
	if err != nil {
		return name
	}
	if rel, err := filepath.Rel(wd, name); err == nil && len(rel) < len(name) && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return name
}

// packageErrors returns the load and type errors of p as one error, in
// the go command's form.
func packageErrors(p *packages.Package) error {
	var msgs []string
	for _, e := range usefulErrors(p) {
		if e.Pos == "" || e.Pos == "-" {
			msgs = append(msgs, e.Msg)
		} else {
			msgs = append(msgs, e.Error())
		}
	}
	if len(msgs) == 0 {
		return errors.New("analysis skipped due to errors in package")
	}
	return errors.New(strings.Join(msgs, "\n"))
}

// displayError prints a load or type error like the go command, with a
// short file name.
func displayError(e packages.Error) string {
	if file, rest, ok := strings.Cut(e.Pos, ":"); ok {
		return shortPath(file) + ":" + rest + ": " + e.Msg
	}
	if e.Pos == "" || e.Pos == "-" {
		return e.Msg
	}
	return e.Error()
}

// The JSON output has the shape of go vet -json (and x/tools' checkers):
// package ID -> analyzer name -> diagnostics, or {"error": ...}.
type (
	jsonTree map[string]map[string]any

	jsonError struct {
		Err string `json:"error"`
	}
	jsonDiagnostic struct {
		Category       string        `json:"category,omitempty"`
		Posn           string        `json:"posn"`
		End            string        `json:"end"`
		Message        string        `json:"message"`
		SuggestedFixes []jsonFix     `json:"suggested_fixes,omitempty"`
		Related        []jsonRelated `json:"related,omitempty"`
	}
	jsonFix struct {
		Message string     `json:"message"`
		Edits   []jsonEdit `json:"edits"`
	}
	jsonEdit struct {
		Filename string `json:"filename"`
		Start    int    `json:"start"`
		End      int    `json:"end"`
		New      string `json:"new"`
	}
	jsonRelated struct {
		Posn    string `json:"posn"`
		End     string `json:"end"`
		Message string `json:"message"`
	}
)

func printJSON(w io.Writer, res *result) error {
	tree := make(jsonTree)
	add := func(id, analyzer string, v any) {
		if tree[id] == nil {
			tree[id] = make(map[string]any)
		}
		tree[id][analyzer] = v
	}
	for _, f := range slices.Concat(res.broken, res.failures) {
		add(f.pkg.ID, f.analyzer.Name, jsonError{f.err.Error()})
	}
	for _, f := range res.findings {
		diags, _ := tree[f.pkg.ID][f.analyzer.Name].([]jsonDiagnostic)
		add(f.pkg.ID, f.analyzer.Name, append(diags, toJSON(f.pkg.Fset, f.diag)))
	}
	data, err := json.MarshalIndent(tree, "", "\t")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", data)
	return err
}

func toJSON(fset *token.FileSet, d analysis.Diagnostic) jsonDiagnostic {
	jd := jsonDiagnostic{
		Category: d.Category,
		Posn:     fset.Position(d.Pos).String(),
		End:      fset.Position(cmp.Or(d.End, d.Pos)).String(),
		Message:  d.Message,
	}
	for _, fix := range d.SuggestedFixes {
		jf := jsonFix{Message: fix.Message}
		for _, e := range fix.TextEdits {
			start, end := fset.Position(e.Pos), fset.Position(cmp.Or(e.End, e.Pos))
			jf.Edits = append(jf.Edits, jsonEdit{start.Filename, start.Offset, end.Offset, string(e.NewText)})
		}
		jd.SuggestedFixes = append(jd.SuggestedFixes, jf)
	}
	for _, r := range d.Related {
		jd.Related = append(jd.Related, jsonRelated{
			Posn:    fset.Position(r.Pos).String(),
			End:     fset.Position(cmp.Or(r.End, r.Pos)).String(),
			Message: r.Message,
		})
	}
	return jd
}
