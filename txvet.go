// Package txvet lists the txvet analyzers, for drivers that run them all:
// the txvet command, the golangci-lint plugin and Bazel's nogo.
//
// Adding an analyzer means its own package, which declares its Analyzer
// and its metadata (Meta, see internal/meta), and one line in [Metadata].
package txvet

import (
	"golang.org/x/tools/go/analysis"

	"github.com/txvet/txvet/analyzer/doublerelease"
	"github.com/txvet/txvet/analyzer/sharedtx"
	"github.com/txvet/txvet/analyzer/txleak"
	"github.com/txvet/txvet/analyzer/useafterrelease"
	"github.com/txvet/txvet/internal/meta"
)

// Metadata returns the metadata of every txvet analyzer, in a fixed
// order: what each reports, its options and its rule page.
func Metadata() []*meta.Analyzer {
	return []*meta.Analyzer{
		doublerelease.Meta,
		sharedtx.Meta,
		txleak.Meta,
		useafterrelease.Meta,
	}
}

// Analyzers returns every txvet analyzer, in the order of [Metadata].
func Analyzers() []*analysis.Analyzer {
	var as []*analysis.Analyzer
	for _, m := range Metadata() {
		as = append(as, m.Analyzer)
	}
	return as
}
