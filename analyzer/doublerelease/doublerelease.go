// Package doublerelease defines an Analyzer that reports explicit releases
// of a transaction or connection whose release a deferred scope owns.
//
// SKELETON: the rule is being implemented (issue 2).
package doublerelease

import "golang.org/x/tools/go/analysis"

var Analyzer = &analysis.Analyzer{
	Name: "doublerelease",
	Doc:  "report a release of a transaction or connection that a deferred scope already releases",
	URL:  "https://github.com/txvet/txvet/blob/main/docs/doublerelease.md",
	Run:  func(*analysis.Pass) (any, error) { return nil, nil },
}
