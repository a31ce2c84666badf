module github.com/txvet/txvet/bench/peers

go 1.26.0

require (
	github.com/MirrexOne/unqueryvet v1.5.4
	github.com/jingyugao/rowserrcheck v1.1.1
	github.com/ryanrolds/sqlclosecheck v0.6.0
	golang.org/x/tools v0.52.0
)

require (
	golang.org/x/mod v0.42.0 // indirect
	golang.org/x/sync v0.24.0 // indirect
)
