package sharedtx_test

import (
	"testing"

	"github.com/txvet/txvet"
	"github.com/txvet/txvet/analyzer/sharedtx"
	"github.com/txvet/txvet/internal/testtool"
)

// fixedPackages are the testdata packages whose findings all have fixes.
var fixedPackages = []string{"sharedtx/seed", "sharedtx/positive"}

// TestFixedCodeIsClean applies every suggested fix as a driver that does
// no clean-up of its own would (golangci-lint --fix: raw text edits, no
// gofmt, no import pruning), checks that the result is gofmt-clean and is
// the .golden file, type-checks it, and runs every txvet analyzer on it
// again: it must compile and draw no diagnostic.
func TestFixedCodeIsClean(t *testing.T) {
	t.Parallel()
	testtool.FixedCodeIsClean(t, sharedtx.Analyzer, txvet.Analyzers(), fixedPackages, false)
}
