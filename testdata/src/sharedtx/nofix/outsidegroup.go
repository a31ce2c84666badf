package nofix

import (
	"context"
	"database/sql"

	"golang.org/x/sync/errgroup"
)

// auditGroup is a group shared by the whole package.
var auditGroup errgroup.Group

// PackageGroupParentUses: removing the group would change other functions.
func PackageGroupParentUses(ctx context.Context, tx *sql.Tx) error {
	auditGroup.Go(func() error { _, err := tx.ExecContext(ctx, "INSERT INTO audit VALUES (1)"); return err }) // want `^transaction tx is used at the same time by the goroutine launched at line 15 and by this function at line 16 before it waits for them; `
	_, _ = tx.ExecContext(ctx, "DELETE FROM a")
	return auditGroup.Wait()
}

// OuterGroupParentUses: the group is declared by the enclosing function,
// not by the closure whose launch and use overlap.
func OuterGroupParentUses(ctx context.Context, tx *sql.Tx) error {
	var g errgroup.Group
	clean := func() error {
		g.Go(func() error { _, err := tx.ExecContext(ctx, "DELETE FROM a"); return err }) // want `^transaction tx is used at the same time by the goroutine launched at line 25 and by this function at line 26 before it waits for them; `
		_, _ = tx.ExecContext(ctx, "DELETE FROM b")
		return g.Wait()
	}
	return clean()
}
