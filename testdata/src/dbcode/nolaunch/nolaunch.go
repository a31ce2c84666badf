// Package nolaunch has no go statement: Inspect returns nil.
package nolaunch // want "no declaration"

func run(f func()) { f() }
