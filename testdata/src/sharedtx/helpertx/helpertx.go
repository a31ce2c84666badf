// Package helpertx: a *gorm.DB reaches the launches as the callback
// parameter of a project-local scoped helper, known by a fact as gorm's
// Transaction is known by the tables. Both analyzers agree that it is a
// transaction.
package helpertx

import (
	"golang.org/x/sync/errgroup"
	"gorm.io/gorm"
)

type User struct{ ID int64 }

// WithTx begins a transaction, runs fn in it, then commits or rolls back.
func WithTx(db *gorm.DB, fn func(tx *gorm.DB) error) error {
	tx := db.Begin()
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit().Error
}

// SharedInProjectHelper: the callback's tx is WithTx's transaction.
func SharedInProjectHelper(db *gorm.DB) error {
	return WithTx(db, func(tx *gorm.DB) error {
		var g errgroup.Group
		var a, b int64
		g.Go(func() error { return tx.Model(&User{}).Count(&a).Error }) // want `^transaction tx is used at the same time by the goroutines launched at lines 29 and 30; `
		g.Go(func() error { return tx.Model(&User{}).Count(&b).Error })
		return g.Wait()
	})
}

// SharedInTransaction: the same under gorm's own helper.
func SharedInTransaction(db *gorm.DB) error {
	return db.Transaction(func(tx *gorm.DB) error {
		var g errgroup.Group
		var a, b int64
		g.Go(func() error { return tx.Model(&User{}).Count(&a).Error }) // want `^transaction tx is used at the same time by the goroutines launched at lines 40 and 41; `
		g.Go(func() error { return tx.Model(&User{}).Count(&b).Error })
		return g.Wait()
	})
}

// Each hands its callback the pool itself: no transaction, no fact.
func Each(db *gorm.DB, fn func(db *gorm.DB) error) error {
	return fn(db)
}

// PoolInPlainCallback: the callback's *gorm.DB is the pool, safe for
// concurrent use.
func PoolInPlainCallback(db *gorm.DB) error {
	return Each(db, func(db *gorm.DB) error {
		var g errgroup.Group
		var a, b int64
		g.Go(func() error { return db.Model(&User{}).Count(&a).Error })
		g.Go(func() error { return db.Model(&User{}).Count(&b).Error })
		return g.Wait()
	})
}
