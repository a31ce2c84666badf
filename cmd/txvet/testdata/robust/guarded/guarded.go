// Package guarded has a function on which the test analyzer panics.
package guarded

func Fine() {}

func Boom() {}

func AlsoFine() {}
