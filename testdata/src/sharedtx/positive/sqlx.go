package positive

import (
	"github.com/jmoiron/sqlx"
	"golang.org/x/sync/errgroup"
)

// TwoLaunchesOverlapSqlx: an errgroup with two sqlx selects on one tx; the
// group stays because it is also used by another launch.
func TwoLaunchesOverlapSqlx(tx *sqlx.Tx, other func() error) ([]string, []string, error) {
	var names, emails []string
	var g errgroup.Group
	g.Go(other)
	g.Go(func() error { return tx.Select(&names, "SELECT name FROM users") }) // want `^transaction tx is used at the same time by the goroutines launched at lines 14 and 15; `
	g.Go(func() error { return tx.Select(&emails, "SELECT email FROM users") })
	if err := g.Wait(); err != nil {
		return nil, nil, err
	}
	return names, emails, nil
}
