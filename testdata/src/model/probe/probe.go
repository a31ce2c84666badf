package probe

import (
	"context"
	"database/sql"

	"gorm.io/gorm"
)

type Store struct{ tx *sql.Tx }

var global *sql.Tx

func work(tx *sql.Tx) {}

func acquired(ctx context.Context, db *sql.DB) error { // want `uses tx:work tx:work tx:store! s:store! tx:other q:pass tx:capture! f:other`
	tx, err := db.BeginTx(ctx, nil) // want `tx acquired` `acquire tx err`
	if err != nil {
		return err
	}
	defer tx.Rollback() // want `defer call tx`
	tx.Exec("x")
	s := &Store{tx: tx} // want `s derived`
	global = s.tx
	q := tx // want `q derived`
	work(q)
	f := func() { tx.Exec("y") } // want `f derived` `uses tx:work`
	_ = f
	return nil
}

func param(tx *sql.Tx) error { // want `tx parameter` `uses tx:work`
	return tx.Commit()
}

func factory(db *sql.DB) (*sql.Tx, error) { // want `uses tx:work tx:work tx:return!`
	tx, err := db.Begin() // want `tx acquired` `acquire tx err`
	if err != nil {
		return nil, err
	}
	if _, err := tx.Exec("x"); err != nil {
		tx.Rollback()
		return nil, err
	}
	return tx, nil
}

func gormBegin(db *gorm.DB) { // want `uses tx:capture`
	tx := db.Begin() // want `tx acquired` `acquire tx -`
	defer func() {   // want `uses tx:work`
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
	return db.Transaction(func(tx *gorm.DB) error { // want `tx callback` `callback of db.Transaction` `uses tx:work`
		return tx.Commit().Error
	})
}

func closure(ctx context.Context, db *sql.DB) (err error) { // want `uses tx:capture tx:work`
	tx, err := db.BeginTx(ctx, nil) // want `tx acquired` `acquire tx err`
	if err != nil {
		return err
	}
	defer func() { // want `defer closure tx` `uses tx:work tx:work`
		if err != nil {
			tx.Rollback()
		} else {
			err = tx.Commit()
		}
	}()
	return tx.Commit()
}
