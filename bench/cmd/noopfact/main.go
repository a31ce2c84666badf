// Command noopfact runs a do-nothing analyzer that declares a fact type
// under the x/tools checker, which then loads every package from source.
// It is the all-from-source floor of docs/performance.md.
package main

import (
	"golang.org/x/tools/go/analysis/singlechecker"

	"github.com/txvet/txvet/bench/noop"
)

func main() { singlechecker.Main(noop.WithFact) }
