package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/txvet/txvet"
)

// Exit codes of the standalone driver. go vet users expect 0 and 1; the
// rest follow the flag package (2: usage) and leave 3 for a run that
// could not look at all the code.
const (
	exitClean    = 0 // no findings
	exitFindings = 1 // findings (with -fix: findings left unfixed; never with -json)
	exitUsage    = 2 // bad flags or arguments
	exitErrors   = 3 // packages failed to load or type-check, or an analyzer failed
)

// runCLI is the standalone driver.
func runCLI(args []string, stdout, stderr io.Writer) int {
	opts, err := parseFlags(args, txvet.Analyzers(), stderr)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitClean
		}
		fmt.Fprintf(stderr, "txvet: %v\n", err)
		return exitUsage
	}
	if opts.version {
		fmt.Fprintf(stdout, "txvet version %s\n", displayVersion())
		return exitClean
	}
	startDir, err := os.Getwd()
	if err != nil {
		fmt.Fprintf(stderr, "txvet: %v\n", err)
		return exitErrors
	}
	if opts.dir != "" {
		if err := os.Chdir(opts.dir); err != nil {
			fmt.Fprintf(stderr, "txvet: -C: %v\n", err)
			return exitUsage
		}
	}
	stopProfiles, err := startProfiles(opts.cpuprof, opts.memprof)
	if err != nil {
		fmt.Fprintf(stderr, "txvet: %v\n", err)
		return exitUsage
	}
	res, err := analyze(opts)
	if perr := stopProfiles(); perr != nil {
		fmt.Fprintf(stderr, "txvet: writing profiles: %v\n", perr)
	}
	if err != nil {
		fmt.Fprintf(stderr, "txvet: %v\n", err)
		return exitErrors
	}
	return report(opts, res, startDir, stdout, stderr)
}

// result is everything one run found.
type result struct {
	analyzers []*analysis.Analyzer
	findings  []finding
	failures  []failure // analyzer errors on packages that loaded cleanly
	broken    []failure // analyzers not run on packages that did not load or type-check
	errors    []packages.Error
}

// A finding is one diagnostic of one analyzer on one package.
type finding struct {
	analyzer *analysis.Analyzer
	pkg      *packages.Package
	diag     analysis.Diagnostic
}

type failure struct {
	pkg      *packages.Package
	analyzer *analysis.Analyzer
	err      error
}

// analyze loads the packages and runs the enabled analyzers on them.
func analyze(opts *options) (*result, error) {
	cfg := &packages.Config{Mode: loadMode, Tests: opts.tests, Dir: opts.workDir}
	if opts.tags != "" {
		cfg.BuildFlags = []string{"-tags=" + opts.tags}
	}
	l, err := load(cfg, opts.patterns, opts.prefilter)
	if err != nil {
		return nil, err
	}
	if len(l.roots) == 0 && l.skipped == 0 {
		// A gate that analyzed nothing must not pass silently.
		return nil, fmt.Errorf("%s matched no packages", strings.Join(opts.patterns, " "))
	}
	res := &result{analyzers: opts.analyzers, errors: l.errors}
	if len(l.roots) == 0 {
		return res, nil // every matched package was skipped: none can hold a handle
	}
	graph, err := checker.Analyze(opts.analyzers, l.roots, nil)
	if err != nil {
		return nil, err
	}
	seen := make(map[string]bool)
	for _, act := range graph.Roots {
		// A package with load errors is already reported as such; -json
		// gives it an error entry per analyzer, as go vet does. The
		// diagnostics of an analyzer that failed still stand: a panic on
		// one function leaves the findings on the others.
		if act.Err != nil {
			if len(act.Package.Errors) == 0 && !act.Package.IllTyped {
				res.failures = append(res.failures, failure{act.Package, act.Analyzer, act.Err})
			} else {
				res.broken = append(res.broken, failure{act.Package, act.Analyzer, packageErrors(act.Package)})
			}
		}
		for _, d := range act.Diagnostics {
			f := finding{act.Analyzer, act.Package, d}
			if key := f.key(); !seen[key] {
				seen[key] = true
				res.findings = append(res.findings, f)
			}
		}
	}
	sortFindings(res.findings)
	return res, nil
}

// key identifies a finding across the test and non-test variants of a
// package, which share files.
func (f finding) key() string {
	return fmt.Sprintf("%s\x00%s\x00%s", f.analyzer.Name, f.pkg.Fset.Position(f.diag.Pos), f.diag.Message)
}

func sortFindings(fs []finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		pi, pj := fs[i].pkg.Fset.Position(fs[i].diag.Pos), fs[j].pkg.Fset.Position(fs[j].diag.Pos)
		if pi.Filename != pj.Filename {
			return pi.Filename < pj.Filename
		}
		if pi.Offset != pj.Offset {
			return pi.Offset < pj.Offset
		}
		return fs[i].analyzer.Name < fs[j].analyzer.Name
	})
}

// report prints the result in the requested forms and returns the exit
// code: errors win over findings, which win over a clean run.
func report(opts *options, res *result, startDir string, stdout, stderr io.Writer) int {
	for _, e := range res.errors {
		fmt.Fprintln(stderr, displayError(e))
	}
	for _, f := range res.failures {
		fmt.Fprintf(stderr, "txvet: %s: %s: %v\n", f.pkg.ID, f.analyzer.Name, f.err)
	}
	failed := len(res.errors) > 0 || len(res.failures) > 0
	fail := func(err error) {
		fmt.Fprintf(stderr, "txvet: %v\n", err)
		failed = true
	}
	if opts.sarifFile != "" {
		if err := writeSARIF(opts.sarifFile, startDir, res); err != nil {
			fail(err)
		}
	}
	remaining := len(res.findings)
	switch {
	case opts.jsonOut:
		if err := printJSON(stdout, res); err != nil {
			fail(err)
		}
		remaining = 0 // the JSON carries them, as with go vet -json
	case opts.fix || opts.diff:
		left, err := applyFixes(res.findings, opts.diff, stdout, stderr)
		if err != nil {
			fail(err)
		}
		shown := left // -fix: what it could not fix
		if opts.diff {
			// -diff changes nothing: every finding remains, and its
			// message explains the diff (which stays alone on stdout).
			shown = res.findings
		}
		for _, f := range shown {
			printFinding(stderr, f)
		}
		remaining = len(shown)
	default:
		for _, f := range res.findings {
			printFinding(stderr, f)
		}
	}
	switch {
	case failed:
		return exitErrors
	case remaining > 0:
		return exitFindings
	}
	return exitClean
}
