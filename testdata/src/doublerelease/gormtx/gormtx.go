// Package gormtx holds the doublerelease cases for gorm: a *gorm.DB is a
// transaction only when it came from Begin or is a Transaction callback's
// parameter.
package gormtx

import (
	"errors"

	"gorm.io/gorm"
)

type User struct{ Name string }

func reportRedundantRelease(db *gorm.DB, u *User) error {
	tx := db.Begin()
	defer tx.Rollback() // @a
	if err := tx.Create(u).Error; err != nil {
		tx.Rollback() // want `tx.Rollback\(\) is redundant: the deferred tx.Rollback\(\) at line 16 already releases tx`
		return err
	}
	return tx.Commit().Error
}

func reportDoubleCommit(db *gorm.DB, u *User) error {
	tx := db.Begin()
	defer tx.Commit() // @b
	if err := tx.Create(u).Error; err != nil {
		return err
	}
	return tx.Commit().Error // want `tx.Commit\(\) and the deferred tx.Commit\(\) at line 26 both commit tx`
}

func reportReleaseInCallbackCommit(db *gorm.DB, u *User) error {
	return db.Transaction(func(tx *gorm.DB) error { // @c
		if err := tx.Create(u).Error; err != nil {
			return err
		}
		return tx.Commit().Error // want `^tx\.Commit\(\) inside the callback of db\.Transaction at line 34: Transaction commits again and returns sql\.ErrTxDone for committed work; return nil instead$`
	})
}

func reportReleaseInCallbackRollbackReturnNil(db *gorm.DB, u *User) error {
	return db.Transaction(func(tx *gorm.DB) error { // @d
		if u.Name == "" {
			tx.Rollback() // want `^tx\.Rollback\(\) inside the callback of db\.Transaction at line 43: with nil returned after it, Transaction returns sql\.ErrTxDone for rolled-back work; return an error$`
			return nil
		}
		return tx.Create(u).Error
	})
}

// Nested Transaction shares the outer transaction: an inner Commit
// commits the outer one.
func reportReleaseInCallbackNested(db *gorm.DB, u *User) error {
	return db.Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(u).Error; err != nil {
			return err
		}
		return tx.Transaction(func(inner *gorm.DB) error { // @e
			inner.Commit() // want `inner.Commit\(\) inside the callback of tx.Transaction at line 59`
			return nil
		})
	})
}

// Begin through a chain still begins.
func reportRedundantReleaseChainedBegin(db *gorm.DB, u *User) error {
	tx := db.Where("1 = 1").Begin()
	defer tx.Rollback() // @f
	if u == nil {
		tx.Rollback() // want `tx.Rollback\(\) is redundant: the deferred tx.Rollback\(\) at line 69 already releases tx`
		return errors.New("no user")
	}
	return tx.Commit().Error
}

func neverCanonicalIdiom(db *gorm.DB, u *User) error {
	tx := db.Begin()
	defer tx.Rollback()
	if err := tx.Create(u).Error; err != nil {
		return err
	}
	return tx.Commit().Error
}

func neverCheckedRollback(db *gorm.DB, u *User) error {
	tx := db.Begin()
	defer tx.Rollback()
	if err := tx.Create(u).Error; err != nil {
		if rerr := tx.Rollback().Error; rerr != nil {
			return errors.Join(err, rerr)
		}
		return err
	}
	return tx.Commit().Error
}

// A *gorm.DB parameter may be the pool: not a resource.
func neverGormNotFromBegin(db *gorm.DB, u *User) error {
	defer db.Rollback()
	if u == nil {
		db.Rollback()
		return errors.New("no user")
	}
	return nil
}

// A *gorm.DB from a query builder is not a transaction.
func neverGormNotFromBeginLocal(db *gorm.DB, u *User) error {
	tx := db.Where("name = ?", u.Name)
	defer tx.Rollback()
	if u.Name == "" {
		tx.Rollback()
		return errors.New("no name")
	}
	return nil
}

// A callback given by name is not followed.
func neverCallbackNotLiteral(db *gorm.DB) error {
	return db.Transaction(commitNamed)
}

func commitNamed(tx *gorm.DB) error { return tx.Commit().Error }

// A gorm chain on Begin is the transaction too (the answer sharedtx
// gives): db.Begin().Where(...) begins.
func reportRedundantReleaseBeginChain(db *gorm.DB, u *User) error {
	tx := db.Begin().Where("1 = 1")
	defer tx.Rollback()
	if u == nil {
		tx.Rollback() // want `tx.Rollback\(\) is redundant: the deferred tx.Rollback\(\) at line 130 already releases tx`
		return errors.New("no user")
	}
	return tx.Commit().Error
}

// A variable also assigned something that does not begin is not known to
// be a transaction.
func neverReassignedFromPool(db *gorm.DB, u *User) error {
	tx := db.Begin()
	defer tx.Rollback()
	if u == nil {
		tx = db
		tx.Rollback()
		return errors.New("no user")
	}
	return tx.Commit().Error
}
