package model

import (
	"go/ast"
	"go/types"
	"sync"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/txvet/txvet/internal/syntax"
)

// lazy holds what the model computes on first need.
type lazy struct {
	mu          sync.Mutex
	decls       *syntax.Decls
	funcs       map[ast.Node]*Func
	isRes       map[*types.Var]bool
	declsOnce   sync.Once
	declCursors []inspector.Cursor // the model's declarations, by position
	resOnce     sync.Once
	resources   resources // built on first Roots
}
