// Package broken does not type-check and holds no database code: the
// prefilter skips it, so its error goes unreported.
package broken

func Count() int { return "none" }
