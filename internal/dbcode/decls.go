package dbcode

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/txvet/txvet/internal/knowledge"
)

// declarations sorts the top-level declarations of files, in one walk,
// into those that hold a release call and those that launch work.
//
// Each kept declaration is wrapped in a shallow copy of its file that
// holds just that declaration: inspector.New sizes its buffers by a
// file's extent, so copies spanning whole files would cost nearly as
// much as the files.
func declarations(info *types.Info, files []*ast.File) (releasing, launching []*ast.File) {
	for _, f := range files {
		for _, d := range f.Decls {
			release, launch := kinds(info, d)
			if !release && !launch {
				continue
			}
			one := &ast.File{Name: f.Name, Package: d.Pos(), FileStart: f.FileStart, FileEnd: f.FileEnd, Decls: []ast.Decl{d}}
			if release {
				releasing = append(releasing, one)
			}
			if launch {
				launching = append(launching, one)
			}
		}
	}
	return releasing, launching
}

// kinds reports whether d holds a release call, and whether it holds a
// go statement or a launch call.
func kinds(info *types.Info, d ast.Decl) (release, launch bool) {
	ast.Inspect(d, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.GoStmt:
			launch = true
		case *ast.CallExpr:
			if _, _, ok := knowledge.ReleaseCall(info, n); ok {
				release = true
			} else if _, _, ok := knowledge.LaunchCall(info, n); ok {
				launch = true
			}
		}
		return !release || !launch
	})
	return release, launch
}

// inspect returns an inspector over files, or nil if there are none.
func inspect(files []*ast.File) *inspector.Inspector {
	if files == nil {
		return nil
	}
	return inspector.New(files)
}
