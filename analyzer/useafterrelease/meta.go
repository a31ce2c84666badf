package useafterrelease

import "github.com/txvet/txvet/internal/meta"

// Meta is what useafterrelease reports, for the drivers.
var Meta = &meta.Analyzer{
	Analyzer: Analyzer,
	Categories: []meta.Category{{
		Name:     Category,
		Kind:     meta.Bug,
		Severity: meta.Error,
		Short:    "database work on a transaction after its explicit Commit or Rollback",
		Full: "Once a transaction is committed or rolled back, every statement on it fails (sql.ErrTxDone, pgx.ErrTxClosed), " +
			"and so do a second Commit, statements prepared on it and sqlc queries bound to it, as measured on PostgreSQL (docs/behaviour.md).",
		Help: "Run the work before the release, return right after the release, or run the work in a new transaction.",
	}},
}
