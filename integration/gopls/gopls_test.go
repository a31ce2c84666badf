// Package gopls_test checks the gopls that scripts/gopls.sh builds: its
// diagnostics are txvet's findings, at the same positions; its quick fixes
// are txvet's fixes; its "analyses" setting turns each txvet analyzer off;
// facts cross packages; and an editor (Neovim's built-in LSP client) shows
// the findings.
//
// The gopls build takes minutes on a cold build cache, so these tests run
// only with TXVET_HEAVY set, as .ci/run does (through
// scripts/gopls-test.sh, which also installs Neovim):
//
//	TXVET_HEAVY=1 go test ./integration/gopls/
//
// They build gopls with scripts/gopls.sh, or test the binary named by
// TXVET_GOPLS.
package gopls_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/txvet/txvet/internal/testtool"
)

func TestMain(m *testing.M) {
	testtool.HeavyMain(m, "./integration/gopls/", "builds gopls v0.23.0 with txvet's analyzers (scripts/gopls.sh, minutes on a cold build cache)")
}

var build struct {
	once sync.Once
	path string
	err  error
}

// goplsBinary returns $TXVET_GOPLS or else the gopls that scripts/gopls.sh
// builds (once per test process; the script caches it across runs). The
// tests leave gopls its own analysis cache: gopls keys it by its
// executable and the packages' contents, so no result of another build or
// of other code can show.
func goplsBinary(t *testing.T) string {
	t.Helper()
	if bin := os.Getenv("TXVET_GOPLS"); bin != "" {
		return bin
	}
	build.once.Do(func() {
		cmd := exec.Command("bash", filepath.Join(testtool.RepoRoot(), "scripts", "gopls.sh"))
		var stderr strings.Builder
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		build.path = lines[len(lines)-1]
		if err != nil || build.path == "" {
			build.err = fmt.Errorf("scripts/gopls.sh: %v\n%s%s", err, out, stderr.String())
		}
	})
	if build.err != nil {
		t.Fatal(build.err)
	}
	return build.path
}

// A finding is one diagnostic as txvet reports it: its position in a file
// of the module, its message and what else it carries.
type finding struct {
	File     string // relative to the module's directory, slash-separated
	Line     int
	Col      int // one-based, in bytes
	Message  string
	Analyzer string
	Category string
	Related  []related
	Fixes    []fix
}

type related struct {
	File      string
	Line, Col int
	Message   string
}

type fix struct {
	Message string
	Edits   []struct {
		Filename   string
		Start, End int
		New        string
	}
}

func (f finding) String() string {
	return fmt.Sprintf("%s:%d:%d: %s", f.File, f.Line, f.Col, f.Message)
}

// lines renders findings as `gopls check` prints them: each at its
// position, then each related position with the message after "- ".
func lines(findings []finding) []string {
	var out []string
	for _, f := range findings {
		out = append(out, f.String())
		for _, r := range f.Related {
			out = append(out, fmt.Sprintf("%s:%d:%d: - %s", r.File, r.Line, r.Col, r.Message))
		}
	}
	slices.Sort(out)
	return out
}

// txvetFindings runs `txvet -json ./...` in the module dir.
func txvetFindings(t *testing.T, dir string) []finding {
	t.Helper()
	out, _ := testtool.Command(t, dir, []int{0, 1}, testtool.Txvet(t), "-json", "./...")
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &tree); err != nil {
		t.Fatalf("txvet -json: %v\n%s", err, out)
	}
	var findings []finding
	for pkg, byAnalyzer := range tree {
		for analyzer, raw := range byAnalyzer {
			var diags []struct {
				Category       string
				Posn           string
				Message        string
				Related        []struct{ Posn, Message string }
				SuggestedFixes []fix `json:"suggested_fixes"`
			}
			if err := json.Unmarshal(raw, &diags); err != nil {
				t.Fatalf("txvet -json: %s on %s: %s", analyzer, pkg, raw)
			}
			for _, d := range diags {
				f := finding{Message: d.Message, Analyzer: analyzer, Category: d.Category, Fixes: d.SuggestedFixes}
				f.File, f.Line, f.Col = position(t, dir, d.Posn)
				for _, r := range d.Related {
					rel := related{Message: r.Message}
					rel.File, rel.Line, rel.Col = position(t, dir, r.Posn)
					f.Related = append(f.Related, rel)
				}
				findings = append(findings, f)
			}
		}
	}
	slices.SortFunc(findings, func(a, b finding) int { return strings.Compare(a.String(), b.String()) })
	return findings
}

var posnPattern = regexp.MustCompile(`^(.*):(\d+):(\d+)$`)

