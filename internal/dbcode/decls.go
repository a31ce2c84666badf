package dbcode

import (
	"go/ast"

	"golang.org/x/tools/go/ast/inspector"
)

// Inspect returns an inspector over the top-level declarations of files
// that hold a node for which match is true, or nil if none does.
//
// The inspector sees shallow copies of the files that keep only those
// declarations; the declarations are the package's own nodes, so
// positions, type information and fixes are those of the real files. It
// suits an analyzer whose cursors never leave the top-level declaration
// they start in, and which reads pass.Files for anything file-wide (such
// as imports).
func Inspect(files []*ast.File, match func(ast.Node) bool) *inspector.Inspector {
	var kept []*ast.File
	for _, f := range files {
		var decls []ast.Decl
		for _, d := range f.Decls {
			if holds(d, match) {
				decls = append(decls, d)
			}
		}
		if decls != nil {
			kept = append(kept, &ast.File{Name: f.Name, Package: f.Package, FileStart: f.FileStart, FileEnd: f.FileEnd, Decls: decls})
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
