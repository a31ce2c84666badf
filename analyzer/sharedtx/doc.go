// Package sharedtx defines an Analyzer that reports one transaction or
// connection used by goroutines that may run at the same time.
//
// # Analyzer sharedtx
//
// sharedtx: report a transaction or connection used by concurrent goroutines
//
// TODO
package sharedtx
