package golangci

import (
	"fmt"
	"strconv"

	"golang.org/x/tools/go/analysis"
)

// configure returns the analyzer to run for a under s. It never changes a,
// which other drivers in the same process share.
func configure(a *analysis.Analyzer, s Settings) (*analysis.Analyzer, error) {
	if s.Redundant == nil || *s.Redundant || a.Name != "doublerelease" {
		return a, nil
	}
	// PENDING: doublerelease's constructor; until it lands, a fresh instance
	// cannot be had, and setting a.Flags would change the shared analyzer.
	if a.Flags.Lookup("redundant") == nil {
		return nil, fmt.Errorf("txvet settings: redundant: %s has no flag redundant", a.Name)
	}
	return nil, fmt.Errorf("txvet settings: redundant=%s: not wired yet", strconv.FormatBool(*s.Redundant))
}
