package main

import (
	"bytes"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"path"
	"strconv"

	"golang.org/x/tools/go/ast/astutil"
)

// tidy formats fixed source and deletes the imports that the fixes left
// unused (a sequential rewrite may drop the last use of errgroup), as
// go fix does. Imports already unused before are left alone. If the
// fixed source does not parse, it is returned as is.
func tidy(original, fixed []byte) []byte {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "fixed.go", fixed, parser.ParseComments)
	if err != nil {
		return fixed
	}
	before, err := parser.ParseFile(token.NewFileSet(), "original.go", original, 0)
	if err != nil {
		return fixed
	}
	wasUsed := usedImports(before)
	for _, spec := range file.Imports {
		importPath, _ := strconv.Unquote(spec.Path.Value)
		name := localName(spec, importPath)
		if wasUsed[importPath] && name != "_" && name != "." && !usesName(file, name) {
			astutil.DeleteNamedImport(fset, file, nameOf(spec), importPath)
		}
	}
	var out bytes.Buffer
	if err := format.Node(&out, fset, file); err != nil {
		return fixed
	}
	return out.Bytes()
}

// usedImports reports which imports of a file are referred to.
func usedImports(file *ast.File) map[string]bool {
	used := make(map[string]bool)
	for _, spec := range file.Imports {
		importPath, _ := strconv.Unquote(spec.Path.Value)
		used[importPath] = usesName(file, localName(spec, importPath))
	}
	return used
}

// usesName reports whether file refers to a package-level name as the
// operand of a selector (pkg.Name) that the parser did not resolve to a
// local declaration.
func usesName(file *ast.File, name string) bool {
	found := false
	ast.Inspect(file, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok && id.Name == name && id.Obj == nil {
				found = true
			}
		}
		return !found
	})
	return found
}

// localName is the name an import is referred to by. Without an
// explicit name it is guessed from the path, skipping a major version
// suffix (github.com/jackc/pgx/v5 -> pgx); a wrong guess only keeps an
// import.
func localName(spec *ast.ImportSpec, importPath string) string {
	if spec.Name != nil {
		return spec.Name.Name
	}
	base := path.Base(importPath)
	if len(base) > 1 && base[0] == 'v' && isDigits(base[1:]) {
		base = path.Base(path.Dir(importPath))
	}
	return base
}

func nameOf(spec *ast.ImportSpec) string {
	if spec.Name != nil {
		return spec.Name.Name
	}
	return ""
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
