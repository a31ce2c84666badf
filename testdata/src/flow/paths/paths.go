package paths

import (
	"log"
	"os"
	"runtime"
	"testing"
)

func start() {}
func hit()   {}
func block() {}

func straight() {
	start() // want "every=true reaches=true"
	hit()
}

func branch(b bool) {
	start() // want "every=false reaches=true"
	if b {
		hit()
	}
}

// Calls that do not return end their path: the one rule.
func fatal(b bool) {
	start() // want "every=true reaches=true"
	if b {
		log.Fatal("x")
	}
	hit()
}

func exit(b bool) {
	start() // want "every=true reaches=true"
	if b {
		os.Exit(1)
	}
	hit()
}

func goexit(b bool) {
	start() // want "every=true reaches=true"
	if b {
		runtime.Goexit()
	}
	hit()
}

func testFatal(t *testing.T, b bool) {
	start() // want "every=true reaches=true"
	if b {
		t.Fatal("x")
	}
	hit()
}

func panics(b bool) {
	start() // want "every=true reaches=true"
	if b {
		panic("x")
	}
	hit()
}

func blocked() {
	start() // want "every=true reaches=false"
	block()
	hit()
}

func blockedOnOnePath(b bool) {
	start() // want "every=true reaches=true"
	if b {
		block()
	}
	hit()
}

// A loop back to the start counts: the hit before start runs again.
func loop(n int) {
	for i := 0; i < n; i++ {
		hit()
		start() // want "every=false reaches=true"
	}
}
