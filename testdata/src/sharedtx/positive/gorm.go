package positive

import (
	"sync"

	"golang.org/x/sync/errgroup"
	"gorm.io/gorm"
)

type User struct{ ID int64 }

// TwoLaunchesOverlapGormBegin: a *gorm.DB from Begin is a transaction.
func TwoLaunchesOverlapGormBegin(db *gorm.DB) error {
	tx := db.Begin()
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { // want `^transaction tx is used at the same time by the goroutines launched at lines 17 and 21; `
		defer wg.Done()
		tx.Create(&User{ID: 1})
	}()
	go func() {
		defer wg.Done()
		tx.Create(&User{ID: 2})
	}()
	wg.Wait()
	return tx.Commit().Error
}

// ParentUsesBeforeWaitGormCallback: the parameter of a Transaction
// callback is a transaction.
func ParentUsesBeforeWaitGormCallback(db *gorm.DB) error {
	return db.Transaction(func(tx *gorm.DB) error {
		var g errgroup.Group
		var n int64
		g.Go(func() error { return tx.Model(&User{}).Count(&n).Error }) // want `^transaction tx is used at the same time by the goroutine launched at line 35 and by this function at line 36 before it waits for them; `
		if err := tx.Create(&User{ID: 3}).Error; err != nil {
			return err
		}
		return g.Wait()
	})
}
