// Package nohandle launches goroutines but holds no database handle: the
// analyzers get no inspector.
package nohandle // want "none"

func work() {}

func start() {
	go work()
}
