// Package noop defines analyzers that do nothing, the floors txvet is
// measured against: any cost above them is txvet's own work.
package noop

import (
	"golang.org/x/tools/go/analysis"
)

// Analyzer does nothing. Under a driver it costs exactly the loading and
// type-checking that the driver does.
var Analyzer = &analysis.Analyzer{
	Name: "noop",
	Doc:  "do nothing (benchmark floor)",
	Run:  func(*analysis.Pass) (any, error) { return nil, nil },
}

// WithFact does nothing but declares a fact type, which makes the x/tools
// checker load every dependency from source: the all-from-source floor.
var WithFact = &analysis.Analyzer{
	Name:      "noopfact",
	Doc:       "do nothing, declaring a fact type (benchmark floor)",
	Run:       func(*analysis.Pass) (any, error) { return nil, nil },
	FactTypes: []analysis.Fact{new(unusedFact)},
}

type unusedFact struct{}

func (*unusedFact) AFact()         {}
func (*unusedFact) String() string { return "unused" }
