package knowledge

import (
	"slices"
	"testing"
)

// TestHandlePackages pins the libraries whose handles the tables name
// (the resource families of docs/doublerelease.md and docs/sharedtx.md,
// less the structural family, which has no package):
// the command skips, with -prefilter, packages that depend on none of
// them and hold no Rollback method, so a library missing here would
// silence txvet on it. Launch points (sync, errgroup, conc) hold no
// handle and must not be listed: every package that starts a goroutine
// would look like database code.
func TestHandlePackages(t *testing.T) {
	want := []string{
		"database/sql",
		"github.com/jackc/pgx/v4",
		"github.com/jackc/pgx/v4/pgxpool",
		"github.com/jackc/pgx/v5",
		"github.com/jackc/pgx/v5/pgxpool",
		"github.com/jmoiron/sqlx",
		"github.com/uptrace/bun",
		"gorm.io/gorm",
	}
	if got := HandlePackages(); !slices.Equal(got, want) {
		t.Errorf("HandlePackages() = %q, want %q", got, want)
	}
}
