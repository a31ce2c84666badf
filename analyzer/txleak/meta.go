package txleak

import "github.com/txvet/txvet/internal/meta"

// Meta is what txleak reports, for the drivers.
var Meta = &meta.Analyzer{
	Analyzer: Analyzer,
	Categories: []meta.Category{{
		Name:     Category,
		Kind:     meta.Bug,
		Severity: meta.Error,
		Short:    "a transaction or connection left open on a path of the function that acquired it",
		Full: "A transaction or single connection keeps one connection of the pool busy, and a transaction keeps its locks, until it is released. " +
			"With pgx nothing gives a leaked one back to the pool; with database/sql only the cancellation of the BeginTx context does. " +
			"A few failing requests exhaust the pool and every later request waits.",
		Help: "Roll the transaction back (close or release the connection) on every path that leaves, " +
			"or defer the rollback right after the acquisition's error check (the suggested fix, where it is sure to be right).",
	}},
}
