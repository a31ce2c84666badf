package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"

	"golang.org/x/tools/go/analysis"

	"github.com/txvet/txvet"
	"github.com/txvet/txvet/internal/meta"
)

// options are the standalone driver's settings.
type options struct {
	dir       string // -C
	workDir   string // where to load packages ("": the current directory)
	jsonOut   bool   // -json
	fix       bool   // -fix
	diff      bool   // -diff
	sarifFile string // -sarif
	tests     bool   // -test
	tags      string // -tags
	prefilter bool   // -prefilter
	version   bool   // -V
	cpuprof   string // -cpuprofile
	memprof   string // -memprofile
	patterns  []string
	analyzers []*analysis.Analyzer // enabled analyzers
}

// parseFlags parses the command line of the standalone driver.
// Like go vet, -NAME=false disables analyzer NAME, -NAME=true runs only
// the analyzers so named, and -NAME.flag sets a flag of analyzer NAME.
func parseFlags(args []string, all []*analysis.Analyzer, stderr io.Writer) (*options, error) {
	opts := &options{}
	fs := flag.NewFlagSet("txvet", flag.ContinueOnError)
	fs.StringVar(&opts.dir, "C", "", "change to `dir` before doing anything else, like the go command")
	fs.BoolVar(&opts.jsonOut, "json", false, "print diagnostics and fixes as JSON on stdout (exit 0 on findings, like go vet -json)")
	fs.BoolVar(&opts.fix, "fix", false, "apply the suggested fixes")
	fs.BoolVar(&opts.diff, "diff", false, "print the suggested fixes as a unified diff instead of applying them")
	fs.StringVar(&opts.sarifFile, "sarif", "", "also write a SARIF 2.1.0 log to `file` (for GitHub code scanning)")
	fs.BoolVar(&opts.tests, "test", true, "also analyze test files, like go vet")
	fs.StringVar(&opts.tags, "tags", "", "comma-separated list of build `tags`")
	fs.BoolVar(&opts.prefilter, "prefilter", false, "list the packages first and skip, before type-checking, those that cannot hold a database handle (no database library and no \"Rollback\" in their import closure); faster where database code is a small part of the tree, slower where it is not; skipped packages' type errors go unreported")
	fs.Bool("flags", false, "print the analyzer flags in JSON (go vet protocol)")
	fs.StringVar(&opts.cpuprof, "cpuprofile", "", "write a CPU profile to `file`")
	fs.StringVar(&opts.memprof, "memprofile", "", "write an allocation profile to `file`")
	fs.BoolVar(&opts.version, "V", false, "print the version (-V=full: the go vet protocol's form)")

	enabled := make(map[*analysis.Analyzer]*triState)
	for _, a := range all {
		ts := new(triState)
		enabled[a] = ts
		fs.Var(ts, a.Name, fmt.Sprintf("enable the %s analyzer (%s)", a.Name, meta.Summary(a.Doc)))
		a.Flags.VisitAll(func(f *flag.Flag) {
			fs.Var(f.Value, a.Name+"."+f.Name, f.Usage)
		})
	}
	// The flag package would print the whole usage after an error; print
	// it only for -h, and a one-line hint otherwise.
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(stderr)
			printUsage(fs, stderr)
			printCategories(stderr, all)
			return nil, err
		}
		return nil, fmt.Errorf("%v (run 'txvet -h' for usage)", err)
	}
	opts.patterns = fs.Args()
	if len(opts.patterns) == 0 {
		opts.patterns = []string{"."}
	}
	opts.analyzers = selectAnalyzers(all, enabled)
	if len(opts.analyzers) == 0 {
		return nil, fmt.Errorf("every analyzer is disabled")
	}
	if opts.jsonOut && (opts.fix || opts.diff) {
		return nil, fmt.Errorf("-json cannot be combined with -fix or -diff")
	}
	return opts, nil
}

// selectAnalyzers applies go vet's rule: if any -NAME flag is true, run
// only those; otherwise run all but those set to false.
func selectAnalyzers(all []*analysis.Analyzer, enabled map[*analysis.Analyzer]*triState) []*analysis.Analyzer {
	anyTrue := false
	for _, ts := range enabled {
		anyTrue = anyTrue || *ts == setTrue
	}
	var keep []*analysis.Analyzer
	for _, a := range all {
		if (anyTrue && *enabled[a] == setTrue) || (!anyTrue && *enabled[a] != setFalse) {
			keep = append(keep, a)
		}
	}
	return keep
}

func printUsage(fs *flag.FlagSet, w io.Writer) {
	fmt.Fprint(w, `txvet finds database transactions and connections released twice or shared
by concurrent goroutines.

Usage:
	txvet [flags] [packages]
	go vet -vettool=$(command -v txvet) [flags] [packages]
	go fix -fixtool=$(command -v txvet) [-diff] [packages]

Exit status: 0 no findings, 1 findings, 2 usage error, 3 packages that
could not be loaded, type-checked or analyzed (see docs/usage.md).

Flags:
`)
	fs.PrintDefaults()
}

// printCategories lists what each analyzer reports, from its metadata.
func printCategories(w io.Writer, all []*analysis.Analyzer) {
	fmt.Fprint(w, "\nWhat each analyzer reports (category: kind, default SARIF level):\n")
	for _, a := range all {
		fmt.Fprintf(w, "  %s: %s\n", a.Name, meta.Summary(a.Doc))
		if m := metadataOf(a); m != nil {
			for _, c := range m.Categories {
				fmt.Fprintf(w, "    %s (%s, %s): %s\n", c.Name, c.Kind, c.Severity, c.Short)
			}
		}
	}
	fmt.Fprint(w, "Rule pages: docs/<analyzer>.md, https://github.com/txvet/txvet/tree/main/docs\n")
}

// triState is a boolean flag that remembers whether it was set.
type triState int

const (
	unset triState = iota
	setTrue
	setFalse
)

func (ts *triState) IsBoolFlag() bool { return true }

func (ts *triState) String() string {
	if ts != nil && *ts == setFalse {
		return "false"
	}
	return "true"
}

func (ts *triState) Set(value string) error {
	b, err := strconv.ParseBool(value)
	if err != nil {
		return fmt.Errorf("want true or false")
	}
	*ts = setFalse
	if b {
		*ts = setTrue
	}
	return nil
}

// metadataOf returns the metadata of a txvet analyzer, or nil.
func metadataOf(a *analysis.Analyzer) *meta.Analyzer {
	for _, m := range txvet.Metadata() {
		if m.Analyzer.Name == a.Name {
			return m
		}
	}
	return nil
}
