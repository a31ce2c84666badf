package golangci

import (
	"golang.org/x/tools/go/analysis"

	"github.com/txvet/txvet/analyzer/doublerelease"
)

// configure returns the analyzer to run in place of a under s. It never
// changes a, which other drivers in the same process share: a setting that
// differs from a's defaults gets a fresh analyzer from its constructor.
func configure(a *analysis.Analyzer, s Settings) *analysis.Analyzer {
	if a == doublerelease.Analyzer && s.Redundant != nil && !*s.Redundant {
		return doublerelease.New(doublerelease.Config{Redundant: false})
	}
	return a
}
