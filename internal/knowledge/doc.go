// Package knowledge holds what txvet knows about Go database libraries:
// which types own a connection (resources), which are pools, which methods
// release a resource, which helpers run a callback inside a transaction they
// own, and which calls launch concurrent work.
//
// It is data more than code: adding a driver means adding rows to the tables
// in this package. Everything is matched by package path, type name and
// method name through go/types, never by the name of a variable.
package knowledge
