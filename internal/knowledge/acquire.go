package knowledge

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"
)

// acquireFuncs are the package-level functions that return a new resource
// (the methods are in beginMethods).
var acquireFuncs = map[typeKey]bool{
	{pathPgx5, "Connect"}:       true,
	{pathPgx5, "ConnectConfig"}: true,
	{pathPgx4, "Connect"}:       true,
	{pathPgx4, "ConnectConfig"}: true,
}

// AcquireCall reports whether call returns a new resource that the caller
// must release: a Begin, BeginTx, Conn or Acquire method (BeginCall), or a
// function such as pgx.Connect.
func AcquireCall(info *types.Info, call *ast.CallExpr) bool {
	if BeginCall(info, call) {
		return true
	}
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Signature().Recv() != nil {
		return false
	}
	return acquireFuncs[typeKey{fn.Pkg().Path(), fn.Name()}]
}

// borrowingPackages are the library packages whose functions and methods
// use a resource they are given without keeping or releasing it
// (sqlx.GetContext(ctx, tx, ...), pgx.BeginFunc(ctx, tx, fn) on a
// savepoint, a method of the resource itself). Releases are recognised
// separately (ReleaseCall).
var borrowingPackages = map[string]bool{
	pathSQL:      true,
	pathSQLX:     true,
	pathPgx5:     true,
	pathPgxpool5: true,
	pathPgx4:     true,
	pathPgxpool4: true,
	pathGorm:     true,
	pathBun:      true,
}

// Borrows reports whether fn, a function or method of a database library,
// leaves a resource passed to it in the caller's hands.
func Borrows(fn *types.Func) bool {
	return fn.Pkg() != nil && borrowingPackages[fn.Pkg().Path()]
}
