// Package meta declares what a txvet analyzer reports, for the drivers.
//
// Each analyzer package declares its metadata beside its code: the
// categories of its diagnostics (one per report kind, each a bug or a
// clean-up with a default severity and its own texts), the options a
// driver may set, and where its rule page is. The txvet command (text,
// JSON and SARIF), the golangci-lint plugin and the documentation read
// it from there, so that no driver knows an analyzer by name.
//
// The model is staticcheck's lint.Documentation, kept to what the drivers
// use.
package meta

import (
	"flag"
	"fmt"
	"go/parser"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Analyzer is the metadata of one analyzer.
type Analyzer struct {
	// Analyzer is the analyzer with its default settings, shared by every
	// driver in the process: drivers never change it.
	Analyzer *analysis.Analyzer
	// New returns a fresh copy of Analyzer with flags of its own, for a
	// driver that sets options (the golangci-lint plugin). Nil when the
	// analyzer has no options.
	New func() *analysis.Analyzer
	// Categories lists every Diagnostic.Category the analyzer reports.
	Categories []Category
	// Options lists the flags a driver may set.
	Options []Option
}

// Kind says what a finding of a category is.
type Kind int

const (
	// Bug: the code fails at run time, or reports a failure that did not
	// happen.
	Bug Kind = iota + 1
	// Cleanup: the code works; the finding removes a redundancy.
	Cleanup
)

func (k Kind) String() string {
	switch k {
	case Bug:
		return "bug"
	case Cleanup:
		return "clean-up"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Severity is a category's default severity, named as SARIF names its
// levels.
type Severity string

const (
	Error   Severity = "error"
	Warning Severity = "warning"
	Note    Severity = "note"
)

// Category is one kind of report.
type Category struct {
	// Name is the Diagnostic.Category and the anchor of the category's
	// section on the rule page.
	Name     string
	Kind     Kind
	Severity Severity
	// Short is a one-line description: what is reported.
	Short string
	// Full says why it matters, in a few sentences.
	Full string
	// Help says what to do about a finding.
	Help string
}

// Option is an analyzer flag that drivers expose: -ANALYZER.FLAG on the
// command line, FLAG in the golangci-lint settings.
type Option struct {
	// Flag is the name of the flag in the analyzer's FlagSet, which holds
	// its default and usage.
	Flag string
	// Categories are the categories the option turns on or off, if any.
	Categories []string
}

// Category returns the category of the given name.
func (a *Analyzer) Category(name string) (Category, bool) {
	for _, c := range a.Categories {
		if c.Name == name {
			return c, true
		}
	}
	return Category{}, false
}

// URL returns the address of the category's section on the analyzer's
// rule page.
func (a *Analyzer) URL(c Category) string {
	return a.Analyzer.URL + "#" + c.Name
}

// Flag returns the option's flag in the analyzer's FlagSet.
func (a *Analyzer) Flag(o Option) *flag.Flag {
	return a.Analyzer.Flags.Lookup(o.Flag)
}

// Doc returns the analyzer's documentation from the content of its
// doc.go, as ExtractDoc does. If doc.go lacks the section, Doc returns a
// line saying so (which tests catch) rather than panic while the
// analyzer's package initializes.
func Doc(content, name string) string {
	doc, err := ExtractDoc(content, name)
	if err != nil {
		return "(no documentation: " + err.Error() + ")"
	}
	return doc
}

// ExtractDoc returns the "# Analyzer NAME" section of the package doc
// comment in content, the text of a doc.go file, with the x/tools
// semantics (golang.org/x/tools/internal/analysis/analyzerutil):
// the section must start with the line "NAME: summary", and what
// follows the colon, up to the next heading, is the documentation.
// So a doc.go shows its summary as "NAME: summary" to go doc, and the
// Analyzer.Doc starts with the summary, which drivers print after the
// name.
func ExtractDoc(content, name string) (string, error) {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", content, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		return "", fmt.Errorf("not a Go source file: %v", err)
	}
	if f.Doc == nil {
		return "", fmt.Errorf("no package doc comment")
	}
	heading := "Analyzer " + name
	for section := range strings.SplitSeq("\n"+f.Doc.Text(), "\n# ") {
		body, ok := strings.CutPrefix(section, heading)
		if !ok || (body != "" && body[0] != '\n' && body[0] != '\r') {
			continue // another heading, or "# Analyzer NAMEx"
		}
		body = strings.TrimSpace(body)
		rest, ok := strings.CutPrefix(body, name+":")
		if !ok {
			return "", fmt.Errorf("heading %q not followed by a %q line", "# "+heading, name+": summary")
		}
		return strings.TrimSpace(rest), nil
	}
	return "", fmt.Errorf("package doc comment has no %q heading", "# "+heading)
}

// Summary returns the first line of an analyzer's Doc.
func Summary(doc string) string {
	first, _, _ := strings.Cut(doc, "\n")
	return first
}
