package main

import (
	"fmt"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"
)

// loadMode loads the named packages from source and their dependencies
// from export data, as packages.LoadSyntax does, plus module data.
//
// The x/tools checker would load every dependency from source as soon as
// one analyzer declares facts (5.8x the wall time, 7.8x the memory on
// database/sql, see docs/performance.md). txvet's facts only matter for functions
// of the analyzed module: third-party helpers are covered by the
// knowledge tables. So only in-module packages are loaded from source.
const loadMode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
	packages.NeedImports | packages.NeedTypes | packages.NeedTypesSizes |
	packages.NeedSyntax | packages.NeedTypesInfo | packages.NeedModule

// loaded is the result of loading: the packages to analyze, and every
// package loaded from source (the roots plus the in-module packages they
// import, which supply facts).
type loaded struct {
	roots   []*packages.Package
	source  []*packages.Package
	errors  []packages.Error
	skipped int // matched packages the prefilter skipped
}

// load loads the packages matching patterns. When the roots import
// packages of the main module that the patterns did not name, it loads
// again with those added, so that they come from source and share their
// types with the roots; then facts exported for their functions reach
// the roots.
//
// With prefilter, it first lists the packages and loads only those that
// may hold a database handle (see selectPackages); not when patterns
// name files.
func load(cfg *packages.Config, patterns []string, prefilter bool) (*loaded, error) {
	return loadWith(packages.Load, cfg, patterns, prefilter)
}

// loadWith is load, loading with loadPackages (packages.Load; a test
// makes it fail).
func loadWith(loadPackages func(*packages.Config, ...string) ([]*packages.Package, error), cfg *packages.Config, patterns []string, prefilter bool) (*loaded, error) {
	noHandle := func(string) bool { return false }
	skipped := 0
	if prefilter && !namesFiles(patterns) {
		sel, err := selectPackages(cfg, patterns)
		if err != nil {
			return nil, err
		}
		if loadablePaths(sel.paths) {
			noHandle = sel.noHandle
			if sel.skipped > 0 {
				if len(sel.paths) == 0 {
					return &loaded{skipped: sel.skipped}, nil
				}
				patterns, skipped = sel.paths, sel.skipped
			}
		}
	}
	initial, err := loadPackages(cfg, patterns...)
	if err != nil {
		return nil, err
	}
	requested := make(map[string]bool, len(initial))
	for _, p := range initial {
		requested[p.ID] = true
	}
	all := initial
	var widenErr *packages.Error
	if extra := inModuleImports(initial, noHandle); len(extra) > 0 && !namesFiles(patterns) {
		// The second load can fail where the first did not (the go
		// command resolves more: the tests of the imports, their
		// modules). Losing the first would analyze nothing: keep it,
		// and say that the imports' facts are missing.
		widened, err := loadPackages(cfg, append(append([]string(nil), patterns...), extra...)...)
		if err == nil {
			err = lostPackages(widened, requested)
		}
		if err != nil {
			widenErr = &packages.Error{
				Kind: packages.ListError,
				Msg: fmt.Sprintf("txvet: could not load %s from source to learn their helpers (functions that release or run a transaction), so the named packages were analyzed without them: %v",
					strings.Join(extra, ", "), err),
			}
		} else {
			all = widened
		}
	}
	l := &loaded{source: all, skipped: skipped}
	if widenErr != nil {
		l.errors = append(l.errors, *widenErr)
	}
	seen := make(map[string]bool)
	packages.Visit(all, nil, func(p *packages.Package) {
		for _, e := range usefulErrors(p) {
			// A test variant repeats its package's errors.
			if !seen[e.Error()] {
				seen[e.Error()] = true
				l.errors = append(l.errors, e)
			}
		}
	})
	ids := make(map[string]*packages.Package, len(all))
	for _, p := range all {
		ids[p.ID] = p
	}
	for _, p := range all {
		if requested[p.ID] && !shadowedByTestVariant(p, ids) {
			l.roots = append(l.roots, p)
		}
	}
	pruneImports(all)
	return l, nil
}

