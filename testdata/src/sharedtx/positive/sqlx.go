package positive

import (
	"github.com/jmoiron/sqlx"
	"golang.org/x/sync/errgroup"
)

// TwoLaunchesOverlapSqlx: an errgroup with two sqlx selects on one tx.
func TwoLaunchesOverlapSqlx(tx *sqlx.Tx) ([]string, []string, error) {
	var names, emails []string
	g := new(errgroup.Group)
	g.Go(func() error { return tx.Select(&names, "SELECT name FROM users") }) // want `^transaction tx is used at the same time by the goroutines launched at lines 12 and 13; `
	g.Go(func() error { return tx.Select(&emails, "SELECT email FROM users") })
	if err := g.Wait(); err != nil {
		return nil, nil, err
	}
	return names, emails, nil
}
