package useafterrelease

import (
	"fmt"
	"go/types"

	"github.com/txvet/txvet/internal/knowledge"
	"github.com/txvet/txvet/internal/model"
)

// txDoneError names what work on a finished transaction returns, by
// family, as measured on PostgreSQL (docs/behaviour.md). The generated
// family (ent and the like) was not measured: its messages say only
// that the transaction is finished.
var txDoneError = map[string]string{
	"database/sql": "sql.ErrTxDone",
	"sqlx":         "sql.ErrTxDone",
	"bun":          "sql.ErrTxDone",
	"gorm":         "sql.ErrTxDone",
	"pgx":          "pgx.ErrTxClosed",
}

func family(v *types.Var) string {
	if r, ok := knowledge.Classify(v.Type()); ok {
		return r.Family
	}
	return "gorm" // isTx admits no other *gorm.DB
}

// message says what the use u of t does after the release r, and what
// to do; "" when what it does was not measured.
func (c *checker) message(r model.Release, t tracked, u use) string {
	rel := types.ExprString(r.Call)
	line := c.pass.Fset.Position(r.Call.Pos()).Line
	fam := family(t.tx)
	head := fmt.Sprintf("%s after %s at line %d", u.name, rel, line)
	switch t.kind {
	case trackStmt:
		if r.Op == knowledge.Commit {
			return fmt.Sprintf("%s fails with \"sql: statement is closed\": the commit closed the statements of %s; run it before the commit", head, t.tx.Name())
		}
		return fmt.Sprintf("%s: %s was prepared on %s, which is finished; return after the rollback", head, t.v.Name(), t.tx.Name())
	case trackRows:
		if fam == "pgx" {
			return fmt.Sprintf("%s: the commit fails with conn busy while the rows of %s are unread; read and close them before the commit", head, t.tx.Name())
		}
		return fmt.Sprintf("%s: the commit closed the rows of %s (Next is false, Err is context.Canceled); read them before the commit", head, t.tx.Name())
	}
	fails := ": the transaction is finished;"
	if e := txDoneError[fam]; e != "" {
		fails = " fails with " + e + ":"
	}
	if t.kind == trackQueries {
		fails = " runs on " + t.tx.Name() + " and" + fails
		if txDoneError[fam] == "" {
			fails = " runs on " + t.tx.Name() + ", which is finished;"
		}
	}
	var remedy string
	switch {
	case u.op == knowledge.Commit && r.Op == knowledge.Commit:
		remedy = "commit once"
	case u.op == knowledge.Commit:
		remedy = "return after the rollback"
	case u.op != 0:
		remedy = "drop the rollback"
	case r.Op == knowledge.Commit:
		remedy = "run it before the commit, or in a new transaction"
	default:
		remedy = "return after the rollback, or run it in a new transaction"
	}
	return head + fails + " " + remedy
}
