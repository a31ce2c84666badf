package main

import (
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/suite/fix"
	"golang.org/x/tools/go/analysis/suite/vet"

	"github.com/txvet/txvet"
)

// unitcheckerAnalyzers returns the analyzers txvet runs when the go
// command (or a user at the terminal, with "help") speaks the unitchecker
// protocol to it, given the arguments.
//
// As go vet's tool, txvet is a superset of go vet: go vet's suite plus
// txvet's analyzers, so that replacing go vet by go vet -vettool=txvet
// only adds checks. As go fix's tool, it is go fix's suite plus txvet's.
// The go command tells the tool nothing else about which of the two runs
// it: it passes -fix to go fix and go vet -fix, and the same arguments to
// go vet -json and go fix -json (and keys its cache of results by them).
// So -fix selects go fix's suite, and its absence go vet's.
//
// Either way every suite analyzer has its flags, because the go command
// asks for the flags once (-flags, without -fix) and then accepts only
// those: an analyzer of the other suite is present as an inert copy,
// which takes its flags (-printf=false under go fix) and reports nothing.
//
// "txvet help" documents txvet's own analyzers: the suites' are go vet's
// and go fix's to document.
func unitcheckerAnalyzers(args []string) []*analysis.Analyzer {
	own := txvet.Analyzers()
	if len(args) > 0 && args[0] == "help" {
		return own
	}
	suite, other := vet.Suite, fix.Suite
	if fixMode(args) {
		suite, other = fix.Suite, vet.Suite
	}
	run := slices.Concat(suite, own)
	for _, a := range other {
		if !slices.Contains(run, a) {
			run = append(run, inert(a))
		}
	}
	return run
}

// fixMode reports whether args hold -fix (or -fix=true), which the go
// command passes in fix mode.
func fixMode(args []string) bool {
	on := false
	for _, arg := range args {
		name, value, hasValue := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		if !strings.HasPrefix(arg, "-") || name != "fix" {
			continue
		}
		on = true
		if hasValue {
			on, _ = strconv.ParseBool(value)
		}
	}
	return on
}

// inert returns an analyzer with a's name, documentation and flags that
// does nothing: it keeps a's flags valid where a does not run.
func inert(a *analysis.Analyzer) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:  a.Name,
		Doc:   a.Doc,
		URL:   a.URL,
		Flags: a.Flags,
		Run:   func(*analysis.Pass) (any, error) { return nil, nil },
	}
}
