package vet

import (
	"slices"
	"testing"

	"github.com/txvet/txvet/internal/testtool"
)

// TestRoutesAgreeOnDependencyHelpers: a helper that owns a transaction
// in another module (a dependency, here replaced by a local directory)
// is covered by the knowledge tables or not at all; facts are inferred
// only for the analyzed module. The standalone command loads
// dependencies from export data and cannot infer facts there, so go vet
// (which could) must not either, or the routes disagree.
func TestRoutesAgreeOnDependencyHelpers(t *testing.T) {
	txvet, dir := testtool.Txvet(t), fixture(t, "depmod/app")
	_, cli, _ := run(t, dir, txvet, "./...")
	_, vet, _ := run(t, dir, "go", "vet", "-vettool="+txvet, "./...")
	if a, b := funcs(parseFindings(t, dir, cli)), funcs(parseFindings(t, dir, vet)); !slices.Equal(a, b) {
		t.Errorf("txvet reports %q, go vet -vettool reports %q", a, b)
	}
}
