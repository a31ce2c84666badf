package vet

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/txvet/txvet/internal/testtool"
)

// TestCLIFindings: text findings on stderr, exit 1, the suppressed
// finding absent, and the in-module helper of another package seen even
// when only the caller's package is named.
func TestCLIFindings(t *testing.T) {
	txvet, dir := testtool.Txvet(t), fixture(t, "bugs")
	stdout, stderr, code := run(t, dir, txvet, "./...")
	if code != 1 || stdout != "" {
		t.Errorf("exit %d, stdout %q; want 1 and nothing", code, stdout)
	}
	checkFuncs(t, "txvet ./...", parseFindings(t, dir, stderr), allFuncs)

	_, stderr, code = run(t, dir, txvet, "./billing")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	checkFuncs(t, "txvet ./billing", parseFindings(t, dir, stderr), []string{"billing.Charge"})
}

func TestCLIExitCodes(t *testing.T) {
	txvet := testtool.Txvet(t)
	if _, stderr, code := run(t, fixture(t, "clean"), txvet, "./..."); code != 0 || stderr != "" {
		t.Errorf("clean module: exit %d, stderr %q; want 0 and nothing", code, stderr)
	}
	if _, stderr, code := run(t, fixture(t, "broken"), txvet, "./..."); code != 3 || !strings.Contains(stderr, "undefined") {
		t.Errorf("module that does not type-check: exit %d, stderr %q; want 3 and the type error", code, stderr)
	}
	if _, _, code := run(t, fixture(t, "clean"), txvet, "-nosuchflag", "./..."); code != 2 {
		t.Errorf("unknown flag: exit %d, want 2", code)
	}
	if _, _, code := run(t, fixture(t, "clean"), txvet, "./nosuchpackage"); code != 3 {
		t.Errorf("missing package: exit %d, want 3", code)
	}
	// A gate that analyzed nothing must not pass.
	empty := t.TempDir()
	if err := os.WriteFile(filepath.Join(empty, "go.mod"), []byte("module example.com/empty\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := run(t, empty, txvet, "./..."); code != 3 || !strings.Contains(stderr, "matched no packages") {
		t.Errorf("no packages: exit %d, stderr %q; want 3", code, stderr)
	}
}

// TestCLIChdir runs as if in another directory, like go -C.
func TestCLIChdir(t *testing.T) {
	txvet, dir := testtool.Txvet(t), fixture(t, "bugs")
	_, stderr, code := run(t, filepath.Dir(dir), txvet, "-C", "bugs", "./...")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	checkFuncs(t, "txvet -C bugs ./...", parseFindings(t, dir, stderr), allFuncs)
}

// TestCLIAnalyzerFlags enables, disables and configures analyzers.
func TestCLIAnalyzerFlags(t *testing.T) {
	txvet, dir := testtool.Txvet(t), fixture(t, "bugs")
	_, stderr, _ := run(t, dir, txvet, "-sharedtx=false", "./...")
	checkFuncs(t, "-sharedtx=false", parseFindings(t, dir, stderr), doublereleaseFuncs)
	_, stderr, _ = run(t, dir, txvet, "-sharedtx", "./...")
	checkFuncs(t, "-sharedtx", parseFindings(t, dir, stderr), sharedtxFuncs)
	// The clean-up kind off, the bug kinds kept.
	_, stderr, _ = run(t, dir, txvet, "-doublerelease.redundant=false", "./...")
	checkFuncs(t, "-doublerelease.redundant=false", parseFindings(t, dir, stderr), []string{"billing.Charge", "history.Counts", "history.Touch"})
}

// TestCLIBuildFlags: -test=false skips test files, -tags selects files.
func TestCLIBuildFlags(t *testing.T) {
	txvet, dir := testtool.Txvet(t), fixture(t, "bugs")
	_, stderr, _ := run(t, dir, txvet, "-test=false", "./store")
	checkFuncs(t, "-test=false", parseFindings(t, dir, stderr), []string{"store.Transfer"})
	_, stderr, _ = run(t, dir, txvet, "-tags", "txvetspecial", "./store")
	checkFuncs(t, "-tags txvetspecial", parseFindings(t, dir, stderr), []string{"store.SpecialTransfer", "store.Transfer", "store.seed"})
}

// jsonTree is the go vet -json shape: package -> analyzer -> diagnostics.
type jsonTree map[string]map[string]json.RawMessage

type jsonDiagnostic struct {
	Category       string `json:"category"`
	Posn           string `json:"posn"`
	Message        string `json:"message"`
	SuggestedFixes []struct {
		Message string `json:"message"`
		Edits   []struct {
			Filename   string `json:"filename"`
			Start, End int
			New        string `json:"new"`
		} `json:"edits"`
	} `json:"suggested_fixes"`
}

func TestCLIJSON(t *testing.T) {
	txvet, dir := testtool.Txvet(t), fixture(t, "bugs")
	stdout, _, code := run(t, dir, txvet, "-json", "./...")
	if code != 0 {
		t.Errorf("-json exit %d, want 0 (like go vet -json)", code)
	}
	var tree jsonTree
	if err := json.Unmarshal([]byte(stdout), &tree); err != nil {
		t.Fatalf("-json output: %v", err)
	}
	byAnalyzer := make(map[string][]string)
	for _, analyzers := range tree {
		for name, raw := range analyzers {
			var diags []jsonDiagnostic
			if err := json.Unmarshal(raw, &diags); err != nil {
				t.Fatalf("%s: %s", name, raw)
			}
			for _, d := range diags {
				if d.Category == "" {
					t.Errorf("%s: diagnostic without category: %s", d.Posn, d.Message)
				}
				file, line, _, _ := splitPosition(d.Posn + ": " + d.Message)
				byAnalyzer[name] = append(byAnalyzer[name], enclosingFunc(t, file, line))
			}
		}
	}
	for name, want := range map[string][]string{"doublerelease": doublereleaseFuncs, "sharedtx": sharedtxFuncs} {
		got := byAnalyzer[name]
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("-json %s: findings in %q, want %q", name, got, want)
		}
	}
}

