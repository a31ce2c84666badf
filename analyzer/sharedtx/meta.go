package sharedtx

import "github.com/txvet/txvet/internal/meta"

// Meta is what sharedtx reports, for the drivers.
var Meta = &meta.Analyzer{
	Analyzer: Analyzer,
	Categories: []meta.Category{{
		Name:     Category,
		Kind:     meta.Bug,
		Severity: meta.Error,
		Short:    "a transaction or connection used by goroutines that may run at the same time",
		Full: "A transaction or a single connection owns one database connection, which runs one query at a time. " +
			"Handed to goroutines that run at once, it fails at random: pgx reports conn busy or panics, " +
			"MySQL busy buffer or commands out of sync, database/sql driver: bad connection.",
		Help: "Run the queries one after another on the transaction (the suggested fix, where it is sure to be right), " +
			"or, where the reads need not be inside the transaction, give each goroutine its own connection from the pool.",
	}},
}
