package knowledge

import "go/types"

// boundTypes are the values a resource's methods return that keep using
// the resource's connection: an open result set or a statement prepared on
// it. A goroutine that holds one shares the connection as if it held the
// resource itself.
var boundTypes = map[typeKey]bool{
	{pathSQL, "Rows"}:          true,
	{pathSQL, "Row"}:           true,
	{pathSQL, "Stmt"}:          true,
	{pathSQLX, "Rows"}:         true,
	{pathSQLX, "Row"}:          true,
	{pathSQLX, "Stmt"}:         true,
	{pathSQLX, "NamedStmt"}:    true,
	{pathPgx5, "Rows"}:         true,
	{pathPgx5, "Row"}:          true,
	{pathPgx5, "BatchResults"}: true,
	{pathPgx4, "Rows"}:         true,
	{pathPgx4, "Row"}:          true,
	{pathPgx4, "BatchResults"}: true,
}

// IsBound reports whether a value of type t, returned by a method of a
// resource (tx.Query, tx.Stmt, tx.Prepare), keeps using the resource's
// connection.
func IsBound(t types.Type) bool {
	k, ok := keyOf(t)
	return ok && boundTypes[k]
}

// firstErrorGroups are the groups whose Wait returns the first error of
// their launches, so that running the launches in turn and stopping at the
// first error returns what Wait would have.
var firstErrorGroups = map[typeKey]bool{
	{pathErrgroup, "Group"}: true,
}

// IsFirstErrorGroup reports whether t is (a pointer to) such a group:
// errgroup.Group. conc's error pools join every error instead.
func IsFirstErrorGroup(t types.Type) bool {
	k, ok := keyOf(t)
	return ok && firstErrorGroups[k]
}

// CanLimit reports whether a group of type t may be bounded to fewer
// goroutines than its launches (errgroup SetLimit, conc WithMaxGoroutines),
// so that its launches may run one at a time.
func CanLimit(t types.Type) bool {
	k, ok := keyOf(t)
	return ok && len(limitMethods[k]) > 0
}

// Holds reports whether t is a struct, or pointer to one, with a field that
// can store a value of type r: the field's type is r itself, or a non-empty
// interface r implements (sqlc's DBTX). A value of such a type built from
// a resource (sqlc's New(tx), q.WithTx(tx)) is derived from it.
func Holds(t, r types.Type) bool {
	if t == nil {
		return false
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for f := range st.Fields() {
		ft := f.Type()
		if types.Identical(ft, r) {
			return true
		}
		if it, ok := ft.Underlying().(*types.Interface); ok && it.NumMethods() > 0 && types.AssignableTo(r, ft) {
			return true
		}
	}
	return false
}
