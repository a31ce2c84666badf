// Package gormtx holds the useafterrelease cases for gorm.
package gormtx

import (
	"log"

	"gorm.io/gorm"
)

type User struct{ Name string }

func reportFallThroughErrorBranch(db *gorm.DB, u *User) error {
	tx := db.Begin()
	if err := tx.Create(u).Error; err != nil {
		tx.Rollback() // @R1
		log.Print(err)
	}
	return tx.Model(u).Where("name = ?", u.Name).Delete(u).Error // want `^tx.Model\(...\).Where\(...\).Delete after tx.Rollback\(\) at line 15 fails with sql.ErrTxDone: return after the rollback, or run it in a new transaction$`
}

func reportSecondCommit(db *gorm.DB, u *User) error {
	tx := db.Begin()
	tx.Create(u)
	if err := tx.Commit().Error; err != nil { // @R2
		log.Print(err)
	}
	return tx.Commit().Error // want `^tx.Commit after tx.Commit\(\) at line 24 fails with sql.ErrTxDone: commit once$`
}

// Building a statement does no work; neither does reading tx.Error.
func neverChainWithoutFinisher(db *gorm.DB, u *User) (*gorm.DB, error) {
	tx := db.Begin()
	tx.Create(u)
	tx.Commit()
	return tx.Model(u).Where("name = ?", u.Name), tx.Error
}

// A *gorm.DB that is not a transaction: its Commit fails with
// ErrInvalidTransaction and it goes on working on the pool.
func neverPool(db *gorm.DB, u *User) error {
	db.Commit()
	return db.Create(u).Error
}

func neverDeferredRollbackAfterCommit(db *gorm.DB, u *User) error {
	tx := db.Begin()
	defer tx.Rollback()
	if err := tx.Create(u).Error; err != nil {
		return err
	}
	return tx.Commit().Error
}
