package main

import (
	"runtime"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/packages"

	"github.com/txvet/txvet"
)

// benchPatterns are the packages of the all-from-source floor measurement
// in docs/performance.md.
var benchPatterns = []string{"database/sql/...", "encoding/json"}

type noFact struct{}

func (*noFact) AFact() {}

var (
	noop = &analysis.Analyzer{
		Name: "noop",
		Doc:  "does nothing",
		Run:  func(*analysis.Pass) (any, error) { return nil, nil },
	}
	// noopInspect is the floor of an analyzer built, like txvet's, on the
	// shared AST inspector.
	noopInspect = &analysis.Analyzer{
		Name:     "noopinspect",
		Doc:      "does nothing, but requires the inspector",
		Requires: []*analysis.Analyzer{inspect.Analyzer},
		Run:      func(*analysis.Pass) (any, error) { return nil, nil },
	}
	noopWithFacts = &analysis.Analyzer{
		Name:      "noopfacts",
		Doc:       "does nothing, but declares a fact type",
		FactTypes: []analysis.Fact{new(noFact)},
		Run:       func(*analysis.Pass) (any, error) { return nil, nil },
	}
)

// runDriver is one run of the txvet driver's loading and analysis.
func runDriver(b *testing.B, analyzers []*analysis.Analyzer) {
	res, err := analyze(&options{tests: true, patterns: benchPatterns, analyzers: analyzers})
	if err != nil || len(res.errors) > 0 || len(res.failures) > 0 {
		b.Fatalf("%v %v %v", err, res.errors, res.failures)
	}
}

// runAllSyntax is what singlechecker does once an analyzer declares
// facts: every dependency from source.
func runAllSyntax(b *testing.B, analyzers []*analysis.Analyzer) {
	pkgs, err := packages.Load(&packages.Config{Mode: packages.LoadAllSyntax | packages.NeedModule, Tests: true}, benchPatterns...)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := checker.Analyze(analyzers, pkgs, nil); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkDriver compares, in one run, txvet's analyzers with a no-op
// analyzer under the same loading (the type-checking floor), a no-op
// analyzer that declares facts (which costs nothing extra here), a no-op
// analyzer that requires the AST inspector as txvet's analyzers do, and
// the x/tools checker's all-from-source loading that facts would
// otherwise force. It reports each variant's wall time and allocation
// relative to the no-op floor.
func BenchmarkDriver(b *testing.B) {
	variants := []struct {
		name string
		run  func(*testing.B)
	}{
		{"noop", func(b *testing.B) { runDriver(b, []*analysis.Analyzer{noop}) }},
		{"noop-facts", func(b *testing.B) { runDriver(b, []*analysis.Analyzer{noopWithFacts}) }},
		{"noop-inspect", func(b *testing.B) { runDriver(b, []*analysis.Analyzer{noopInspect}) }},
		{"txvet", func(b *testing.B) { runDriver(b, txvet.Analyzers()) }},
		{"noop-facts-allsyntax", func(b *testing.B) { runAllSyntax(b, []*analysis.Analyzer{noopWithFacts}) }},
	}
	wall := make([]time.Duration, len(variants))
	alloc := make([]uint64, len(variants))
	for n := range b.N {
		for j := range variants {
			i := (j + n) % len(variants) // rotate, so that no variant always runs first
			v := variants[i]
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			start := time.Now()
			v.run(b)
			wall[i] += time.Since(start)
			runtime.ReadMemStats(&after)
			alloc[i] += after.TotalAlloc - before.TotalAlloc
		}
	}
	for i, v := range variants {
		b.ReportMetric(float64(wall[i].Milliseconds())/float64(b.N), v.name+"-ms/op")
		b.ReportMetric(float64(alloc[i]>>20)/float64(b.N), v.name+"-MiB/op")
		b.ReportMetric(float64(wall[i])/float64(wall[0]), v.name+"/noop-wall")
		b.ReportMetric(float64(alloc[i])/float64(alloc[0]), v.name+"/noop-alloc")
	}
}
