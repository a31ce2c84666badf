// Command rowserrcheck is the peer linter at the version pinned in
// go.mod, built with the same golang.org/x/tools as txvet: its own
// release pins an x/tools from 2021 whose loader crashes on Go 1.26.
package main

import (
	"github.com/jingyugao/rowserrcheck/passes/rowserr"
	"golang.org/x/tools/go/analysis/singlechecker"
)

func main() { singlechecker.Main(rowserr.NewAnalyzer()) }
