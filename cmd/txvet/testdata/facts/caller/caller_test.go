package caller

import (
	"database/sql"
	"testing"

	"example.com/facts/helper"
)

func TestUse(t *testing.T) {
	var tx *sql.Tx
	if tx != nil {
		helper.Finish(tx)
	}
}
