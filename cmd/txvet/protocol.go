package main

import "strings"

// isUnitcheckerInvocation reports whether the go command (or a user
// asking the same questions) is talking to the tool: a single *.cfg
// unit description, or the -flags and -V=full handshakes.
func isUnitcheckerInvocation(args []string) bool {
	for _, arg := range args {
		switch strings.TrimPrefix(arg, "-") {
		case "-flags", "flags", "-V=full", "V=full":
			return true
		}
	}
	return len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg")
}
