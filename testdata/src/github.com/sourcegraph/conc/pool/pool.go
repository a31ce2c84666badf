// Package pool is a test stub of github.com/sourcegraph/conc/pool.
package pool

import "context"

type Pool struct{}

func New() *Pool                                             { return &Pool{} }
func (p *Pool) Go(f func())                                  {}
func (p *Pool) Wait()                                        {}
func (p *Pool) WithMaxGoroutines(n int) *Pool                { return p }
func (p *Pool) WithErrors() *ErrorPool                       { return &ErrorPool{} }
func (p *Pool) WithContext(ctx context.Context) *ContextPool { return &ContextPool{} }

type ErrorPool struct{}

func (p *ErrorPool) Go(f func() error)                  {}
func (p *ErrorPool) Wait() error                        { return nil }
func (p *ErrorPool) WithMaxGoroutines(n int) *ErrorPool { return p }

type ContextPool struct{}

func (p *ContextPool) Go(f func(ctx context.Context) error) {}
func (p *ContextPool) Wait() error                          { return nil }
func (p *ContextPool) WithMaxGoroutines(n int) *ContextPool { return p }

type ResultPool[T any] struct{}

func NewWithResults[T any]() *ResultPool[T]                     { return &ResultPool[T]{} }
func (p *ResultPool[T]) Go(f func() T)                          {}
func (p *ResultPool[T]) Wait() []T                              { return nil }
func (p *ResultPool[T]) WithMaxGoroutines(n int) *ResultPool[T] { return p }
func (p *ResultPool[T]) WithErrors() *ResultErrorPool[T]        { return &ResultErrorPool[T]{} }

type ResultErrorPool[T any] struct{}

func (p *ResultErrorPool[T]) Go(f func() (T, error))                      {}
func (p *ResultErrorPool[T]) Wait() ([]T, error)                          { return nil, nil }
func (p *ResultErrorPool[T]) WithMaxGoroutines(n int) *ResultErrorPool[T] { return p }

type ResultContextPool[T any] struct{}

func (p *ResultContextPool[T]) Go(f func(context.Context) (T, error)) {}
func (p *ResultContextPool[T]) Wait() ([]T, error)                    { return nil, nil }
