package postgres

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/txvet/txvet/internal/testtool"
)

// TestExampleREADME keeps example/README.md honest: the findings it quotes
// are the ones txvet prints on the example today. It needs no PostgreSQL.
func TestExampleREADME(t *testing.T) {
	example := filepath.Join(testtool.RepoRoot(), "example")
	readme, err := os.ReadFile(filepath.Join(example, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	// The first plain ``` block after the command is the quoted output.
	m := regexp.MustCompile("(?s)go run ./cmd/txvet -C example ./...\n```\n\n```\n(.*?)```").FindSubmatch(readme)
	if m == nil {
		t.Fatal("example/README.md quotes no txvet output after `go run ./cmd/txvet -C example ./...`")
	}
	txvet := testtool.Txvet(t)
	got := run(t, example, []int{1}, txvet, "./...")
	if strings.TrimSpace(got) != strings.TrimSpace(string(m[1])) {
		t.Errorf("example/README.md quotes:\n%s\ntxvet prints:\n%s", m[1], got)
	}

	// The quoted diff is part of what -diff prints.
	d := regexp.MustCompile("(?s)```diff\n(.*?)```").FindSubmatch(readme)
	if d == nil {
		t.Fatal("example/README.md quotes no diff")
	}
	if diff := run(t, example, []int{1}, txvet, "-diff", "./..."); !strings.Contains(diff, string(d[1])) {
		t.Errorf("example/README.md quotes a diff that txvet -diff does not print:\n%s\ntxvet -diff prints:\n%s", d[1], diff)
	}
}

// TestExampleFixed is issue 3's check without a server: txvet -fix turns
// the example into code that builds and draws no finding.
func TestExampleFixed(t *testing.T) {
	goBuild(t, fixedExample(t, filepath.Join(testtool.RepoRoot(), "example")))
}
