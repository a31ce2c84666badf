package dbcode

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/txvet/txvet/internal/knowledge"
)

// declarations finds, in one walk, the top-level declarations of files
// that hold database code, and what each holds.
//
// Each kept declaration is wrapped in a shallow copy of its file that
// holds just that declaration: inspector.New sizes its buffers by a
// file's extent, so copies spanning whole files would cost nearly as
// much as the files.
func declarations(info *types.Info, files []*ast.File) ([]*ast.File, map[ast.Decl]Kinds) {
	var kept []*ast.File
	kinds := make(map[ast.Decl]Kinds)
	for _, f := range files {
		for _, d := range f.Decls {
			k := kindsOf(info, d)
			if k == 0 {
				continue
			}
			kinds[d] = k
			kept = append(kept, &ast.File{Name: f.Name, Package: d.Pos(), FileStart: f.FileStart, FileEnd: f.FileEnd, Decls: []ast.Decl{d}})
		}
	}
	return kept, kinds
}

// kindsOf says what database code d holds.
func kindsOf(info *types.Info, d ast.Decl) Kinds {
	const all = Releases | Launches
	var k Kinds
	ast.Inspect(d, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.GoStmt:
			k |= Launches
		case *ast.CallExpr:
			if _, _, ok := knowledge.ReleaseCall(info, n); ok {
				k |= Releases
			} else if _, _, ok := knowledge.LaunchCall(info, n); ok {
				k |= Launches
			}
		}
		return k != all
	})
	return k
}

// inspect returns an inspector over files, or nil if there are none.
func inspect(files []*ast.File) *inspector.Inspector {
	if files == nil {
		return nil
	}
	return inspector.New(files)
}
