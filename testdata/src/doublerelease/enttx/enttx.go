// Package enttx holds the doublerelease cases for ent-style generated
// code: a transaction type with Commit() error and Rollback() error, and
// the WithTx helper that ent's documentation suggests, recognised through
// a fact.
package enttx

import (
	"context"
	"fmt"
)

// Client and Tx stand for ent's generated code.
type Client struct{}

func (c *Client) Tx(ctx context.Context) (*Tx, error) { return &Tx{}, nil }

type Tx struct{ User *UserClient }

func (*Tx) Commit() error   { return nil }
func (*Tx) Rollback() error { return nil }

type UserClient struct{}

func (*UserClient) Create(ctx context.Context, name string) error { return nil }

// WithTx runs fn in a transaction: the project's own scope-4 helper.
func WithTx(ctx context.Context, client *Client, fn func(tx *Tx) error) error {
	tx, err := client.Tx(ctx)
	if err != nil {
		return err
	}
	defer func() {
		if v := recover(); v != nil {
			tx.Rollback()
			panic(v)
		}
	}()
	if err := fn(tx); err != nil {
		if rerr := tx.Rollback(); rerr != nil {
			err = fmt.Errorf("%w: rolling back transaction: %v", err, rerr)
		}
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("committing transaction: %w", err)
	}
	return nil
}

func reportReleaseInCallbackWithTx(ctx context.Context, client *Client) error {
	return WithTx(ctx, client, func(tx *Tx) error { // @a
		if err := tx.User.Create(ctx, "a"); err != nil {
			return err
		}
		return tx.Commit() // want `^tx\.Commit\(\) inside the callback of WithTx at line 51: WithTx commits again and returns an error for committed work; return nil instead$`
	})
}

func reportRedundantRelease(ctx context.Context, client *Client) error {
	tx, err := client.Tx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback() // @b
	if err := tx.User.Create(ctx, "a"); err != nil {
		tx.Rollback() // want `tx.Rollback\(\) is redundant: the deferred tx.Rollback\(\) at line 64 already releases tx`
		return err
	}
	return tx.Commit()
}

func neverCanonicalIdiom(ctx context.Context, client *Client) error {
	tx, err := client.Tx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := tx.User.Create(ctx, "a"); err != nil {
		return err
	}
	return tx.Commit()
}

func neverCallbackWithoutRelease(ctx context.Context, client *Client) error {
	return WithTx(ctx, client, func(tx *Tx) error {
		return tx.User.Create(ctx, "a")
	})
}

// A pointer method called on a value: `defer tx.Rollback()` took &tx, so
// it rolls back what tx holds at the return, after the reassignment.
func neverReassignedAfterReleaseAddressed(ctx context.Context, next Tx) error {
	var tx Tx
	defer tx.Rollback()
	if err := tx.User.Create(ctx, "a"); err != nil {
		tx.Rollback()
	}
	tx = next
	return nil
}
