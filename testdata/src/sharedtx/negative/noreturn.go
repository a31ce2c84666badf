package negative

import (
	"database/sql"
	"log"
	"os"
	"testing"
)

// Calls that do not return end their path (the one rule of package
// flow): the function's own use of tx behind them never runs beside the
// goroutine.

// UseAfterFatal: log.Fatal ends the process.
func UseAfterFatal(tx *sql.Tx, bad bool) {
	go func() { tx.Exec("a") }()
	if bad {
		log.Fatal("stop")
		tx.Exec("b")
	}
}

// UseAfterExit: os.Exit ends the process.
func UseAfterExit(tx *sql.Tx, bad bool) {
	go func() { tx.Exec("a") }()
	if bad {
		os.Exit(1)
		tx.Exec("b")
	}
}

// UseAfterTestFatal: t.Fatal ends the test's goroutine.
func UseAfterTestFatal(t *testing.T, tx *sql.Tx, bad bool) {
	go func() { tx.Exec("a") }()
	if bad {
		t.Fatal("stop")
		tx.Exec("b")
	}
}
