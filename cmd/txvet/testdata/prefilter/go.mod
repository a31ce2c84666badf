module example.com/prefilter

go 1.26

require github.com/jmoiron/sqlx v1.4.0

// The stub declares sqlx's Conn without importing database/sql or
// mentioning Rollback: only the knowledge tables make it a handle.
replace github.com/jmoiron/sqlx => ./sqlxstub
