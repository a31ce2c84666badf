// Package missing imports a package that does not exist: with its
// import closure unknown, the prefilter keeps it, and the error is
// reported.
package missing

import "example.com/prefilter/nowhere"

var Name = nowhere.Name