// TestCLIDiffAndFix: -diff prints a unified diff and changes nothing;
// -fix applies the fixes, the module builds, and only findings without
// a fix remain.
func TestCLIDiffAndFix(t *testing.T) {
	txvet, dir := testtool.Txvet(t), copyFixture(t, "bugs")
	before := readTree(t, dir)
	stdout, stderr, code := run(t, dir, txvet, "-diff", "./...")
	if code != 1 {
		t.Errorf("-diff exit %d, want 1", code)
	}
	// The findings explain the diff, on stderr; stdout holds only the diff.
	checkFuncs(t, "-diff", parseFindings(t, dir, stderr), allFuncs)
	if !strings.HasPrefix(stdout, "--- a/") {
		t.Errorf("-diff stdout does not start with a diff header")
	}
	for _, want := range []string{"--- a/store/store.go\n+++ b/store/store.go\n", "-\t\ttx.Rollback()\n", "--- a/billing/billing.go\n", "+\t\treturn nil\n"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("-diff output lacks %q", want)
		}
	}
	if readTree(t, dir) != before {
		t.Fatalf("-diff changed files")
	}

	// Every finding of the fixture has a fix: -fix leaves none, exits 0,
	// and the fixed module builds and draws nothing.
	if _, stderr, code := run(t, dir, txvet, "-fix", "./..."); code != 0 || stderr != "" {
		t.Errorf("-fix: exit %d, stderr %q; want 0 and nothing", code, stderr)
	}
	if _, _, code := run(t, dir, "go", "build", "./..."); code != 0 {
		t.Fatalf("the fixed module does not build")
	}
	if _, stderr, code := run(t, dir, txvet, "./..."); code != 0 {
		t.Errorf("after -fix: exit %d, findings %v", code, funcs(parseFindings(t, dir, stderr)))
	}
}

