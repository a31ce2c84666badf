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

// docBlock returns the code block of docs/golangci.md that opens with
// fence and whose first line starts with prefix.
func docBlock(t *testing.T, fence, prefix string) string {
	t.Helper()
	doc, err := os.ReadFile(filepath.Join(testtool.RepoRoot(), "docs/golangci.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(doc), "\n"+fence+"\n"+prefix)
	block, _, closed := strings.Cut(rest, "```")
	if !ok || !closed {
		t.Fatalf("docs/golangci.md has no %s block starting %q", fence, prefix)
	}
	return prefix + block
}

// TestDocumentedConfig runs golangci-lint with the .golangci.yml that
// docs/golangci.md tells users to write.
func TestDocumentedConfig(t *testing.T) {
	dir := sample(t)
	config := docBlock(t, "```yaml", "# .golangci.yml\n")
	if err := os.WriteFile(filepath.Join(dir, ".golangci.yml"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	r := lint(t, dir)
	// The documented config keeps golangci-lint's standard linters.
	var txvet []issue
	for _, is := range r.issues {
		if is.FromLinter == "txvet" {
			txvet = append(txvet, is)
		}
	}
	r.issues = txvet
	r.exit = min(r.exit, 1)
	check(t, r, wants(t, dir))
}

// TestDocumentedCustomBuild checks the documented .custom-gcl.yml against
// the build this repository tests: same golangci-lint release, same plugin.
func TestDocumentedCustomBuild(t *testing.T) {
	custom := docBlock(t, "```yaml", "# .custom-gcl.yml\n")
	gomod, err := os.ReadFile("testdata/gcl/go.mod")
	if err != nil {
		t.Fatal(err)
	}
	tested := regexp.MustCompile(`github.com/golangci/golangci-lint/v2 (v\S+)`).FindSubmatch(gomod)
	if tested == nil {
		t.Fatal("testdata/gcl/go.mod does not require golangci-lint v2")
	}
	for _, want := range []string{
		"version: " + string(tested[1]),
		"- module: github.com/txvet/txvet\n",
		"import: github.com/txvet/txvet/golangci\n",
	} {
		if !strings.Contains(custom, want) {
			t.Errorf("documented .custom-gcl.yml lacks %q:\n%s", want, custom)
		}
	}
}

// TestDocumentedOutput checks the sample output shown in docs/golangci.md
// against a run on the sample.
func TestDocumentedOutput(t *testing.T) {
	shown := strings.Split(strings.TrimSpace(docBlock(t, "```", "orders.go:")), "\n")
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
