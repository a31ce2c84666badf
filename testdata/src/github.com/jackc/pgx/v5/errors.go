package pgx

import "errors"

// ErrTxClosed is returned by Commit and Rollback of a finished transaction.
var ErrTxClosed = errors.New("tx is closed")
