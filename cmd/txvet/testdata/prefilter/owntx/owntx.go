// Package owntx declares its own transaction interface and imports no
// database library: only the "Rollback" in its source keeps it.
package owntx

type Tx interface {
	Commit() error
	Rollback() error
}

func Save(tx Tx) error {
	defer tx.Rollback()
	if err := tx.Commit(); err != nil {
		tx.Rollback()
		return err
	}
	return nil
}
