package main

import (
	"flag"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/printf"
	"golang.org/x/tools/go/analysis/suite/fix"
	"golang.org/x/tools/go/analysis/suite/vet"

	"github.com/txvet/txvet"
)

func TestFixMode(t *testing.T) {
	for args, want := range map[string]bool{
		"-json x.cfg":          false,
		"-fix x.cfg":           true,
		"-fix -diff x.cfg":     true,
		"--fix=true x.cfg":     true,
		"-fix=false x.cfg":     false,
		"-fix -fix=0 x.cfg":    false,
		"-fixtool=t x.cfg":     false,
		"-printf=false x.cfg":  false,
		"fix x.cfg":            false, // not a flag
		"-flags":               false,
		"-printf.funcs=f -fix": true,
	} {
		if got := fixMode(strings.Fields(args)); got != want {
			t.Errorf("fixMode(%s) = %v, want %v", args, got, want)
		}
	}
}

// TestUnitcheckerAnalyzers checks the analyzer sets of the go vet and go
// fix modes: each is its suite plus txvet's analyzers, valid, and both
// define the same flags (the go command asks once, without -fix).
func TestUnitcheckerAnalyzers(t *testing.T) {
	own := txvet.Analyzers()
	modes := map[string]struct {
		args  []string
		suite []*analysis.Analyzer
	}{
		"vet": {[]string{"-json", "x.cfg"}, vet.Suite},
		"fix": {[]string{"-fix", "x.cfg"}, fix.Suite},
	}
	flagSets := make(map[string][]string)
	for mode, m := range modes {
		as := unitcheckerAnalyzers(m.args)
		if err := analysis.Validate(as); err != nil {
			t.Fatalf("%s mode: %v", mode, err)
		}
		for _, want := range slices.Concat(m.suite, own) {
			if !slices.Contains(as, want) {
				t.Errorf("%s mode lacks %s", mode, want.Name)
			}
		}
		var names []string
		for _, a := range as {
			names = append(names, a.Name)
			a.Flags.VisitAll(func(f *flag.Flag) { names = append(names, a.Name+"."+f.Name) })
		}
		slices.Sort(names)
		if i := firstDuplicate(names); i >= 0 {
			t.Errorf("%s mode: two analyzers or flags named %s", mode, names[i])
		}
		flagSets[mode] = names
	}
	if !slices.Equal(flagSets["vet"], flagSets["fix"]) {
		t.Errorf("the modes define different flags:\nvet %v\nfix %v", flagSets["vet"], flagSets["fix"])
	}
	// printf is go vet's, not go fix's: under go fix it takes its flags
	// and does nothing.
	for _, a := range unitcheckerAnalyzers(modes["fix"].args) {
		if a.Name == printf.Analyzer.Name && (a == printf.Analyzer || a.Flags.Lookup("funcs") == nil) {
			t.Errorf("go fix mode: printf should be an inert copy with printf's flags")
		}
	}
	if got := unitcheckerAnalyzers([]string{"help"}); !slices.Equal(got, own) {
		t.Errorf("txvet help documents %d analyzers, want txvet's %d", len(got), len(own))
	}
}

func firstDuplicate(sorted []string) int {
	for i := 1; i < len(sorted); i++ {
		if sorted[i] == sorted[i-1] {
			return i
		}
	}
	return -1
}
