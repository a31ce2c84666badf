// Command txvet runs the txvet analyzers.
//
// It is three tools in one binary:
//
//	txvet [flags] [packages]               standalone driver: txvet's analyzers (see docs/usage.md)
//	go vet -vettool=$(command -v txvet)    the unitchecker protocol of go vet: go vet's analyzers and txvet's
//	go fix -fixtool=$(command -v txvet)    the same protocol, in fix mode: go fix's analyzers and txvet's
//
// The go command runs the tool with a single *.cfg argument, and with
// -flags and -V=full to learn its flags and version; those invocations go
// to unitchecker, everything else to the standalone driver.
package main

import (
	"os"

	"golang.org/x/tools/go/analysis/unitchecker"
)

func main() {
	if isUnitcheckerInvocation(os.Args[1:]) {
		unitchecker.Main(unitcheckerAnalyzers(os.Args[1:])...) // exits
	}
	os.Exit(runCLI(os.Args[1:], os.Stdout, os.Stderr))
}
