package golangci_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/txvet/txvet/internal/testtool"
)

// documents are the pages whose golangci-lint configuration blocks users
// copy, relative to the repository root.
var documents = []string{"README.md", "docs/golangci.md"}

// docBlock returns the code block of the document file (relative to the
// repository root) that opens with fence and whose first line starts with
// prefix, exactly as printed.
func docBlock(t *testing.T, file, fence, prefix string) string {
	t.Helper()
	doc, err := os.ReadFile(filepath.Join(testtool.RepoRoot(), file))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(doc), "\n"+fence+"\n"+prefix)
	block, _, closed := strings.Cut(rest, "```")
	if !ok || !closed {
		t.Fatalf("%s has no %s block starting %q", file, fence, prefix)
	}
	return prefix + block
}

// TestDocumentedConfig runs golangci-lint with the .golangci.yml that
// the README and docs/golangci.md tell users to write, on the sample,
// where errcheck (one of golangci-lint's standard linters, which the
// documented config keeps) flags lines that txvet reports too: every
// txvet finding must show.
func TestDocumentedConfig(t *testing.T) {
	for _, file := range documents {
		t.Run(file, func(t *testing.T) {
			dir := sample(t)
			config := docBlock(t, file, "```yaml", "# .golangci.yml\n")
			if err := os.WriteFile(filepath.Join(dir, ".golangci.yml"), []byte(config), 0o644); err != nil {
				t.Fatal(err)
			}
			r := lint(t, dir)
			want := wants(t, dir)
			var txvet []issue
			shared := 0 // errcheck issues on a line where txvet must report
			for _, is := range r.issues {
				switch {
				case is.FromLinter == "txvet":
					txvet = append(txvet, is)
				case is.FromLinter == "errcheck" && want[is.at()] != nil:
					shared++
				}
			}
			if shared == 0 {
				t.Errorf("no errcheck issue on a line of a txvet finding: the sample no longer tests uniq-by-line")
			}
			r.issues = txvet
			r.exit = min(r.exit, 1)
			check(t, r, want)
		})
	}
}

// TestDocumentedCustomBuild checks the documented .custom-gcl.yml files
// against the build this repository tests: same golangci-lint release,
// same plugin.
func TestDocumentedCustomBuild(t *testing.T) {
	gomod, err := os.ReadFile("testdata/gcl/go.mod")
	if err != nil {
		t.Fatal(err)
	}
	tested := regexp.MustCompile(`github.com/golangci/golangci-lint/v2 (v\S+)`).FindSubmatch(gomod)
	if tested == nil {
		t.Fatal("testdata/gcl/go.mod does not require golangci-lint v2")
	}
	for _, file := range documents {
		custom := docBlock(t, file, "```yaml", "# .custom-gcl.yml\n")
		for _, want := range []string{
			"version: " + string(tested[1]),
			"- module: github.com/txvet/txvet\n",
			"import: github.com/txvet/txvet/golangci\n",
		} {
			if !strings.Contains(custom, want) {
				t.Errorf("%s: documented .custom-gcl.yml lacks %q:\n%s", file, want, custom)
			}
		}
	}
}

// TestDocumentedOutput checks the sample output shown in docs/golangci.md
// against a run on the sample.
func TestDocumentedOutput(t *testing.T) {
	shown := strings.Split(strings.TrimSpace(docBlock(t, "docs/golangci.md", "```", "orders.go:")), "\n")
	r := lint(t, sample(t))
	var got []string
	for _, is := range r.issues {
		got = append(got, fmt.Sprintf("%s:%d:%d: %s (%s)", filepath.Base(is.Pos.Filename), is.Pos.Line, is.Pos.Column, is.Text, is.FromLinter))
	}
	got = append(got, fmt.Sprintf("%d issues:", len(r.issues)), fmt.Sprintf("* txvet: %d", len(r.issues)))
	if !slices.Equal(shown, got) {
		t.Errorf("docs/golangci.md shows\n%s\n\nthe sample gives\n%s", strings.Join(shown, "\n"), strings.Join(got, "\n"))
	}
}
