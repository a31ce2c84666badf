package knowledge

// Package paths of the libraries txvet knows.
const (
	pathSQL      = "database/sql"
	pathSQLX     = "github.com/jmoiron/sqlx"
	pathPgx5     = "github.com/jackc/pgx/v5"
	pathPgxpool5 = "github.com/jackc/pgx/v5/pgxpool"
	pathPgx4     = "github.com/jackc/pgx/v4"
	pathPgxpool4 = "github.com/jackc/pgx/v4/pgxpool"
	pathGorm     = "gorm.io/gorm"
	pathBun      = "github.com/uptrace/bun"
	pathErrgroup = "golang.org/x/sync/errgroup"
	pathSync     = "sync"
	pathConc     = "github.com/sourcegraph/conc"
	pathConcPool = "github.com/sourcegraph/conc/pool"
	pathContext  = "context"
)

// typeKey names a type by its package path and type name.
type typeKey struct{ pkg, name string }

// resources maps each known resource type to what it is.
// The generated-code rule (Commit() error plus Rollback() error) is in Classify.
var resources = map[typeKey]Resource{
	{pathSQL, "Tx"}:        {Family: "database/sql", Kind: Tx},
	{pathSQL, "Conn"}:      {Family: "database/sql", Kind: Conn},
	{pathSQLX, "Tx"}:       {Family: "sqlx", Kind: Tx},
	{pathSQLX, "Conn"}:     {Family: "sqlx", Kind: Conn},
	{pathPgx5, "Tx"}:       {Family: "pgx", Kind: Tx},
	{pathPgx5, "Conn"}:     {Family: "pgx", Kind: Conn},
	{pathPgxpool5, "Tx"}:   {Family: "pgx", Kind: Tx},
	{pathPgxpool5, "Conn"}: {Family: "pgx", Kind: PoolConn},
	{pathPgx4, "Tx"}:       {Family: "pgx", Kind: Tx},
	{pathPgx4, "Conn"}:     {Family: "pgx", Kind: Conn},
	{pathPgxpool4, "Tx"}:   {Family: "pgx", Kind: Tx},
	{pathPgxpool4, "Conn"}: {Family: "pgx", Kind: PoolConn},
	{pathBun, "Tx"}:        {Family: "bun", Kind: Tx},
	{pathBun, "Conn"}:      {Family: "bun", Kind: Conn},
}

// pools are safe for concurrent use: never resources.
var pools = map[typeKey]bool{
	{pathSQL, "DB"}:        true,
	{pathSQLX, "DB"}:       true,
	{pathPgxpool5, "Pool"}: true,
	{pathPgxpool4, "Pool"}: true,
	{pathBun, "DB"}:        true,
}

// releaseMethods lists, per kind, the methods that hand the connection back.
var releaseMethods = map[Kind]map[string]Op{
	Tx:       {"Commit": Commit, "Rollback": Rollback},
	Conn:     {"Close": Close},
	PoolConn: {"Release": Release},
}

// beginMethods are the methods, by receiver type, that return a new resource.
var beginMethods = map[typeKey][]string{
	{pathSQL, "DB"}:        {"Begin", "BeginTx", "Conn"},
	{pathSQL, "Conn"}:      {"BeginTx"},
	{pathSQLX, "DB"}:       {"Beginx", "BeginTxx", "MustBegin", "MustBeginTx", "Connx"},
	{pathSQLX, "Conn"}:     {"BeginTxx"},
	{pathPgx5, "Conn"}:     {"Begin", "BeginTx"},
	{pathPgx5, "Tx"}:       {"Begin"},
	{pathPgxpool5, "Pool"}: {"Begin", "BeginTx", "Acquire"},
	{pathPgxpool5, "Conn"}: {"Begin", "BeginTx"},
	{pathPgxpool5, "Tx"}:   {"Begin"},
	{pathPgx4, "Conn"}:     {"Begin", "BeginTx"},
	{pathPgx4, "Tx"}:       {"Begin"},
	{pathPgxpool4, "Pool"}: {"Begin", "BeginTx", "Acquire"},
	{pathPgxpool4, "Conn"}: {"Begin", "BeginTx"},
	{pathGorm, "DB"}:       {"Begin"},
	{pathBun, "DB"}:        {"Begin", "BeginTx", "Conn"},
	{pathBun, "Conn"}:      {"BeginTx"},
}

