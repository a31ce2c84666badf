// Package gormtx holds gorm leaks: a *DB from Begin is a transaction.
package gormtx

import (
	"errors"

	"gorm.io/gorm"
)

type user struct{ Name string }

var errBad = errors.New("bad")

// tx.Error right after Begin is the acquisition's error; the query's
// error on tx.Create is a leaking path.
func create(db *gorm.DB, u *user) error {
	tx := db.Begin() // want `tx is not released on the path that leaves at line 22; roll it back there, or defer tx.Rollback\(\) after Begin`
	if tx.Error != nil {
		return tx.Error
	}
	if err := tx.Create(u).Error; err != nil {
		return err
	}
	return tx.Commit().Error
}

// The init form of the check, and a leak through tx.Error after a query:
// there tx.Error is the query's error, not Begin's.
func initForm(db *gorm.DB, u *user) error {
	tx := db.Begin() // want `tx is not released on the paths that leave at lines 36 and 39; roll it back there, or defer tx.Rollback\(\) after Begin`
	if err := tx.Error; err != nil {
		return err
	}
	tx.Save(u)
	if tx.Error != nil {
		return tx.Error
	}
	if u.Name == "" {
		return errBad
	}
	return tx.Commit().Error
}
