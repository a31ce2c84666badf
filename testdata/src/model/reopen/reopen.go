package reopen

import (
	"context"
	"database/sql"

	"gorm.io/gorm"
)

type Store struct{ tx *sql.Tx }

var global *sql.Tx

func work(tx *sql.Tx) {}

func acquired(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	tx.Exec("x")
	s := &Store{tx: tx}
	global = s.tx
	q := tx
	work(q)
	f := func() { tx.Exec("y") }
	_ = f
	return nil
}

func param(tx *sql.Tx) error {
	return tx.Commit()
}

func factory(db *sql.DB) (*sql.Tx, error) {
	tx, err := db.Begin()
	return tx, err
}

func gormBegin(db *gorm.DB) {
	tx := db.Begin()
	defer func() {
		if r := recover(); r != nil {
			tx.Rollback()
		}
	}()
}

// gormPool: a *gorm.DB that neither came from Begin nor is a callback's
// transaction is the pool, whatever is called on it: not a resource.
func gormPool(db *gorm.DB) {
	db.Commit()
}

func callback(db *gorm.DB) error {
	return db.Transaction(func(tx *gorm.DB) error {
		return tx.Commit().Error
	})
}

func closure(ctx context.Context, db *sql.DB) (err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		} else {
			err = tx.Commit()
		}
	}()
	return tx.Commit()
}
