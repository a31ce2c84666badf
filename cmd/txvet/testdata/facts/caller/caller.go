package caller

import (
	"database/sql"

	"example.com/facts/helper"
)

func Use(tx *sql.Tx) {
	helper.Finish(tx)
	helper.Keep(tx)
}