// TestIgnoreDirective checks that the suppression tests above are not
// vacuous: without its //txvet:ignore line, store.Audit is reported.
func TestIgnoreDirective(t *testing.T) {
	txvet, dir := testtool.Txvet(t), copyFixture(t, "bugs")
	file := filepath.Join(dir, "store", "store.go")
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	stripped := strings.Replace(string(src), "//txvet:ignore", "// not a directive:", 1)
	if stripped == string(src) {
		t.Fatal("fixture lost its //txvet:ignore")
	}
	if err := os.WriteFile(file, []byte(stripped), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, _ := run(t, dir, txvet, "./store")
	checkFuncs(t, "without the directive", parseFindings(t, dir, stderr), []string{"store.Audit", "store.Transfer", "store.seed"})
}

// TestCLIProtocolFlags: -flags and -V=full answer as go vet expects.
func TestCLIProtocolFlags(t *testing.T) {
	txvet := testtool.Txvet(t)
	stdout, _, code := run(t, t.TempDir(), txvet, "-flags")
	var flags []struct {
		Name string
		Bool bool
	}
	if err := json.Unmarshal([]byte(stdout), &flags); err != nil || code != 0 {
		t.Fatalf("-flags: exit %d, %v", code, err)
	}
	var names []string
	for _, f := range flags {
		names = append(names, f.Name)
	}
	for _, want := range []string{"doublerelease", "sharedtx", "doublerelease.redundant", "json", "diff", "V"} {
		if !slices.Contains(names, want) {
			t.Errorf("-flags lacks %s: %v", want, names)
		}
	}
	stdout, _, code = run(t, t.TempDir(), txvet, "-V=full")
	if code != 0 || !strings.Contains(stdout, " version ") || !strings.Contains(stdout, "buildID=") {
		t.Errorf("-V=full: exit %d, %q", code, stdout)
	}
}

// TestCLIErrorsWinOverFindings: a package that does not type-check makes
// the run exit 3, while the findings of the packages that did load are
// still printed and written to SARIF (marked as an unsuccessful run).
func TestCLIErrorsWinOverFindings(t *testing.T) {
	txvet, dir := testtool.Txvet(t), copyFixture(t, "bugs")
	broken, err := os.ReadFile(filepath.Join(fixture(t, "broken"), "broken.go"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "broken"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "broken", "broken.go"), broken, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "txvet.sarif")
	_, stderr, code := run(t, dir, txvet, "-sarif", out, "./...")
	if code != 3 || !strings.Contains(stderr, "undefined") {
		t.Errorf("exit %d, want 3 with the type error", code)
	}
	var found []reported
	for _, r := range parseFindings(t, dir, stderr) {
		if !strings.HasPrefix(r.file, "broken/") { // the type errors
			found = append(found, r)
		}
	}
	checkFuncs(t, "with a broken package", found, allFuncs)
	var log struct {
		Runs []struct {
			Invocations []struct {
				ExecutionSuccessful bool `json:"executionSuccessful"`
			} `json:"invocations"`
			Results []json.RawMessage `json:"results"`
		} `json:"runs"`
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &log); err != nil || len(log.Runs) != 1 || len(log.Runs[0].Invocations) != 1 {
		t.Fatalf("SARIF: %v", err)
	}
	if log.Runs[0].Invocations[0].ExecutionSuccessful || len(log.Runs[0].Results) != len(allFuncs) {
		t.Errorf("SARIF: executionSuccessful %v with %d results; want false with %d", log.Runs[0].Invocations[0].ExecutionSuccessful, len(log.Runs[0].Results), len(allFuncs))
	}
}

// TestCLIJSONErrors: a package that does not type-check, and one that
// does not exist, get go vet's -json error entry for each analyzer
// (exit 3: the run could not look at the code).
func TestCLIJSONErrors(t *testing.T) {
	txvet, dir := testtool.Txvet(t), fixture(t, "broken")
	stdout, _, code := run(t, dir, txvet, "-json", "./...", "./missing")
	if code != 3 {
		t.Errorf("-json on broken code: exit %d, want 3", code)
	}
	var tree map[string]map[string]struct {
		Error string `json:"error"`
	}
	if err := json.Unmarshal([]byte(stdout), &tree); err != nil {
		t.Fatalf("-json output: %v\n%s", err, stdout)
	}
	for pkg, want := range map[string]string{
		"example.com/broken": "broken.go:12:19: undefined: undefined",
		"./missing":          "missing: directory not found",
	} {
		for _, analyzer := range []string{"doublerelease", "sharedtx"} {
			if got := tree[pkg][analyzer].Error; !strings.Contains(got, want) {
				t.Errorf("-json %s %s: error %q, want it to contain %q", pkg, analyzer, got, want)
			}
		}
	}
}
