package main

import (
	"bytes"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"

	"github.com/txvet/txvet"
)

// runIn runs the standalone driver on args in dir, as runCLI does after
// -C dir, and returns its exit status and standard error.
func runIn(t *testing.T, dir string, args ...string) (int, string) {
	t.Helper()
	var stderr bytes.Buffer
	opts, err := parseFlags(args, txvet.Analyzers(), &stderr)
	if err != nil {
		t.Fatal(err)
	}
	opts.workDir = dir
	res, err := analyze(opts)
	if err != nil {
		return exitErrors, err.Error()
	}
	return report(opts, res, dir, io.Discard, &stderr), stderr.String()
}

func prefilterDir(t *testing.T) string {
	dir, err := filepath.Abs("testdata/prefilter")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

const (
	brokenError    = "broken.go:5:27: cannot use"
	ledgerFinding  = "ledger_test.go:21:3: tx.Rollback() is redundant"
	missingError   = "missing.go:6:8: no required module provides package example.com/prefilter/nowhere"
	ownTxFinding   = "owntx.go:13:3: tx.Rollback() is redundant"
	connFinding    = "conn.go:18:3: conn.Close() is redundant"
	billingFinding = "billing.go:17:10: tx.Commit() inside the callback of store.WithTx"
)

// TestPrefilterSkipsPackagesWithoutHandles checks that a package with no
// database library and no "Rollback" in its import closure is not even
// type-checked: its type error goes unreported, and is reported without
// the prefilter.
func TestPrefilterSkipsPackagesWithoutHandles(t *testing.T) {
	dir := prefilterDir(t)
	tests := []struct {
		args     []string
		code     int
		contains []string
		lacks    []string
	}{
		{[]string{"-prefilter", "./broken"}, exitClean, nil, []string{"broken.go", "matched no packages"}},
		{[]string{"./broken"}, exitErrors, []string{brokenError}, nil}, // off by default
		{[]string{"-prefilter=false", "./broken"}, exitErrors, []string{brokenError}, nil},
		// Only the external test of ledger holds database code: the
		// package is loaded by its path, and the test analyzed.
		{[]string{"-prefilter", "./ledger"}, exitFindings, []string{ledgerFinding}, nil},
		{[]string{"-prefilter", "-test=false", "./ledger"}, exitClean, nil, []string{"ledger", "matched no packages"}},
		// A package whose closure go list cannot complete is kept.
		{[]string{"-prefilter", "./missing"}, exitErrors, []string{missingError}, nil},
		{[]string{"-prefilter", "./..."}, exitErrors, []string{missingError, ownTxFinding, billingFinding, connFinding, ledgerFinding}, []string{"broken.go"}},
		{[]string{"-prefilter=false", "./..."}, exitErrors, []string{brokenError, missingError, ownTxFinding, billingFinding, connFinding, ledgerFinding}, nil},
		// Files named on the command line are not prefiltered.
		{[]string{"-prefilter", "broken/broken.go"}, exitErrors, []string{brokenError}, nil},
		// A pattern that matches nothing is still an error.
		{[]string{"-prefilter", "example.com/prefilter/none/..."}, exitErrors, []string{"matched no packages"}, nil},
	}
	for _, tt := range tests {
		code, stderr := runIn(t, dir, tt.args...)
		if code != tt.code {
			t.Errorf("txvet %s: exit %d, want %d; stderr:\n%s", strings.Join(tt.args, " "), code, tt.code, stderr)
		}
		for _, s := range tt.contains {
			if !strings.Contains(stderr, s) {
				t.Errorf("txvet %s: stderr lacks %q:\n%s", strings.Join(tt.args, " "), s, stderr)
			}
		}
		for _, s := range tt.lacks {
			if strings.Contains(stderr, s) {
				t.Errorf("txvet %s: stderr holds %q:\n%s", strings.Join(tt.args, " "), s, stderr)
			}
		}
	}
}

// TestPrefilterKeepsOwnTransactionTypes checks the structural family: a
// package that declares its own Tx interface, and imports no database
// library, is still analyzed.
func TestPrefilterKeepsOwnTransactionTypes(t *testing.T) {
	code, stderr := runIn(t, prefilterDir(t), "-prefilter", "./owntx")
	if code != exitFindings || !strings.Contains(stderr, ownTxFinding) {
		t.Errorf("txvet ./owntx: exit %d, want %d with %q; stderr:\n%s", code, exitFindings, ownTxFinding, stderr)
	}
}

// TestPrefilterKeepsLibraryHandles checks the knowledge tables: a
// package that uses a library connection is analyzed even when nothing
// in its closure mentions Rollback (the sqlx stub of the test module
// does not, nor does it import database/sql).
func TestPrefilterKeepsLibraryHandles(t *testing.T) {
	code, stderr := runIn(t, prefilterDir(t), "-prefilter", "./conn")
	if code != exitFindings || !strings.Contains(stderr, connFinding) {
		t.Errorf("txvet ./conn: exit %d, want %d with %q; stderr:\n%s", code, exitFindings, connFinding, stderr)
	}
}

// TestPrefilterKeepsImportersOfDatabaseCode checks that a package that
// reaches database/sql only through a helper of its module is analyzed,
// with the helper's facts, while its import without database code is
// not loaded from source.
func TestPrefilterKeepsImportersOfDatabaseCode(t *testing.T) {
	dir := prefilterDir(t)
	code, stderr := runIn(t, dir, "./billing")
	if code != exitFindings || !strings.Contains(stderr, billingFinding) {
		t.Errorf("txvet ./billing: exit %d, want %d with %q; stderr:\n%s", code, exitFindings, billingFinding, stderr)
	}
	for _, prefilter := range []bool{true, false} {
		l, err := load(&packages.Config{Mode: loadMode, Tests: true, Dir: dir}, []string{"./billing"}, prefilter)
		if err != nil {
			t.Fatal(err)
		}
		var source []string
		for _, p := range l.source {
			source = append(source, p.PkgPath)
		}
		slices.Sort(source)
		want := []string{"example.com/prefilter/billing", "example.com/prefilter/store"}
		if !prefilter {
			want = []string{"example.com/prefilter/billing", "example.com/prefilter/money", "example.com/prefilter/store"}
		}
		if !slices.Equal(source, want) {
			t.Errorf("prefilter=%v: loaded from source %q, want %q", prefilter, source, want)
		}
	}
}

// TestPrefilterStd checks that on the standard library only the
// packages around database/sql are loaded, and that the run is clean.
func TestPrefilterStd(t *testing.T) {
	l, err := load(&packages.Config{Mode: loadMode, Tests: true}, []string{"std"}, true)
	if err != nil {
		t.Fatal(err)
	}
	var roots []string
	for _, p := range l.roots {
		roots = append(roots, p.PkgPath)
	}
	if l.skipped == 0 || !slices.Contains(roots, "database/sql") || slices.Contains(roots, "fmt") {
		t.Errorf("skipped %d packages, analyzing %q: want database/sql and not fmt", l.skipped, roots)
	}
	if code, stderr := runIn(t, "", "-prefilter", "std"); code != exitClean {
		t.Errorf("txvet -prefilter std: exit %d, want %d; stderr:\n%s", code, exitClean, stderr)
	}
}
