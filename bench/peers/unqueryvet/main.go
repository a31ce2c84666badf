// Command unqueryvet is the peer linter at the version pinned in go.mod
// with only its transaction-leak check on (check-tx-leaks; the SELECT *,
// N+1 and SQL-injection checks off, as far as its settings allow), built
// with the same golang.org/x/tools as txvet.
package main

import (
	"github.com/MirrexOne/unqueryvet"
	"github.com/MirrexOne/unqueryvet/pkg/config"
	"golang.org/x/tools/go/analysis/singlechecker"
)

func main() {
	s := config.DefaultSettings()
	s.N1DetectionEnabled = false
	s.SQLInjectionDetectionEnabled = false
	s.TxLeakDetectionEnabled = true
	singlechecker.Main(unqueryvet.NewWithConfig(&s))
}
