// Package reallib checks txvet against the real database libraries rather
// than the stubs of testdata/src: the module testdata/mod requires pgx v5,
// sqlx, gorm, bun, golang.org/x/sync and sourcegraph/conc, and marks each
// expected finding with a `// want "regexp"` comment on its line.
package reallib

import (
	"encoding/json"
	"fmt"
	"go/scanner"
	"go/token"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/txvet/txvet/internal/testtool"
)

func TestMain(m *testing.M) { testtool.Main(m) }

// TestRealLibraries runs txvet -json on testdata/mod and requires exactly
// the marked findings: every marker matched, no finding unmarked.
func TestRealLibraries(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join("testdata", "mod"))
	if err != nil {
		t.Fatal(err)
	}
	wants := readWants(t, dir)
	findings := runJSON(t, testtool.Txvet(t), dir)

	counts := make(map[string]int) // "family category" -> matched findings
	for _, f := range findings {
		i := slices.IndexFunc(wants, func(w *want) bool {
			return !w.matched && w.file == f.file && w.line == f.line && w.re.MatchString(f.Message)
		})
		if i < 0 {
			t.Errorf("%s:%d: unexpected %s finding: %s", rel(dir, f.file), f.line, f.analyzer, f.Message)
			continue
		}
		wants[i].matched = true
		counts[filepath.Base(filepath.Dir(f.file))+" "+f.analyzer+"/"+f.Category]++
	}
	for _, w := range wants {
		if !w.matched {
			t.Errorf("%s:%d: no finding matched %q", rel(dir, w.file), w.line, w.re)
		}
	}
	var summary []string
	for _, k := range slices.Sorted(maps.Keys(counts)) {
		summary = append(summary, fmt.Sprintf("%s: %d", k, counts[k]))
	}
	t.Logf("%d markers, %d findings; matched per family and analyzer/category: %s",
		len(wants), len(findings), strings.Join(summary, ", "))
}

// TestRealLibrariesFixes applies every suggested fix to a copy of the
// module: the result must build, and txvet must then report only the
// findings that had no fix.
func TestRealLibrariesFixes(t *testing.T) {
	src, err := filepath.Abs(filepath.Join("testdata", "mod"))
	if err != nil {
		t.Fatal(err)
	}
	txvet := testtool.Txvet(t)
	unfixable := make(map[string]int)
	fixable := 0
	for _, f := range runJSON(t, txvet, src) {
		if len(f.SuggestedFixes) == 0 {
			unfixable[f.analyzer]++
		} else {
			fixable++
		}
	}
	if fixable == 0 {
		t.Fatal("txvet offered no fix on the real-library module")
	}

	dir := testtool.CopyDir(t, src)
	testtool.Command(t, dir, []int{0, 1}, txvet, "-fix", "./...")
	testtool.Command(t, dir, []int{0}, "go", "build", "./...")
	testtool.Command(t, dir, []int{0}, "go", "vet", "./...")
	left := make(map[string]int)
	for _, f := range runJSON(t, txvet, dir) {
		left[f.analyzer]++
		if len(f.SuggestedFixes) > 0 {
			t.Errorf("%s:%d: after -fix, a finding with a fix is left: %s", rel(dir, f.file), f.line, f.Message)
		}
	}
	if !maps.Equal(left, unfixable) {
		t.Errorf("after -fix, findings left per analyzer = %v, want the unfixable ones %v", left, unfixable)
	}
	t.Logf("%d fixes applied; the fixed module builds and vets; unfixable findings left: %v", fixable, left)
}

// A want is one expected finding: a message regexp on a line.
type want struct {
	file    string
	line    int
	re      *regexp.Regexp
	matched bool
}

// readWants collects the `// want "re" ...` markers of the module's Go
// files. Each quoted or back-quoted string is one expected finding.
func readWants(t *testing.T, dir string) []*want {
	t.Helper()
	var wants []*want
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		fset := token.NewFileSet()
		var s scanner.Scanner
		s.Init(fset.AddFile(path, -1, len(src)), src, nil, scanner.ScanComments)
		for {
			pos, tok, lit := s.Scan()
			if tok == token.EOF {
				break
			}
			text, ok := strings.CutPrefix(lit, "// want ")
			if tok != token.COMMENT || !ok {
				continue
			}
			patterns, err := parseWant(text)
			if err != nil {
				return fmt.Errorf("%s: %v", fset.Position(pos), err)
			}
			for _, p := range patterns {
				wants = append(wants, &want{file: path, line: fset.Position(pos).Line, re: p})
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(wants) == 0 {
		t.Fatal("no // want markers found")
	}
	return wants
}

func parseWant(text string) ([]*regexp.Regexp, error) {
	var res []*regexp.Regexp
	var s scanner.Scanner
	src := []byte(text)
	s.Init(token.NewFileSet().AddFile("", -1, len(src)), src, nil, 0)
	for {
		_, tok, lit := s.Scan()
		switch tok {
		case token.EOF, token.SEMICOLON:
			if len(res) == 0 {
				return nil, fmt.Errorf("want marker without a pattern: %q", text)
			}
			return res, nil
		case token.STRING:
			p, err := strconv.Unquote(lit)
			if err != nil {
				return nil, err
			}
			re, err := regexp.Compile(p)
			if err != nil {
				return nil, err
			}
			res = append(res, re)
		default:
			return nil, fmt.Errorf("want marker: expected a string, got %s in %q", tok, text)
		}
	}
}

// finding is one diagnostic of txvet -json (the go vet -json shape).
type finding struct {
	Posn           string            `json:"posn"`
	Category       string            `json:"category"`
	Message        string            `json:"message"`
	SuggestedFixes []json.RawMessage `json:"suggested_fixes"`

	analyzer string
	file     string
	line     int
}

var posn = regexp.MustCompile(`^(.*):(\d+):(\d+)$`)

// runJSON runs txvet -json ./... in dir and returns its findings; an
// analyzer or package error fails the test.
func runJSON(t *testing.T, txvet, dir string) []finding {
	t.Helper()
	out, _ := testtool.Command(t, dir, []int{0}, txvet, "-json", "./...")
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &tree); err != nil {
		t.Fatalf("txvet -json output: %v\n%s", err, out)
	}
	var all []finding
	for pkg, byAnalyzer := range tree {
		for analyzer, raw := range byAnalyzer {
			var fs []finding
			if err := json.Unmarshal(raw, &fs); err != nil {
				t.Fatalf("%s: %s: %s", pkg, analyzer, raw) // {"error": ...}
			}
			for _, f := range fs {
				m := posn.FindStringSubmatch(f.Posn)
				if m == nil {
					t.Fatalf("%s: bad position %q", pkg, f.Posn)
				}
				f.analyzer, f.file = analyzer, m[1]
				f.line, _ = strconv.Atoi(m[2])
				all = append(all, f)
			}
		}
	}
	return all
}

func rel(dir, file string) string {
	if r, err := filepath.Rel(dir, file); err == nil {
		return r
	}
	return file
}
