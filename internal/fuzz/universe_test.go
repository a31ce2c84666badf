package fuzz

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/packages"

	"github.com/txvet/txvet/internal/testtool"
)

// A universe type-checks fuzz inputs against the packages of testdata/src
// (the library stubs and the analyzers' test packages, checked from source
// once and kept) and the standard library (from source, kept by the
// importer). It is what a driver gives the analyzers, without go list.
type universe struct {
	mu      sync.Mutex
	fset    *token.FileSet
	std     types.ImporterFrom
	sizes   types.Sizes
	srcRoot string
	dir     string                       // where inputs are written: analyzers read files through pass.ReadFile
	pkgs    map[string]*packages.Package // testdata packages by import path
	loading map[string]bool              // to refuse an import cycle
}

func newUniverse() *universe {
	fset := token.NewFileSet()
	dir, err := os.MkdirTemp("", "txvet-fuzz-")
	if err != nil {
		panic(err) // test setup only
	}
	return &universe{
		dir:     dir,
		fset:    fset,
		std:     importer.ForCompiler(fset, "source", nil).(types.ImporterFrom),
		sizes:   types.SizesFor("gc", "amd64"),
		srcRoot: filepath.Join(testtool.RepoRoot(), "testdata", "src"),
		pkgs:    map[string]*packages.Package{},
		loading: map[string]bool{},
	}
}

var (
	sharedOnce sync.Once
	shared     *universe
)

// theUniverse is shared by the seed test and every fuzz input of a process:
// the standard library is type-checked from source once.
func theUniverse() *universe {
	sharedOnce.Do(func() { shared = newUniverse() })
	return shared
}

// parseInput writes src to the input directory, as a driver's files are
// on disk, and parses it.
func (u *universe) parseInput(name string, src []byte) (*ast.File, error) {
	filename := filepath.Join(u.dir, name)
	if err := os.WriteFile(filename, src, 0o644); err != nil {
		return nil, err
	}
	return parser.ParseFile(u.fset, filename, src, parser.ParseComments)
}

func (u *universe) Import(path string) (*types.Package, error) {
	return u.ImportFrom(path, "", 0)
}

func (u *universe) ImportFrom(path, dir string, mode types.ImportMode) (*types.Package, error) {
	if p, ok := u.pkgs[path]; ok {
		return p.Types, nil
	}
	if files := u.testdataFiles(path); len(files) > 0 {
		p, err := u.loadTestdata(path, files)
		if err != nil {
			return nil, err
		}
		return p.Types, nil
	}
	return u.std.ImportFrom(path, dir, mode)
}

// testdataFiles lists the non-test Go files of testdata/src/path.
func (u *universe) testdataFiles(path string) []string {
	if !isCleanImportPath(path) {
		return nil
	}
	matches, _ := filepath.Glob(filepath.Join(u.srcRoot, filepath.FromSlash(path), "*.go"))
	return slices.DeleteFunc(matches, func(f string) bool { return strings.HasSuffix(f, "_test.go") })
}

func (u *universe) loadTestdata(path string, names []string) (*packages.Package, error) {
	if u.loading[path] {
		return nil, fmt.Errorf("import cycle through %s", path)
	}
	u.loading[path] = true
	defer delete(u.loading, path)
	var files []*ast.File
	for _, name := range names {
		src, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		f, err := parser.ParseFile(u.fset, name, src, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	p := u.check(path, files)
	if p.IllTyped {
		return nil, fmt.Errorf("testdata package %s does not type-check: %v", path, p.TypeErrors)
	}
	u.pkgs[path] = p
	return p, nil
}

// check type-checks files as package path and wraps the result as the
// go/packages form the x/tools checker takes. Imports hold only testdata
// packages: the checker walks them to compute facts, and like txvet's
// driver, nothing else is analyzed from source.
func (u *universe) check(path string, files []*ast.File) *packages.Package {
	info := &types.Info{
		Types:        map[ast.Expr]types.TypeAndValue{},
		Instances:    map[*ast.Ident]types.Instance{},
		Defs:         map[*ast.Ident]types.Object{},
		Uses:         map[*ast.Ident]types.Object{},
		Implicits:    map[ast.Node]types.Object{},
		Selections:   map[*ast.SelectorExpr]*types.Selection{},
		Scopes:       map[ast.Node]*types.Scope{},
		FileVersions: map[*ast.File]string{},
	}
	p := &packages.Package{ID: path, PkgPath: path, Fset: u.fset, Syntax: files, TypesInfo: info,
		TypesSizes: u.sizes, Imports: map[string]*packages.Package{}}
	conf := types.Config{
		Importer:  u,
		Sizes:     u.sizes,
		GoVersion: "go1.26",
		Error:     func(err error) { p.TypeErrors = append(p.TypeErrors, err.(types.Error)) },
	}
	p.Types, _ = conf.Check(path, u.fset, files, info)
	p.Name = p.Types.Name()
	p.IllTyped = len(p.TypeErrors) > 0
	for _, f := range files {
		for _, spec := range f.Imports {
			ipath := strings.Trim(spec.Path.Value, "`\"")
			if dep, ok := u.pkgs[ipath]; ok {
				p.Imports[ipath] = dep
			}
		}
	}
	return p
}

// isCleanImportPath accepts the import paths that can name a directory
// under testdata/src and nothing that could leave it.
func isCleanImportPath(path string) bool {
	if path == "" || strings.HasPrefix(path, "/") || strings.Contains(path, "..") || strings.Contains(path, "//") {
		return false
	}
	for _, r := range path {
		if !(r == '/' || r == '.' || r == '-' || r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9') {
			return false
		}
	}
	return true
}
