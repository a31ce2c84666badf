package sharedtx_test

import (
	"errors"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"
)

const sharedSrc = `package p

import (
	"database/sql"
	"sync"
)

func f(tx *sql.Tx) {
	var wg sync.WaitGroup
	wg.Go(func() { tx.Exec("a") })
	wg.Go(func() { tx.Exec("b") })
	wg.Wait()
}
`

// TestNoFixWithoutSource: the sequential rewrite copies source text, so
// where the file cannot be read as it was parsed, the finding is reported
// without a fix rather than with one that drops the launched bodies. A
// driver that gives no ReadFile at all is the unreadable case.
func TestNoFixWithoutSource(t *testing.T) {
	t.Parallel()
	for _, mode := range []string{"readable", "unreadable", "no ReadFile"} {
		readable := mode == "readable"
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, "p.go", sharedSrc, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		files := []*ast.File{f}
		info := newInfo()
		conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil)}
		pkg, err := conf.Check("p", fset, files, info)
		if err != nil {
			t.Fatal(err)
		}
		readFile := func(name string) ([]byte, error) {
			if readable && name == "p.go" {
				return []byte(sharedSrc), nil
			}
			return nil, errors.New("not readable")
		}
		if mode == "no ReadFile" {
			readFile = nil
		}
		got := runSharedtx(t, fset, files, pkg, info, nil, readFile)
		if len(got) != 1 {
			t.Fatalf("%s: %d diagnostics, want 1", mode, len(got))
		}
		if fixes := len(got[0].SuggestedFixes); readable != (fixes == 1) {
			t.Errorf("%s: %d fixes", mode, fixes)
		}
	}
}
