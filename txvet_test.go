package txvet_test

import (
	"cmp"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/txvet/txvet"
	"github.com/txvet/txvet/analyzer/doublerelease"
	"github.com/txvet/txvet/analyzer/sharedtx"
	"github.com/txvet/txvet/analyzer/txleak"
	"github.com/txvet/txvet/analyzer/useafterrelease"
	"github.com/txvet/txvet/internal/meta"
	"github.com/txvet/txvet/internal/testtool"
)

// TestAnalyzersForDrivers checks what every driver (go vet, golangci-lint,
// nogo, gopls) relies on: each analyzer package's exported Analyzer is in
// the list, the set validates, and each analyzer documents itself with
// x/tools' doc extraction and points at its rule page.
func TestAnalyzersForDrivers(t *testing.T) {
	all := txvet.Analyzers()
	if err := analysis.Validate(all); err != nil {
		t.Fatal(err)
	}
	for _, want := range []*analysis.Analyzer{doublerelease.Analyzer, sharedtx.Analyzer, txleak.Analyzer, useafterrelease.Analyzer} {
		if !slices.Contains(all, want) {
			t.Errorf("txvet.Analyzers() lacks %s", want.Name)
		}
	}
	for _, a := range all {
		if a.URL != "https://github.com/txvet/txvet/blob/main/docs/"+a.Name+".md" {
			t.Errorf("%s: URL %q is not its rule page", a.Name, a.URL)
		}
		src, err := os.ReadFile(filepath.Join(testtool.RepoRoot(), "analyzer", a.Name, "doc.go"))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := meta.ExtractDoc(string(src), a.Name)
		if err != nil {
			t.Errorf("%s: doc.go: %v", a.Name, err)
		}
		if a.Doc != doc {
			t.Errorf("%s: Doc is not the extracted doc.go section:\n%s", a.Name, a.Doc)
		}
		// x/tools drops the "NAME:" prefix; drivers print the name.
		if strings.HasPrefix(a.Doc, a.Name) {
			t.Errorf("%s: Doc starts with the analyzer's name: %q", a.Name, meta.Summary(a.Doc))
		}
	}
}

// TestMetadataComplete checks each analyzer's metadata against its
// analyzer, its rule page and the golangci-lint page: every category has
// its texts, a valid kind and severity, and a section on the rule page;
// every flag is a declared option, documented for golangci-lint.
func TestMetadataComplete(t *testing.T) {
	golangciPage := readDoc(t, "golangci.md")
	categories := make(map[string]string) // category -> analyzer
	options := make(map[string]string)    // option -> analyzer
	for _, m := range txvet.Metadata() {
		a := m.Analyzer
		page := readDoc(t, a.Name+".md")
		if len(m.Categories) == 0 {
			t.Errorf("%s: no categories", a.Name)
		}
		for _, c := range m.Categories {
			if other, dup := categories[c.Name]; dup {
				t.Errorf("%s: category %s is also %s's (SARIF rule IDs must be unique)", a.Name, c.Name, other)
			}
			categories[c.Name] = a.Name
			if c.Short == "" || c.Full == "" || c.Help == "" || strings.Contains(c.Short, "\n") {
				t.Errorf("%s/%s: want a one-line Short, a Full and a Help text: %+v", a.Name, c.Name, c)
			}
			if c.Kind != meta.Bug && c.Kind != meta.Cleanup {
				t.Errorf("%s/%s: kind %v", a.Name, c.Name, c.Kind)
			}
			if !slices.Contains([]meta.Severity{meta.Error, meta.Warning, meta.Note}, c.Severity) || c.Kind == meta.Bug && c.Severity != meta.Error {
				t.Errorf("%s/%s: %v of severity %q", a.Name, c.Name, c.Kind, c.Severity)
			}
			if !strings.Contains(page, "\n## "+c.Name+"\n") {
				t.Errorf("%s/%s: docs/%s.md has no section %q (the anchor of %s)", a.Name, c.Name, a.Name, "## "+c.Name, m.URL(c))
			}
		}
		declared := make(map[string]bool)
		for _, o := range m.Options {
			declared[o.Flag] = true
			if m.Flag(o) == nil {
				t.Errorf("%s: option %s is not a flag of the analyzer", a.Name, o.Flag)
			}
			if other, dup := options[o.Flag]; dup || o.Flag == "disable" {
				t.Errorf("%s: option %s clashes with %s in the golangci-lint settings", a.Name, o.Flag, cmp.Or(other, "the disable key"))
			}
			options[o.Flag] = a.Name
			for _, name := range o.Categories {
				if _, ok := m.Category(name); !ok {
					t.Errorf("%s: option %s names an undeclared category %s", a.Name, o.Flag, name)
				}
			}
			if !strings.Contains(golangciPage, "| `"+o.Flag+"` |") {
				t.Errorf("%s: option %s is not in the settings table of docs/golangci.md", a.Name, o.Flag)
			}
		}
		a.Flags.VisitAll(func(f *flag.Flag) {
			if !declared[f.Name] {
				t.Errorf("%s: flag %s is not declared in Options", a.Name, f.Name)
			}
		})
		checkNew(t, m)
	}
}

// checkNew checks that m.New gives an analyzer like the shared one whose
// flags are its own, so that a driver setting options leaves the shared
// analyzer alone.
func checkNew(t *testing.T, m *meta.Analyzer) {
	a := m.Analyzer
	if m.New == nil {
		if len(m.Options) > 0 {
			t.Errorf("%s: options but no New", a.Name)
		}
		return
	}
	fresh := m.New()
	if fresh == a || fresh.Name != a.Name || fresh.Doc != a.Doc || fresh.URL != a.URL {
		t.Errorf("%s: New() is not a fresh copy of the analyzer", a.Name)
	}
	for _, o := range m.Options {
		f, shared := fresh.Flags.Lookup(o.Flag), m.Flag(o)
		if f == nil || shared == nil {
			continue // reported above
		}
		if f.DefValue != shared.DefValue {
			t.Errorf("%s: New() option %s defaults to %s, the shared analyzer to %s", a.Name, o.Flag, f.DefValue, shared.DefValue)
		}
		if f.Value == shared.Value {
			t.Errorf("%s: New() shares the value of option %s", a.Name, o.Flag)
		}
	}
}

// TestReportedCategoriesDeclared runs every analyzer on all its
// analysistest cases (testdata/src/NAME/...) and checks that each
// category it reports is declared, and each declared one is reported
// somewhere: the metadata cannot drift from the report calls. The cases'
// own expectations are the analyzers' tests' business, not this one's.
func TestReportedCategoriesDeclared(t *testing.T) {
	for _, m := range txvet.Metadata() {
		a := m.Analyzer
		seen := make(map[string]bool)
		for _, r := range analysistest.Run(discard{}, testtool.Testdata(), a, a.Name+"/...") {
			for _, d := range r.Diagnostics {
				if !seen[d.Category] {
					seen[d.Category] = true
					if _, ok := m.Category(d.Category); !ok {
						t.Errorf("%s reports category %q, which its Meta does not declare (%s)", a.Name, d.Category, d.Message)
					}
				}
			}
		}
		for _, c := range m.Categories {
			if !seen[c.Name] {
				t.Errorf("%s declares category %s, which none of testdata/src/%s reports", a.Name, c.Name, a.Name)
			}
		}
	}
}

// discard is an analysistest.Testing that ignores unmet expectations.
type discard struct{}

func (discard) Errorf(string, ...any) {}

func readDoc(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(testtool.RepoRoot(), "docs", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
