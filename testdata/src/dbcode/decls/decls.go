// Package decls has declarations with and without a go statement.
package decls

func quiet() int { return 1 }

func direct() { // want "held"
	go quiet()
}

func nested() { // want "held"
	f := func() {
		go quiet()
	}
	f()
}

var background = func() { // want "held"
	go quiet()
}

type T struct{}

func (T) method() {}
