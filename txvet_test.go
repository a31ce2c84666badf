package txvet_test

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/txvet/txvet"
	"github.com/txvet/txvet/analyzer/doublerelease"
	"github.com/txvet/txvet/analyzer/sharedtx"
	"github.com/txvet/txvet/analyzer/useafterrelease"
)

// TestAnalyzersForDrivers checks what every driver (go vet, golangci-lint,
// nogo, gopls) relies on: each analyzer package's exported Analyzer is in
// the list, the set validates, and each analyzer documents itself and
// points at its rule page.
func TestAnalyzersForDrivers(t *testing.T) {
	all := txvet.Analyzers()
	if err := analysis.Validate(all); err != nil {
		t.Fatal(err)
	}
	for _, want := range []*analysis.Analyzer{doublerelease.Analyzer, sharedtx.Analyzer, useafterrelease.Analyzer} {
		found := false
		for _, a := range all {
			found = found || a == want
		}
		if !found {
			t.Errorf("txvet.Analyzers() lacks %s", want.Name)
		}
	}
	for _, a := range all {
		if !strings.HasPrefix(a.URL, "https://github.com/txvet/txvet/blob/main/docs/"+a.Name+".md") {
			t.Errorf("%s: URL %q is not its rule page", a.Name, a.URL)
		}
		if first, _, _ := strings.Cut(a.Doc, "\n"); !strings.HasPrefix(first, a.Name+":") {
			t.Errorf("%s: Doc starts %q, want %q", a.Name, first, a.Name+": ...")
		}
	}
}
