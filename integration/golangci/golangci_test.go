// Package golangci_test runs txvet through golangci-lint v2 as users do: a
// golangci-lint binary with the module plugin compiled in, a .golangci.yml
// that enables txvet, and the sample module under testdata/sample.
//
// A finding is expected where a line of the sample carries a comment
//
//	// want-gcl `regexp`
//
// and golangci-lint must report it there exactly once, as a txvet issue whose
// text matches. Nothing else may be reported.
package golangci_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// issue is the part of golangci-lint's JSON issue the tests read.
type issue struct {
	FromLinter string
	Text       string
	Pos        struct {
		Filename string
		Line     int
		Column   int
	}
	SuggestedFixes []json.RawMessage
}

func (i issue) at() string { return fmt.Sprintf("%s:%d", filepath.Base(i.Pos.Filename), i.Pos.Line) }

type result struct {
	issues []issue
	exit   int
	stderr string
}

// lint runs golangci-lint in dir with a cache of its own (golangci-lint
// keys cached results by the linted code, not by the plugin), so it need
// not wait for other golangci-lint processes.
func lint(t *testing.T, dir string, args ...string) result {
	t.Helper()
	bin := golangciLint(t)
	args = append([]string{"run", "--output.json.path=stdout", "--show-stats=false", "--allow-parallel-runners"}, args...)
	cmd := exec.Command(bin, append(args, "./...")...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOLANGCI_LINT_CACHE="+t.TempDir())
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) {
		t.Fatalf("golangci-lint %s: %v", strings.Join(args, " "), err)
	}
	r := result{exit: cmd.ProcessState.ExitCode(), stderr: stderr.String()}
	if r.exit == 0 || r.exit == 1 {
		var out struct{ Issues []issue }
		if err := json.NewDecoder(&stdout).Decode(&out); err != nil {
			t.Fatalf("golangci-lint output: %v\n%s\nstderr:\n%s", err, stdout.String(), r.stderr)
		}
		r.issues = out.Issues
	}
	return r
}

// sample copies testdata/sample into a temporary directory.
func sample(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/sample")); err != nil {
		t.Fatal(err)
	}
	return dir
}

var wantComment = regexp.MustCompile("// want-gcl `([^`]*)`")

// wants returns the want-gcl expectations of the Go files in dir, by
// "file:line".
func wants(t *testing.T, dir string) map[string]*regexp.Regexp {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	want := make(map[string]*regexp.Regexp)
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for n, line := range strings.Split(string(src), "\n") {
			if m := wantComment.FindStringSubmatch(line); m != nil {
				want[fmt.Sprintf("%s:%d", filepath.Base(file), n+1)] = regexp.MustCompile(m[1])
			}
		}
	}
	if len(want) == 0 {
		t.Fatal("sample has no want-gcl comments")
	}
	return want
}

// check reports every difference between the issues and the expectations:
// one txvet issue per expected line, matching its text, with at most one
// fix, and no other issue.
func check(t *testing.T, r result, want map[string]*regexp.Regexp) {
	t.Helper()
	if r.exit != 0 && r.exit != 1 {
		t.Fatalf("golangci-lint exit status %d\n%s", r.exit, r.stderr)
	}
	seen := make(map[string]int)
	for _, is := range r.issues {
		seen[is.at()]++
		re, ok := want[is.at()]
		switch {
		case is.FromLinter != "txvet":
			t.Errorf("%s: unexpected %s issue: %s", is.at(), is.FromLinter, is.Text)
		case !ok:
			t.Errorf("%s: unexpected issue: %s", is.at(), is.Text)
		case !re.MatchString(is.Text):
			t.Errorf("%s: issue %q does not match %q", is.at(), is.Text, re)
		case seen[is.at()] > 1:
			t.Errorf("%s: reported %d times (last: %s)", is.at(), seen[is.at()], is.Text)
		}
		if len(is.SuggestedFixes) > 1 {
			t.Errorf("%s: %d suggested fixes, want at most one", is.at(), len(is.SuggestedFixes))
		}
	}
	for at, re := range want {
		if seen[at] == 0 {
			t.Errorf("%s: no issue matching %q", at, re)
		}
	}
	if want := min(len(r.issues), 1); r.exit != want {
		t.Errorf("exit status %d with %d issues, want %d", r.exit, len(r.issues), want)
	}
}

func TestFindingsReportedOnce(t *testing.T) {
	dir := sample(t)
	r := lint(t, dir)
	check(t, r, wants(t, dir))
	t.Logf("%d issues:", len(r.issues))
	for _, is := range r.issues {
		t.Logf("  %s: %s (%d fix)", is.at(), is.Text, len(is.SuggestedFixes))
	}
}

