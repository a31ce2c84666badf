package decls

// A file without a go statement is left out whole.
func alsoQuiet() { quiet() }
