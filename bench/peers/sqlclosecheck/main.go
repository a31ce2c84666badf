// Command sqlclosecheck is the peer linter at the version pinned in
// go.mod, built with the same golang.org/x/tools as txvet so that both
// run on the same checker (as golangci-lint builds it).
package main

import (
	"github.com/ryanrolds/sqlclosecheck/pkg/analyzer"
	"golang.org/x/tools/go/analysis/singlechecker"
)

func main() { singlechecker.Main(analyzer.NewAnalyzer()) }
