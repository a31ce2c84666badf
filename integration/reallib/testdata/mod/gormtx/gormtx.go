// Package gormtx holds gorm cases: a *gorm.DB is a transaction when it came
// from Begin or is the parameter of a Transaction callback, a pool otherwise.
package gormtx

import (
	"sync"

	"gorm.io/gorm"
)

type User struct {
	ID   uint
	Name string
}

type Order struct {
	ID     uint
	UserID uint
}

// --- doublerelease: report ---

// Transaction commits; an explicit Commit inside commits early and makes
// Transaction's own commit fail.
func commitInsideTransaction(db *gorm.DB, u *User) error {
	return db.Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(u).Error; err != nil {
			return err
		}
		return tx.Commit().Error // want `^tx\.Commit\(\) inside the callback of db\.Transaction at line \d+: Transaction commits again and returns sql\.ErrTxDone for committed work; return nil instead$`
	})
}

// A nested Transaction shares the outer transaction: an inner Rollback
// rolls back the outer one.
func rollbackInsideNestedTransaction(db *gorm.DB, u *User, o *Order) error {
	return db.Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(u).Error; err != nil {
			return err
		}
		return tx.Transaction(func(tx2 *gorm.DB) error {
			if err := tx2.Create(o).Error; err != nil {
				tx2.Rollback() // want `^tx2\.Rollback\(\) is redundant: tx\.Transaction at line \d+ rolls back tx2 when the callback returns an error$`
				return err
			}
			return nil
		})
	})
}

func redundantRollback(db *gorm.DB, u *User) error {
	tx := db.Begin()
	if tx.Error != nil {
		return tx.Error
	}
	defer tx.Rollback()
	if err := tx.Create(u).Error; err != nil {
		tx.Rollback() // want `^tx\.Rollback\(\) is redundant: the deferred tx\.Rollback\(\) at line \d+ already releases tx`
		return err
	}
	return tx.Commit().Error
}

// --- doublerelease: never report ---

func canonical(db *gorm.DB, u *User) error {
	tx := db.Begin()
	defer tx.Rollback()
	if err := tx.Save(u).Error; err != nil {
		return err
	}
	return tx.Commit().Error
}

func transactionCorrect(db *gorm.DB, u *User) error {
	return db.Transaction(func(tx *gorm.DB) error {
		return tx.Create(u).Error
	})
}

// --- sharedtx: report ---

func createConcurrently(db *gorm.DB, users []User) error {
	tx := db.Begin()
	defer tx.Rollback()
	var wg sync.WaitGroup
	for i := range users {
		wg.Add(1)
		go func() { // want `^transaction tx is used at the same time by the goroutines launched in a loop at line \d+`
			defer wg.Done()
			tx.Create(&users[i])
		}()
	}
	wg.Wait()
	return tx.Commit().Error
}

func waitGroupGoInTransaction(db *gorm.DB, u *User, o *Order) error {
	return db.Transaction(func(tx *gorm.DB) error {
		var wg sync.WaitGroup
		wg.Go(func() { tx.Create(u) }) // want `^transaction tx is used at the same time by the goroutines launched at lines \d+ and \d+`
		wg.Go(func() { tx.Create(o) })
		wg.Wait()
		return nil
	})
}

// --- sharedtx: never report ---

// A *gorm.DB that is not a transaction is a pool.
func poolPerGoroutine(db *gorm.DB) (int64, int64) {
	var users, orders int64
	var wg sync.WaitGroup
	wg.Go(func() { db.Model(&User{}).Count(&users) })
	wg.Go(func() { db.Model(&Order{}).Count(&orders) })
	wg.Wait()
	return users, orders
}

func ownTransactionPerGoroutine(db *gorm.DB, users []User) {
	var wg sync.WaitGroup
	for i := range users {
		wg.Go(func() {
			db.Transaction(func(tx *gorm.DB) error { return tx.Create(&users[i]).Error })
		})
	}
	wg.Wait()
}
