package vet

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/txvet/txvet/internal/testtool"
)

// Findings of the suite fixture, by the comment on their line.
var (
	printfFinding  = regexp.MustCompile(`suite.go:12:\d+: fmt.Sprintf format %s has arg n of wrong type int`)
	txvetFinding   = regexp.MustCompile(`suite.go:22:\d+: tx.Rollback\(\) is redundant`)
	rangeintFix    = "+\tfor i := range xs { // rangeint\n"
	doublerelFix   = "-\t\ttx.Rollback() // doublerelease\n"
	anyFindingLine = regexp.MustCompile(`(?m)^suite.go:\d+:\d+: .*$`)
)

// TestGoVetRunsVetSuite: as go vet's tool, txvet runs go vet's analyzers
// too, each with its own flags; the txvet command runs only its own.
func TestGoVetRunsVetSuite(t *testing.T) {
	txvet, dir := testtool.Txvet(t), fixture(t, "suite")
	for _, tc := range []struct {
		name string
		args []string
		want []*regexp.Regexp
	}{
		{"go vet -vettool", []string{"go", "vet", "-vettool=" + txvet, "./..."}, []*regexp.Regexp{printfFinding, txvetFinding}},
		{"a suite analyzer off", []string{"go", "vet", "-vettool=" + txvet, "-printf=false", "./..."}, []*regexp.Regexp{txvetFinding}},
		{"txvet's analyzers off", []string{"go", "vet", "-vettool=" + txvet, "-doublerelease=false", "-sharedtx=false", "./..."}, []*regexp.Regexp{printfFinding}},
		{"only one suite analyzer", []string{"go", "vet", "-vettool=" + txvet, "-printf", "./..."}, []*regexp.Regexp{printfFinding}},
		{"the txvet command", []string{txvet, "./..."}, []*regexp.Regexp{txvetFinding}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, stderr, code := run(t, dir, tc.args[0], tc.args[1:]...)
			if code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			lines := anyFindingLine.FindAllString(stderr, -1)
			for _, re := range tc.want {
				if !slices.ContainsFunc(lines, re.MatchString) {
					t.Errorf("no finding matching %s in\n%s", re, stderr)
				}
			}
			if len(lines) != len(tc.want) {
				t.Errorf("%d findings, want %d:\n%s", len(lines), len(tc.want), strings.Join(lines, "\n"))
			}
		})
	}
}

// TestGoFixRunsFixSuite: as go fix's tool, txvet applies go fix's
// analyzers' fixes too, takes their flags, and takes go vet's suite's
// flags (the go command asks for one list of flags for both).
func TestGoFixRunsFixSuite(t *testing.T) {
	txvet, dir := testtool.Txvet(t), fixture(t, "suite")
	stdout, _, code := run(t, dir, "go", "fix", "-fixtool="+txvet, "-diff", "./...")
	if code != 1 || !strings.Contains(stdout, rangeintFix) || !strings.Contains(stdout, doublerelFix) {
		t.Errorf("go fix -diff: exit %d, want 1 and both the rangeint and the doublerelease fix:\n%s", code, stdout)
	}
	stdout, _, code = run(t, dir, "go", "fix", "-fixtool="+txvet, "-diff", "-rangeint=false", "-printf=false", "./...")
	if code != 1 || strings.Contains(stdout, rangeintFix) || !strings.Contains(stdout, doublerelFix) {
		t.Errorf("go fix -diff -rangeint=false -printf=false: exit %d, want 1 and only the doublerelease fix:\n%s", code, stdout)
	}
}
