package gopls_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/txvet/txvet"
	"github.com/txvet/txvet/internal/lspclient"
	"github.com/txvet/txvet/internal/testtool"
)

// TestAnalysesSetting talks to `gopls serve` as an editor does, with
// settings in the initialization options. With none, an editor receives
// txvet's findings as warnings whose source is the analyzer and whose code
// is the category; with "analyses": {NAME: false}, NAME's findings are gone
// and the other analyzers' stay.
func TestAnalysesSetting(t *testing.T) {
	gopls := goplsBinary(t)
	dir := filepath.Join(testtool.RepoRoot(), "example")
	want := txvetFindings(t, dir)
	files := goFiles(t, dir)

	got := lspFindings(t, gopls, dir, files, nil)
	compareLines(t, "gopls serve, default settings,", tagged(got), tagged(want))

	for _, a := range txvet.Analyzers() {
		t.Run(a.Name, func(t *testing.T) {
			var others []finding
			for _, f := range want {
				if f.Analyzer != a.Name {
					others = append(others, f)
				}
			}
			if len(others) == len(want) {
				t.Skipf("%s reports nothing on the example: nothing for the setting to turn off", a.Name)
			}
			got := lspFindings(t, gopls, dir, files, map[string]any{"analyses": map[string]bool{a.Name: false}})
			compareLines(t, fmt.Sprintf(`gopls serve with "analyses": {%q: false}`, a.Name), tagged(got), tagged(others))
		})
	}
}

// tagged renders findings with their analyzer, category and related
// positions.
func tagged(findings []finding) []string {
	var out []string
	for _, f := range findings {
		line := fmt.Sprintf("%s [%s/%s]", f, f.Analyzer, f.Category)
		for _, r := range f.Related {
			line += fmt.Sprintf(" (%s:%d:%d: %s)", r.File, r.Line, r.Col, r.Message)
		}
		out = append(out, line)
	}
	slices.Sort(out)
	return out
}

// lspFindings starts `gopls serve` in dir with the initialization options,
// opens and diagnoses the files and returns the diagnostics of txvet's
// analyzers. Each must be a warning.
func lspFindings(t *testing.T, gopls, dir string, files []string, options map[string]any) []finding {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	c, err := lspclient.Start(ctx, dir, nil, options, gopls, "serve")
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := c.Close(); err != nil {
			t.Error(err)
		}
	}()
	var paths []string
	for _, f := range files {
		path := filepath.Join(dir, f)
		if err := c.Open(path); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, path)
	}
	if err := c.Diagnose(ctx, paths...); err != nil {
		t.Fatal(err)
	}

	names := make(map[string]bool)
	for _, a := range txvet.Analyzers() {
		names[a.Name] = true
	}
	var findings []finding
	for _, path := range paths {
		for _, d := range c.Diagnostics(path) {
			if !names[d.Source] {
				continue // one of gopls's own
			}
			if d.Severity != 2 {
				t.Errorf("%s: %s diagnostic with severity %d, want 2 (warning): %s", path, d.Source, d.Severity, d.Message)
			}
			code, _ := d.Code.(string)
			f := finding{Message: d.Message, Analyzer: d.Source, Category: code}
			f.File, f.Line, f.Col = lspPosition(t, dir, path, d.Range.Start)
			for _, r := range d.RelatedInformation {
				rel := related{Message: r.Message}
				rel.File, rel.Line, rel.Col = lspPosition(t, dir, lspclient.Path(r.Location.URI), r.Location.Range.Start)
				f.Related = append(f.Related, rel)
			}
			findings = append(findings, f)
		}
	}
	return findings
}

// lspPosition converts an LSP position in path to txvet's form.
func lspPosition(t *testing.T, dir, path string, p lspclient.Position) (file string, line, col int) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(src), "\n")
	if p.Line >= len(lines) {
		t.Fatalf("%s has no line %d", path, p.Line+1)
	}
	return relative(t, dir, path), p.Line + 1, p.ByteColumn(lines[p.Line])
}