// scopedMethods are methods that run a callback inside a transaction they
// own (commit on success, roll back on error), keyed by receiver type.
// Callback is the index of the callback argument, TxParam the index of the
// transaction among the callback's parameters.
var scopedMethods = map[typeKey]map[string]Scope{
	{pathGorm, "DB"}:  {"Transaction": {Callback: 0, TxParam: 0}},
	{pathBun, "DB"}:   {"RunInTx": {Callback: 2, TxParam: 1}},
	{pathBun, "Conn"}: {"RunInTx": {Callback: 2, TxParam: 1}},
	{pathBun, "Tx"}:   {"RunInTx": {Callback: 2, TxParam: 1}},
	{pathBun, "IDB"}:  {"RunInTx": {Callback: 2, TxParam: 1}},
	// pgx v4: BeginFunc and BeginTxFunc are methods.
	{pathPgx4, "Conn"}:     {"BeginFunc": {Callback: 1}, "BeginTxFunc": {Callback: 2}},
	{pathPgx4, "Tx"}:       {"BeginFunc": {Callback: 1}},
	{pathPgxpool4, "Pool"}: {"BeginFunc": {Callback: 1}, "BeginTxFunc": {Callback: 2}},
	{pathPgxpool4, "Tx"}:   {"BeginFunc": {Callback: 1}},
	{pathPgxpool4, "Conn"}: {"BeginFunc": {Callback: 1}, "BeginTxFunc": {Callback: 2}},
}

// scopedFuncs are package-level functions with the same contract.
var scopedFuncs = map[typeKey]Scope{
	{pathPgx5, "BeginFunc"}:   {Callback: 2},
	{pathPgx5, "BeginTxFunc"}: {Callback: 3},
}

// launchMethods start their function argument on another goroutine.
var launchMethods = map[typeKey][]string{
	{pathErrgroup, "Group"}:             {"Go", "TryGo"},
	{pathSync, "WaitGroup"}:             {"Go"},
	{pathConc, "WaitGroup"}:             {"Go"},
	{pathConcPool, "Pool"}:              {"Go"},
	{pathConcPool, "ErrorPool"}:         {"Go"},
	{pathConcPool, "ContextPool"}:       {"Go"},
	{pathConcPool, "ResultPool"}:        {"Go"},
	{pathConcPool, "ResultErrorPool"}:   {"Go"},
	{pathConcPool, "ResultContextPool"}: {"Go"},
}

// waitMethods block until every launch of their group has returned.
var waitMethods = map[typeKey][]string{
	{pathErrgroup, "Group"}:             {"Wait"},
	{pathSync, "WaitGroup"}:             {"Wait"},
	{pathConc, "WaitGroup"}:             {"Wait", "WaitAndRecover"},
	{pathConcPool, "Pool"}:              {"Wait"},
	{pathConcPool, "ErrorPool"}:         {"Wait"},
	{pathConcPool, "ContextPool"}:       {"Wait"},
	{pathConcPool, "ResultPool"}:        {"Wait"},
	{pathConcPool, "ResultErrorPool"}:   {"Wait"},
	{pathConcPool, "ResultContextPool"}: {"Wait"},
}

// countMethods count a group's launches by hand, around a go statement:
// sync.WaitGroup's Add before it and Done at the end of the goroutine.
var countMethods = map[typeKey][]string{
	{pathSync, "WaitGroup"}: {"Add", "Done"},
}

// limitMethods bound a group's concurrency to their integer argument.
var limitMethods = map[typeKey][]string{
	{pathErrgroup, "Group"}:             {"SetLimit"},
	{pathConcPool, "Pool"}:              {"WithMaxGoroutines"},
	{pathConcPool, "ErrorPool"}:         {"WithMaxGoroutines"},
	{pathConcPool, "ContextPool"}:       {"WithMaxGoroutines"},
	{pathConcPool, "ResultPool"}:        {"WithMaxGoroutines"},
	{pathConcPool, "ResultErrorPool"}:   {"WithMaxGoroutines"},
	{pathConcPool, "ResultContextPool"}: {"WithMaxGoroutines"},
}

// handleMethods are the methods by which a type of the analysed code looks
// like a database handle of its own (a wrapper around a pool or a
// transaction, an interface such as sqlc's DBTX): any one of them in its
// method set.
var handleMethods = []string{
	"Exec", "ExecContext",
	"Query", "QueryContext",
	"QueryRow", "QueryRowContext",
	"Begin", "BeginTx",
}
