package vet

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/txvet/txvet/internal/testtool"
)

// TestGoVet runs txvet as go vet's tool: the findings are printed, the
// exit status is 1, a helper in one package is seen from its caller in
// another (facts through go vet's vetx files), and //txvet:ignore holds.
func TestGoVet(t *testing.T) {
	txvet, dir := testtool.Txvet(t), fixture(t, "bugs")
	_, stderr, code := run(t, dir, "go", "vet", "-vettool="+txvet, "./...")
	if code != 1 {
		t.Errorf("go vet exit status %d, want 1", code)
	}
	checkFuncs(t, "go vet", parseFindings(t, dir, stderr), allFuncs)
}

// TestGoVetAnalyzerFlag passes an analyzer's flag through go vet.
func TestGoVetAnalyzerFlag(t *testing.T) {
	txvet, dir := testtool.Txvet(t), fixture(t, "bugs")
	_, stderr, code := run(t, dir, "go", "vet", "-vettool="+txvet, "-doublerelease=false", "./...")
	if code != 1 {
		t.Errorf("go vet exit status %d, want 1", code)
	}
	checkFuncs(t, "go vet -doublerelease=false", parseFindings(t, dir, stderr), sharedtxFuncs)

	_, stderr, code = run(t, dir, "go", "vet", "-vettool="+txvet, "-sharedtx=false", "./...")
	if code != 1 {
		t.Errorf("go vet exit status %d, want 1", code)
	}
	checkFuncs(t, "go vet -sharedtx=false", parseFindings(t, dir, stderr), doublereleaseFuncs)

	// An analyzer's own flag: the clean-up kind off, the bug kinds kept.
	_, stderr, _ = run(t, dir, "go", "vet", "-vettool="+txvet, "-doublerelease.redundant=false", "./...")
	checkFuncs(t, "go vet -doublerelease.redundant=false", parseFindings(t, dir, stderr), []string{"billing.Charge", "history.Counts", "history.Touch"})
}

// TestGoVetClean exits 0 on a module without findings.
func TestGoVetClean(t *testing.T) {
	_, stderr, code := run(t, fixture(t, "clean"), "go", "vet", "-vettool="+testtool.Txvet(t), "./...")
	if code != 0 || stderr != "" {
		t.Errorf("go vet on clean code: exit %d, stderr %q; want 0 and nothing", code, stderr)
	}
}

// TestGoFix runs txvet as Go 1.26's fix tool: -diff prints the fixes
// (exit 1, files untouched), and applying them gives a module that
// builds and draws no finding that had a fix.
func TestGoFix(t *testing.T) {
	txvet, dir := testtool.Txvet(t), copyFixture(t, "bugs")
	before := readTree(t, dir)
	stdout, _, code := run(t, dir, "go", "fix", "-fixtool="+txvet, "-diff", "./...")
	if code != 1 {
		t.Errorf("go fix -diff exit status %d, want 1 (non-empty diff)", code)
	}
	for _, file := range []string{"store/store.go", "billing/billing.go", "history/history.go"} {
		if !strings.Contains(stdout, file) {
			t.Errorf("go fix -diff shows no fix for %s", file)
		}
	}
	if !strings.Contains(stdout, "-\t\ttx.Rollback()\n") {
		t.Errorf("go fix -diff does not delete the redundant tx.Rollback()")
	}
	if after := readTree(t, dir); after != before {
		t.Errorf("go fix -diff changed files")
	}

	if _, _, code := run(t, dir, "go", "fix", "-fixtool="+txvet, "./..."); code != 0 {
		t.Errorf("go fix exit status %d, want 0", code)
	}
	if readTree(t, dir) == before {
		t.Fatalf("go fix changed nothing")
	}
	if _, _, code := run(t, dir, "go", "build", "./..."); code != 0 {
		t.Fatalf("the fixed module does not build")
	}
	// Every finding of the fixture has a fix.
	if _, stderr, code := run(t, dir, "go", "vet", "-vettool="+txvet, "./..."); code != 0 {
		t.Errorf("after go fix: go vet exit %d, findings %v", code, funcs(parseFindings(t, dir, stderr)))
	}
}

// readTree returns the Go sources of a module, concatenated.
func readTree(t *testing.T, dir string) string {
	t.Helper()
	var all strings.Builder
	err := filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err == nil && strings.HasSuffix(path, ".go") {
			data, err := os.ReadFile(path)
			all.WriteString(path + "\n")
			all.Write(data)
			return err
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return all.String()
}