// position splits a "file:line:col" position, with the file made relative
// to dir.
func position(t *testing.T, dir, posn string) (file string, line, col int) {
	t.Helper()
	m := posnPattern.FindStringSubmatch(posn)
	if m == nil {
		t.Fatalf("position %q", posn)
	}
	line, _ = strconv.Atoi(m[2])
	col, _ = strconv.Atoi(m[3])
	return relative(t, dir, m[1]), line, col
}

func relative(t *testing.T, dir, file string) string {
	t.Helper()
	dir, _ = filepath.EvalSymlinks(dir)
	file, _ = filepath.EvalSymlinks(file)
	rel, err := filepath.Rel(dir, file)
	if err != nil || strings.HasPrefix(rel, "..") {
		t.Fatalf("%s is outside %s", file, dir)
	}
	return filepath.ToSlash(rel)
}

// goFiles lists the Go files of the module's packages, relative to dir.
func goFiles(t *testing.T, dir string) []string {
	t.Helper()
	out, _ := testtool.Command(t, dir, []int{0}, "go", "list", "-f", `{{range .GoFiles}}{{$.Dir}}/{{.}}
{{end}}`, "./...")
	var files []string
	for _, f := range strings.Fields(out) {
		files = append(files, relative(t, dir, f))
	}
	return files
}

// inFiles keeps the findings (and lines) in the files.
func inFiles(findings []finding, files []string) []finding {
	var kept []finding
	for _, f := range findings {
		if slices.Contains(files, f.File) {
			kept = append(kept, f)
		}
	}
	return kept
}

// checkLine is one line of `gopls check` output: a span
// (file:line:col, then -col, -line:col or nothing) and the message.
var checkLine = regexp.MustCompile(`^(.*?):(\d+):(\d+)(?:-(?:\d+:)?\d+)?: (.*)$`)

// goplsCheck runs `gopls check` on the files (relative to dir) and returns
// its output lines in the form of lines, sorted, and as printed with the
// paths made relative to dir.
func goplsCheck(t *testing.T, gopls, dir string, files ...string) (got, printed []string) {
	t.Helper()
	cmd := exec.Command(gopls, append([]string{"check"}, files...)...)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("gopls check: %v\n%s", err, out)
	}
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if l == "" {
			continue
		}
		m := checkLine.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("gopls check printed %q", l)
		}
		file := relative(t, dir, m[1])
		got = append(got, fmt.Sprintf("%s:%s:%s: %s", file, m[2], m[3], m[4]))
		printed = append(printed, file+strings.TrimPrefix(l, m[1]))
	}
	slices.Sort(got)
	return got, printed
}

// TestCheckReportsTxvetFindings: `gopls check` on the shipped example
// prints exactly txvet's findings and their related positions, and
// docs/editors.md quotes what it prints.
func TestCheckReportsTxvetFindings(t *testing.T) {
	gopls := goplsBinary(t)
	dir := filepath.Join(testtool.RepoRoot(), "example")
	want := txvetFindings(t, dir)
	if len(want) == 0 {
		t.Fatal("txvet reports nothing on the example")
	}
	got, printed := goplsCheck(t, gopls, dir, goFiles(t, dir)...)
	compareLines(t, "gopls check on the example", got, lines(want))

	doc, err := os.ReadFile(filepath.Join(testtool.RepoRoot(), "docs", "editors.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)paths shortened\\):\n\n```\n(.*?)```").FindSubmatch(doc)
	if m == nil {
		t.Fatal("docs/editors.md quotes no gopls check output")
	}
	slices.Sort(printed)
	quoted := strings.Split(strings.TrimSpace(string(m[1])), "\n")
	slices.Sort(quoted)
	if !slices.Equal(quoted, printed) {
		t.Errorf("docs/editors.md quotes:\n%s\ngopls check prints:\n%s", m[1], strings.Join(printed, "\n"))
	}
}

// TestFactsAcrossPackages: a finding that rests on a fact about a helper
// in another package (testdata/facts: store calls txutil.WithTx, which
// commits) is reported when only the calling package's file is checked,
// so gopls computed the fact on the dependency.
func TestFactsAcrossPackages(t *testing.T) {
	gopls := goplsBinary(t)
	dir := testtool.CopyDir(t, filepath.Join("testdata", "facts"))
	const file = "store/store.go"
	want := inFiles(txvetFindings(t, dir), []string{file})
	if len(want) == 0 {
		t.Fatalf("txvet reports nothing in testdata/facts/%s: the fact is not exercised", file)
	}
	got, _ := goplsCheck(t, gopls, dir, file)
	compareLines(t, "gopls check "+file, got, lines(want))
}

func compareLines(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s printed:\n  %s\ntxvet reports:\n  %s", what, strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}
