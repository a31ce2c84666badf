package knowledge

import (
	"go/ast"
	"go/types"
	"slices"
)

// statementMethods are the methods of resources, of the values bound to
// them and of gorm's *DB that run a statement, or read the results of
// one, without taking a context.Context. (A method that takes a context
// runs one anyway; see RunsStatement.) Builders (gorm's Where, bun's
// NewSelect), accessors (pgx's Conn, sqlx's Rebind) and Close and Err
// do no database work.
var statementMethods = map[typeKey][]string{
	{pathSQL, "Tx"}:         {"Exec", "Query", "QueryRow", "Prepare", "Stmt"},
	{pathSQL, "Stmt"}:       {"Exec", "Query", "QueryRow"},
	{pathSQL, "Rows"}:       {"Next", "NextResultSet", "Scan"},
	{pathSQLX, "Tx"}:        {"Get", "Select", "MustExec", "Queryx", "QueryRowx", "Preparex", "NamedExec", "NamedQuery", "PrepareNamed", "Stmtx", "NamedStmt"},
	{pathSQLX, "Stmt"}:      {"Get", "Select", "MustExec", "Queryx", "QueryRowx", "Exec", "Query", "QueryRow"},
	{pathSQLX, "NamedStmt"}: {"Get", "Select", "MustExec", "Queryx", "QueryRowx", "Exec", "Query", "QueryRow"},
	{pathSQLX, "Rows"}:      {"Next", "NextResultSet", "Scan", "StructScan", "MapScan", "SliceScan"},
	{pathPgx5, "Rows"}:      {"Next", "Scan", "Values", "RawValues"},
	{pathPgx4, "Rows"}:      {"Next", "Scan", "Values", "RawValues"},
	{pathGorm, "DB"}: {"Create", "CreateInBatches", "Save", "First", "Take", "Last", "Find", "FindInBatches",
		"FirstOrInit", "FirstOrCreate", "Update", "Updates", "UpdateColumn", "UpdateColumns", "Delete",
		"Count", "Row", "Rows", "Scan", "Pluck", "ScanRows", "Exec", "SavePoint", "RollbackTo"},
}

// RunsStatement reports whether the method call runs a statement on its
// receiver's connection, or reads the results of one: a method of
// statementMethods, or any other method (but gorm's) whose first
// parameter is a context.Context. The caller decides whether the receiver carries a
// resource; releases (Commit, Rollback, Close) are ReleaseCall's.
func RunsStatement(info *types.Info, call *ast.CallExpr) bool {
	sel, fn := method(info, call)
	if fn == nil {
		return false
	}
	for _, k := range recvKeys(info, sel, fn) {
		if slices.Contains(statementMethods[k], fn.Name()) {
			return true
		}
	}
	if IsGormDB(info.TypeOf(sel.X)) {
		return false // WithContext(ctx) only sets the context of the chain
	}
	params := fn.Signature().Params()
	return params.Len() > 0 && IsContext(params.At(0).Type())
}

// statementTypes are the prepared statements bound to a transaction's
// connection; rowsTypes the result sets read from it.
var (
	statementTypes = map[typeKey]bool{
		{pathSQL, "Stmt"}:       true,
		{pathSQLX, "Stmt"}:      true,
		{pathSQLX, "NamedStmt"}: true,
	}
	rowsTypes = map[typeKey]bool{
		{pathSQL, "Rows"}:  true,
		{pathSQLX, "Rows"}: true,
		{pathPgx5, "Rows"}: true,
		{pathPgx4, "Rows"}: true,
	}
)

// IsStatement reports whether t is (a pointer to) a prepared statement
// type: *sql.Stmt, sqlx's Stmt and NamedStmt.
func IsStatement(t types.Type) bool {
	k, ok := keyOf(t)
	return ok && statementTypes[k]
}

// IsRows reports whether t is (a pointer to) a result set type:
// *sql.Rows, *sqlx.Rows, pgx's Rows.
func IsRows(t types.Type) bool {
	k, ok := keyOf(t)
	return ok && rowsTypes[k]
}