// usefulErrors returns the errors of p, without the compiler's output
// that go list reports for a package that does not compile when the type
// checker has reported the same errors with positions.
func usefulErrors(p *packages.Package) []packages.Error {
	if len(p.TypeErrors) == 0 {
		return p.Errors
	}
	var errs []packages.Error
	for _, e := range p.Errors {
		if e.Kind == packages.ListError && strings.HasPrefix(e.Msg, "# ") {
			continue
		}
		errs = append(errs, e)
	}
	return errs
}

// namesFiles reports whether the patterns name .go files, which the go
// command does not let one mix with package paths.
func namesFiles(patterns []string) bool {
	for _, p := range patterns {
		if strings.HasSuffix(p, ".go") {
			return true
		}
	}
	return false
}

// inModuleImports returns the import paths of the packages of a main
// module that the roots import, directly or not, without naming them,
// except those the prefilter found cannot hold a handle (noHandle): they
// have no facts to give.
func inModuleImports(roots []*packages.Package, noHandle func(path string) bool) []string {
	named := make(map[string]bool)
	for _, p := range roots {
		named[p.PkgPath] = true
	}
	var extra []string
	packages.Visit(roots, func(p *packages.Package) bool {
		if p.Module != nil && p.Module.Main && !named[p.PkgPath] && !isTestVariant(p) && !noHandle(p.PkgPath) {
			named[p.PkgPath] = true
			extra = append(extra, p.PkgPath)
		}
		return true
	}, nil)
	sort.Strings(extra)
	return extra
}

// lostPackages returns an error naming the requested packages that pkgs
// lacks.
func lostPackages(pkgs []*packages.Package, requested map[string]bool) error {
	got := make(map[string]bool, len(pkgs))
	for _, p := range pkgs {
		got[p.ID] = true
	}
	var lost []string
	for id := range requested {
		if !got[id] {
			lost = append(lost, id)
		}
	}
	if lost == nil {
		return nil
	}
	sort.Strings(lost)
	return fmt.Errorf("the go command no longer listed %s", strings.Join(lost, ", "))
}

// shadowedByTestVariant reports whether p is a package whose test
// variant ("p [p.test]") is also loaded and type-checks: the variant
// holds all of p's files, so analyzing both would report each finding
// twice (go vet analyzes only the variant, for the same reason). A
// variant that does not type-check (a test that no longer compiles, a
// generated mock not committed) shadows nothing: its errors are
// reported, and p is analyzed. The generated test main package
// ("p.test") is skipped too.
func shadowedByTestVariant(p *packages.Package, ids map[string]*packages.Package) bool {
	if isTestMain(p) {
		return true
	}
	v := ids[fmt.Sprintf("%s [%s.test]", p.ID, p.ID)]
	return v != nil && !v.IllTyped && len(v.Errors) == 0
}

// isTestMain reports whether p is the generated main package of a test
// binary ("p.test").
func isTestMain(p *packages.Package) bool {
	return p.Name == "main" && strings.HasSuffix(p.ID, ".test") && p.ID == p.PkgPath
}

func isTestVariant(p *packages.Package) bool {
	return strings.Contains(p.ID, " [") || strings.HasSuffix(p.ID, ".test")
}

// pruneImports rewrites the Imports of each source package so that they
// hold only source packages: its nearest source packages through any
// path of export-data packages.
//
// The checker walks Imports only to run fact-producing analyzers on
// dependencies (it would panic on export-data packages, which have no
// syntax). Facts are inherited transitively along the remaining edges,
// so every fact a source package exports still reaches every source
// package that depends on it.
func pruneImports(source []*packages.Package) {
	isSource := make(map[*packages.Package]bool, len(source))
	for _, p := range source {
		isSource[p] = true
	}
	pruned := make(map[*packages.Package]map[string]*packages.Package, len(source))
	for _, p := range source {
		keep := make(map[string]*packages.Package)
		seen := make(map[*packages.Package]bool)
		var walk func(imports map[string]*packages.Package)
		walk = func(imports map[string]*packages.Package) {
			for _, dep := range imports {
				if seen[dep] {
					continue
				}
				seen[dep] = true
				if isSource[dep] {
					keep[dep.ID] = dep
				} else {
					walk(dep.Imports)
				}
			}
		}
		walk(p.Imports)
		pruned[p] = keep
	}
	for p, imports := range pruned {
		p.Imports = imports
	}
}
