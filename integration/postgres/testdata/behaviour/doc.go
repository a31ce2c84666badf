// Package behaviour measures, on a real PostgreSQL, what the database
// libraries do with the transaction code txvet reports: a second release
// inside a scoped helper's callback, work on a transaction after its
// release, and a transaction left open with a small pool.
//
// Each test records what happens, fails if that differs from what it
// wants (so that a library upgrade that changes the behaviour fails), and
// logs one table row per case; integration/postgres's TestBehaviour runs
// them and requires docs/behaviour.md to show those rows. The tests need
// a server: run them through scripts/postgres.sh, which sets TXVET_PG_DSN.
// Without it they skip.
package behaviour
