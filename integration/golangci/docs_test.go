package golangci_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/txvet/txvet/internal/testtool"
)

// docBlock returns the fenced code block of docs/golangci.md whose first
// line is first.
func docBlock(t *testing.T, first string) string {
	t.Helper()
	doc, err := os.ReadFile(filepath.Join(testtool.RepoRoot(), "docs/golangci.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(doc), "```yaml\n"+first+"\n")
	block, _, closed := strings.Cut(rest, "```")
	if !ok || !closed {
		t.Fatalf("docs/golangci.md has no yaml block starting %q", first)
	}
	return first + "\n" + block
}

// TestDocumentedConfig runs golangci-lint with the .golangci.yml that
// docs/golangci.md tells users to write.
func TestDocumentedConfig(t *testing.T) {
	dir := sample(t)
	config := docBlock(t, "# .golangci.yml")
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
	custom := docBlock(t, "# .custom-gcl.yml")
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
