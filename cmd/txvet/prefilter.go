package main

import (
	"bytes"
	"os"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/txvet/txvet/internal/knowledge"
)

// listMode is the prefilter's load: what go list -deps says, without
// export data or parsing.
const listMode = packages.NeedName | packages.NeedFiles | packages.NeedImports |
	packages.NeedDeps | packages.NeedModule

// A selection is what the prefilter kept of the packages the patterns
// match.
type selection struct {
	skipped int // matched packages (test variants included) not loaded again

	// paths are the import paths to load in full: every path one of
	// whose packages (itself or a test variant) may hold a handle.
	paths []string

	// noHandle reports whether the non-test package of an import path
	// was listed and cannot hold a handle: an in-module import that
	// cannot has no facts to give, so it need not come from source either.
	noHandle func(path string) bool
}

// selectPackages lists the packages matching patterns, with their import
// closures, and keeps those that may hold a database handle.
//
// Every finding and fact of txvet is about a variable whose type is a
// database handle, or a callback that takes one (see internal/dbcode). A
// package whose import closure (itself included) contains neither a
// package that declares a known handle type (knowledge.HandlePackages)
// nor a Go file with the bytes "Rollback" cannot have such a variable,
// so skipping it changes no finding and no fact. That is an
// over-approximation, because:
//   - every type in a package is built from types declared in the
//     package or in its import closure: export data of a dependency only
//     holds types of the dependency's own closure;
//   - a type is a handle either by name, and is then declared in one of
//     knowledge.HandlePackages, or by Classify's structural rule: its
//     method set has Rollback() error. That method is declared, as a
//     method or an interface method (embedding only promotes it), in
//     some package of the closure, whose Go source then holds
//     "Rollback": Go identifiers have no escapes, and cgo does not
//     generate methods;
//   - a package with any error here is kept: its closure may be
//     incomplete.
//
// Test variants are judged on their own files and imports (test files
// included), but loading goes by import path, so a path is kept whole
// when any of its packages is kept.
func selectPackages(cfg *packages.Config, patterns []string) (*selection, error) {
	listCfg := *cfg
	listCfg.Mode = listMode
	roots, err := packages.Load(&listCfg, patterns...)
	if err != nil {
		return nil, err
	}
	c := &closureScan{
		handlePkgs: make(map[string]bool),
		verdict:    make(map[*packages.Package]bool),
		fileHits:   make(map[string]bool),
	}
	for _, path := range knowledge.HandlePackages() {
		c.handlePkgs[path] = true
	}
	listed := make(map[string]*packages.Package)
	packages.Visit(roots, nil, func(p *packages.Package) { listed[p.ID] = p })
	s := &selection{noHandle: func(path string) bool {
		p, ok := listed[path]
		return ok && !c.mayHoldHandle(p)
	}}
	keep := make(map[string]bool)
	for _, p := range roots {
		if isTestMain(p) {
			continue // generated, never analyzed
		}
		if path := loadPath(p); c.mayHoldHandle(p) && !keep[path] {
			keep[path] = true
			s.paths = append(s.paths, path)
		}
	}
	for _, p := range roots {
		if !isTestMain(p) && !keep[loadPath(p)] {
			s.skipped++
		}
	}
	return s, nil
}

// closureScan decides, once per package, whether a package may hold a
// database handle.
type closureScan struct {
	handlePkgs map[string]bool
	verdict    map[*packages.Package]bool
	fileHits   map[string]bool // file name -> holds "Rollback"; test variants share files
}

func (c *closureScan) mayHoldHandle(p *packages.Package) bool {
	if may, ok := c.verdict[p]; ok {
		return may
	}
	c.verdict[p] = true // import graphs have no cycles; if one did, stay conservative
	may := len(p.Errors) > 0 || c.handlePkgs[p.PkgPath]
	for _, imp := range p.Imports {
		if may {
			break
		}
		may = c.mayHoldHandle(imp)
	}
	may = may || c.mentionsRollback(p)
	c.verdict[p] = may
	return may
}

// mentionsRollback reports whether a Go file of p holds "Rollback" or
// cannot be read. go/packages lists cgo files and, for a test variant,
// its test files among GoFiles.
func (c *closureScan) mentionsRollback(p *packages.Package) bool {
	for _, name := range p.GoFiles {
		hit, ok := c.fileHits[name]
		if !ok {
			data, err := os.ReadFile(name)
			hit = err != nil || bytes.Contains(data, []byte("Rollback"))
			c.fileHits[name] = hit
		}
		if hit {
			return true
		}
	}
	return false
}

// loadPath returns the import path that loads p: for a test variant
// ("p [p.test]", "p_test [p.test]"), the path of the package under test.
func loadPath(p *packages.Package) string {
	if _, variant, ok := strings.Cut(p.ID, " ["); ok {
		return strings.TrimSuffix(strings.TrimSuffix(variant, "]"), ".test")
	}
	return p.PkgPath
}

// loadablePaths reports whether each path can name its package in a
// second go list: not a package outside any module or GOPATH ("_/dir").
func loadablePaths(paths []string) bool {
	for _, p := range paths {
		if strings.HasPrefix(p, "_") || p == "command-line-arguments" {
			return false
		}
	}
	return true
}
