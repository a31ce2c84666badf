// Package suite has one finding of go vet's suite (printf), one of go
// fix's (rangeint) and one of txvet's (doublerelease).
package suite

import (
	"context"
	"database/sql"
	"fmt"
)

func Label(n int) string {
	return fmt.Sprintf("order %s", n) // printf
}

func Save(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "insert into orders default values"); err != nil {
		tx.Rollback() // doublerelease
		return err
	}
	return tx.Commit()
}

func Sum(xs []int) int {
	s := 0
	for i := 0; i < len(xs); i++ { // rangeint
		s += xs[i]
	}
	return s
}
