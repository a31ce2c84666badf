// Package txvet lists the txvet analyzers, for drivers that run them all:
// the txvet command, the golangci-lint plugin and Bazel's nogo.
package txvet

import (
	"golang.org/x/tools/go/analysis"

	"github.com/txvet/txvet/analyzer/doublerelease"
	"github.com/txvet/txvet/analyzer/sharedtx"
	"github.com/txvet/txvet/analyzer/useafterrelease"
)

// Analyzers returns every txvet analyzer, in a fixed order.
func Analyzers() []*analysis.Analyzer {
	return []*analysis.Analyzer{doublerelease.Analyzer, sharedtx.Analyzer, useafterrelease.Analyzer}
}
