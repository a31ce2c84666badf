package doublerelease

import (
	"golang.org/x/tools/go/analysis"

	"github.com/txvet/txvet/internal/meta"
)

// Diagnostic categories, anchors on the rule page.
const (
	catRedundant = "redundant-release"
	catDouble    = "double-commit"
	catCallback  = "release-in-callback"
)

// Meta is what doublerelease reports, for the drivers.
var Meta = &meta.Analyzer{
	Analyzer: Analyzer,
	New:      func() *analysis.Analyzer { return New(Config{Redundant: true}) },
	Categories: []meta.Category{
		{
			Name:     catRedundant,
			Kind:     meta.Cleanup,
			Severity: meta.Warning,
			Short:    "an explicit release that a deferred scope already makes",
			Full: "A bare or `_ =` Rollback, Close or Release of a transaction or connection " +
				"whose deferred scope (defer tx.Rollback(), a deferred function, defer finish(tx, &err)) " +
				"rolls back or closes it on the same path, when nothing but leaving the function follows. " +
				"The second release fails, unnoticed, and tells the reader the defer cannot be trusted.",
			Help: "Delete the explicit release (the suggested fix): the deferred one runs on the same path. " +
				"Turn the category off with -doublerelease.redundant=false (golangci-lint: redundant: false).",
		},
		{
			Name:     catDouble,
			Kind:     meta.Bug,
			Severity: meta.Error,
			Short:    "a Commit of a transaction whose deferred scope also commits",
			Full: "An explicit Commit, checked or not, of a transaction whose deferred scope commits " +
				"(a deferred Commit, a deferred function that commits when there is no error, a finish helper). " +
				"The second commit fails with ErrTxDone, and code that propagates it reports a failure " +
				"for work that was committed: callers retry and apply the change twice.",
			Help: "Commit in one place only: drop the explicit Commit and let the deferred scope commit, " +
				"or make the deferred scope roll back only. No fix is offered: which commit stays is a design choice.",
		},
		{
			Name:     catCallback,
			Kind:     meta.Bug,
			Severity: meta.Error,
			Short:    "a Commit or Rollback inside the callback of a helper that commits or rolls back itself",
			Full: "A helper such as gorm's Transaction, pgx.BeginFunc, bun's RunInTx or the project's own WithTx " +
				"commits when its callback returns nil and rolls back when it returns an error. " +
				"A callback that finishes the transaction itself makes the helper fail on a finished transaction " +
				"and report an error for committed work; tx.Rollback() followed by return nil makes it commit.",
			Help: "Return nil to let the helper commit (the suggested fix for return tx.Commit()), " +
				"or return an error to let it roll back.",
		},
	},
	Options: []meta.Option{
		{Flag: "redundant", Categories: []string{catRedundant}},
	},
}