// TestSuppressed removes the sample's //nolint:txvet and //txvet:ignore
// comments: each silenced exactly the finding on its line.
func TestSuppressed(t *testing.T) {
	dir := sample(t)
	want := wants(t, dir)
	file := filepath.Join(dir, "orders.go")
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(src), "\n")
	redundant := regexp.MustCompile(`^doublerelease: tx\.Rollback\(\) is redundant: the deferred tx\.Rollback\(\) at line \d+ already releases tx$`)
	suppressed := 0
	for n, line := range lines {
		switch {
		case strings.Contains(line, "//nolint:txvet"):
			lines[n], _, _ = strings.Cut(line, " //nolint:txvet")
			want[fmt.Sprintf("orders.go:%d", n+1)] = redundant
			suppressed++
		case strings.Contains(line, "//txvet:ignore"):
			lines[n] = "" // the directive is on the line above the finding
			want[fmt.Sprintf("orders.go:%d", n+2)] = redundant
			suppressed++
		}
	}
	if suppressed != 2 {
		t.Fatalf("sample has %d suppression comments, want 2", suppressed)
	}
	if err := os.WriteFile(file, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	check(t, lint(t, dir), want)
}

// TestFix applies every fix with --fix: the files match their .golden
// files, the module builds, and what is left is the findings without a fix.
func TestFix(t *testing.T) {
	dir := sample(t)
	before := lint(t, dir)
	check(t, before, wants(t, dir))
	// Fixes move lines: compare what is left with line numbers masked.
	lineNumbers := regexp.MustCompile(`\d+`)
	var unfixable []string
	for _, is := range before.issues {
		if len(is.SuggestedFixes) == 0 {
			unfixable = append(unfixable, lineNumbers.ReplaceAllString(is.Text, "N"))
		}
	}

	if r := lint(t, dir, "--fix"); r.exit != 0 && r.exit != 1 {
		t.Fatalf("golangci-lint --fix: exit status %d\n%s", r.exit, r.stderr)
	}
	goldens, _ := filepath.Glob("testdata/sample/*.golden")
	if len(goldens) == 0 {
		t.Fatal("sample has no .golden files")
	}
	for _, golden := range goldens {
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(golden), ".golden")
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			diff, _ := exec.Command("diff", "-u", golden, filepath.Join(dir, name)).CombinedOutput()
			t.Errorf("%s after --fix differs from %s:\n%s", name, golden, diff)
		}
	}
	build := exec.Command("go", "build", "./...")
	build.Dir = dir
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("fixed module does not build: %v\n%s", err, out)
	}

	after := lint(t, dir)
	var left []string
	for _, is := range after.issues {
		left = append(left, lineNumbers.ReplaceAllString(is.Text, "N"))
	}
	slices.Sort(left)
	slices.Sort(unfixable)
	if !slices.Equal(left, unfixable) {
		t.Errorf("after --fix: issues %q, want only the ones without a fix %q", left, unfixable)
	}
}

// TestSettings runs the sample under other txvet settings.
func TestSettings(t *testing.T) {
	for _, tc := range []struct {
		name     string
		settings string
		keep     func(re *regexp.Regexp) bool // which want-gcl lines stay
		wantErr  string                       // in stderr, with exit status 3
	}{
		{
			name:     "redundant false",
			settings: "redundant: false",
			keep:     func(re *regexp.Regexp) bool { return !strings.Contains(re.String(), "redundant") },
		},
		{
			name:     "disable both",
			settings: "disable: [doublerelease, sharedtx]",
			keep:     func(*regexp.Regexp) bool { return false },
		},
		{
			name:     "unknown key",
			settings: "redundnat: false",
			wantErr:  `txvet settings: unknown key "redundnat"`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := sample(t)
			config := filepath.Join(dir, ".golangci.yml")
			src, err := os.ReadFile(config)
			if err != nil {
				t.Fatal(err)
			}
			const defaults = "redundant: true"
			if !bytes.Contains(src, []byte(defaults)) {
				t.Fatalf("sample .golangci.yml lacks %q", defaults)
			}
			src = bytes.Replace(src, []byte(defaults), []byte(tc.settings), 1)
			if err := os.WriteFile(config, src, 0o644); err != nil {
				t.Fatal(err)
			}
			r := lint(t, dir)
			if tc.wantErr != "" {
				if r.exit != 3 || !strings.Contains(r.stderr, tc.wantErr) {
					t.Fatalf("exit status %d, stderr:\n%s\nwant status 3 and %q", r.exit, r.stderr, tc.wantErr)
				}
				return
			}
			want := wants(t, dir)
			for at, re := range want {
				if !tc.keep(re) {
					delete(want, at)
				}
			}
			check(t, r, want)
		})
	}
}
