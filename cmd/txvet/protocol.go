package main

import "strings"

// isUnitcheckerInvocation reports whether the go command (or a user
// asking the same questions) is talking to the tool: a single *.cfg
// unit description, the -flags and -V=full handshakes, or "help [name]",
// which go vet's usage message suggests.
func isUnitcheckerInvocation(args []string) bool {
	if len(args) > 0 && args[0] == "help" {
		return true
	}
	for _, arg := range args {
		switch strings.TrimPrefix(arg, "-") {
		case "-flags", "flags", "-V=full", "V=full":
			return true
		}
	}
	return len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg")
}
