package fuzz

import "testing"

// shapeSeeds are seeds for the callees whose body an analyzer cannot
// read, combined with the release and launch forms: methods of an
// interface of the same package, declarations without a body, method
// values of both, and generic instantiations, called after an explicit
// release and inside a launch. The fuzzer mutates from them.
var shapeSeeds = [][]byte{
	[]byte(`package p

import (
	"context"
	"database/sql"
	"sync"

	"golang.org/x/sync/errgroup"
)

type Notifier interface {
	Alert(msg string) error
	Archive(ctx context.Context, tx *sql.Tx, id int64) error
}

type Service struct {
	db *sql.DB
	n  Notifier
}

func nanotime() int64

func spin(tx *sql.Tx, n int)

func wrap[T any](v T, err error) error { return err }

func (s *Service) AfterRelease(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		tx.Rollback()
		_ = nanotime()
		alert := s.n.Alert
		if err := alert(err.Error()); err != nil {
			return wrap(1, err)
		}
		return s.n.Alert(err.Error())
	}
	return tx.Commit()
}

func (s *Service) InLaunch(ctx context.Context, ids []int64) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var wg sync.WaitGroup
	g, ctx := errgroup.WithContext(ctx)
	for _, id := range ids {
		go s.n.Archive(ctx, tx, id)
		wg.Go(func() { spin(tx, int(id)) })
		g.Go(func() error { return s.n.Archive(ctx, tx, id) })
	}
	wg.Wait()
	if err := g.Wait(); err != nil {
		tx.Rollback()
		return s.n.Alert(err.Error())
	}
	return tx.Commit()
}
`),
	[]byte(`package p

import (
	"context"
	"database/sql"
	_ "unsafe"
)

type Store[T any] interface{ Save(ctx context.Context, v T) error }

//go:linkname record example.com/elsewhere.record
func record(ctx context.Context, tx *sql.Tx)

func Generic[T any](ctx context.Context, db *sql.DB, s Store[T], v T) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE t SET x = 1"); err != nil {
		tx.Rollback()
		go record(ctx, tx)
		go s.Save(ctx, v)
		return s.Save(ctx, v)
	}
	return tx.Commit()
}
`),
}

// TestShapeSeeds: the shape seeds type-check, so the fuzzer starts from
// inputs the analyzers check in full, and they pass the target.
func TestShapeSeeds(t *testing.T) {
	u := theUniverse()
	u.mu.Lock()
	defer u.mu.Unlock()
	for i, src := range shapeSeeds {
		if o := examine(t, u, src); o.typed != 1 {
			t.Errorf("shape seed %d does not type-check", i)
		}
	}
}
