// Package plain has no database handle: the analyzers skip it.
package plain

import "strings"

func upper(s string) string { return strings.ToUpper(s) }
