// Package syntax holds the helpers about Go syntax and variables that
// every txvet analyzer and the fact inference share: which variable an
// expression names, where a variable is written, the parts of a function,
// the declarations of a package.
//
// It knows nothing of databases: that is package knowledge's.
package syntax
