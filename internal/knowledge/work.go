package knowledge

import (
	"go/ast"
	"go/types"
	"slices"

	"golang.org/x/tools/go/types/typeutil"
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

// errorChecks are the functions that assert or test that an error
// occurred: a test that calls one after work on a released transaction
// checks the failure on purpose.
var errorChecks = map[string][]string{
	"github.com/stretchr/testify/require": {"Error", "Errorf", "ErrorIs", "ErrorIsf", "ErrorAs", "ErrorAsf",
		"ErrorContains", "ErrorContainsf", "EqualError", "EqualErrorf"},
	"github.com/stretchr/testify/assert": {"Error", "Errorf", "ErrorIs", "ErrorIsf", "ErrorAs", "ErrorAsf",
		"ErrorContains", "ErrorContainsf", "EqualError", "EqualErrorf"},
}

// releasedErrors are the errors a library returns for work on a
// finished transaction.
var releasedErrors = map[typeKey]bool{
	{pathSQL, "ErrTxDone"}:              true,
	{pathPgx5, "ErrTxClosed"}:           true,
	{pathPgx4, "ErrTxClosed"}:           true,
	{pathGorm, "ErrInvalidTransaction"}: true,
}

// ChecksFailure reports whether call asserts that an error occurred
// (testify's require.Error, assert.ErrorIs and the like), or compares
// an error with the one for work on a finished transaction
// (errors.Is(err, sql.ErrTxDone), pgx.ErrTxClosed).
func ChecksFailure(info *types.Info, call *ast.CallExpr) bool {
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Signature().Recv() != nil {
		return false
	}
	if slices.Contains(errorChecks[fn.Pkg().Path()], fn.Name()) {
		return true
	}
	if fn.Pkg().Path() != "errors" || fn.Name() != "Is" {
		return false
	}
	return slices.ContainsFunc(call.Args, func(arg ast.Expr) bool { return IsReleasedError(info, arg) })
}

// IsReleasedError reports whether e names an error a library returns for
// work on a released transaction (sql.ErrTxDone, pgx.ErrTxClosed, ...).
func IsReleasedError(info *types.Info, e ast.Expr) bool {
	var id *ast.Ident
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		id = e
	case *ast.SelectorExpr:
		id = e.Sel
	}
	v, ok := info.Uses[id].(*types.Var)
	return ok && v.Pkg() != nil && releasedErrors[typeKey{v.Pkg().Path(), v.Name()}]
}
