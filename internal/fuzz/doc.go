// Package fuzz holds the robustness tests of txvet: a go test -fuzz target
// that feeds mutated Go sources, seeded from the analyzers' test cases and
// the library stubs, through parsing, type-checking and every analyzer.
// The package has no code outside its tests.
package fuzz
