// Package sharedtx defines an Analyzer that reports one transaction or
// connection used by goroutines that may run at the same time.
//
// SKELETON: the rule is being implemented (issue 3).
package sharedtx

import "golang.org/x/tools/go/analysis"

var Analyzer = &analysis.Analyzer{
	Name: "sharedtx",
	Doc:  "report a transaction or connection used by concurrent goroutines",
	URL:  "https://github.com/txvet/txvet/blob/main/docs/sharedtx.md",
	Run:  func(*analysis.Pass) (any, error) { return nil, nil },
}
