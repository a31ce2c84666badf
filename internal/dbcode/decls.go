package dbcode

import (
	"go/ast"

	"golang.org/x/tools/go/ast/inspector"
)

// Inspect returns an inspector over the top-level declarations of files
// that hold a node for which match is true, or nil if none does.
//
// The inspector sees each such declaration in a shallow copy of its file
// that holds just that declaration (inspector.New sizes its buffers by a
// file's extent, so copies spanning whole files cost nearly as much as
// the files). The declarations are the package's own nodes: positions,
// type information and fixes are those of the real files. It suits an
// analyzer whose cursors never leave the top-level declaration they
// start in, and which reads pass.Files for anything file-wide (imports).
func Inspect(files []*ast.File, match func(ast.Node) bool) *inspector.Inspector {
	var kept []*ast.File
	for _, f := range files {
		for _, d := range f.Decls {
			if holds(d, match) {
				kept = append(kept, &ast.File{Name: f.Name, Package: d.Pos(), FileStart: f.FileStart, FileEnd: f.FileEnd, Decls: []ast.Decl{d}})
			}
		}
	}
	if kept == nil {
		return nil
	}
	return inspector.New(kept)
}

// holds reports whether match is true for n or a node inside it.
func holds(n ast.Node, match func(ast.Node) bool) bool {
	for n := range ast.Preorder(n) {
		if match(n) {
			return true
		}
	}
	return false
}
