// Command robust runs txvet over the standard library and the real
// modules pinned in bench/realmods, through the standalone driver and
// through go vet -vettool, and fails on any crash, analyzer failure or
// package that does not load. Run it from the repository root:
//
//	go run ./bench/cmd/robust          # all of std (a few minutes)
//	go run ./bench/cmd/robust -short   # a slice of std (the CI form)
//
// With -findings FILE it also writes every finding on the real modules as
// a Markdown table, the raw material of docs/findings.md.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"sort"
	"strings"

	"github.com/txvet/txvet/bench/internal/targets"
)

// stdSlice is the part of std the short form covers: the database and
// concurrency packages, and big, varied packages for the parser paths.
var stdSlice = []string{"database/...", "context", "sync/...", "net/http/...", "encoding/...", "go/...", "runtime", "reflect"}

func main() {
	if !robust() {
		os.Exit(1)
	}
}

// robust reports whether txvet ran everywhere without a crash or an analyzer failure.
// It returns rather than exits, so that its deferred clean-up runs.
func robust() bool {
	short := flag.Bool("short", false, "cover a slice of std instead of all of it")
	findings := flag.String("findings", "", "write the findings on the real modules to this Markdown `file`")
	flag.Parse()
	repo, err := os.Getwd()
	check(err)
	work, err := os.MkdirTemp("", "txvet-robust-")
	check(err)
	defer os.RemoveAll(work)
	bin, err := targets.BuildTxvet(repo, work)
	check(err)

	std, err := targets.Std(repo)
	check(err)
	if *short {
		std.Patterns = stdSlice
		pkgs, err := targets.GoList(repo, stdSlice...)
		check(err)
		std.NPkgs = len(pkgs)
	}
	real, err := targets.Realmods(repo)
	check(err)

	problems := 0
	for _, tg := range []targets.Target{std, real} {
		r, err := targets.RunJSON(bin, tg.Dir, nil, tg.Patterns)
		check(err)
		vetProblems := vetRoute(bin, tg)
		fmt.Printf("%-9s %4d packages: %3d findings %v; standalone problems: %d; go vet problems: %d\n",
			tg.Name, tg.NPkgs, len(r.Findings), byCategory(r.Findings), len(r.Problems()), len(vetProblems))
		for _, p := range append(r.Problems(), vetProblems...) {
			problems++
			fmt.Printf("  PROBLEM %s: %s\n", tg.Name, p)
		}
		if tg.Name == "realmods" && *findings != "" {
			check(writeFindings(*findings, r.Findings))
		}
	}
	if problems > 0 {
		fmt.Printf("FAIL: %d problems\n", problems)
		return false
	}
	fmt.Println("ok: no crash, no analyzer failure, every package loaded")
	return true
}

// vetLine matches what go vet -vettool may print when all is well: package
// headers, and diagnostics with their related positions.
var vetLine = regexp.MustCompile(`^(# .*|\S+\.go:\d+:\d+: .*)$`)

// vetRoute runs go vet -vettool=txvet and returns what went wrong.
func vetRoute(bin string, tg targets.Target) []string {
	cmd := exec.Command("go", append([]string{"vet", "-vettool=" + bin}, tg.Patterns...)...)
	cmd.Dir = tg.Dir
	out, _ := cmd.CombinedOutput()
	var problems []string
	if c := targets.CrashIn(string(out)); c != "" {
		problems = append(problems, "crash under go vet: "+c)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if line != "" && !vetLine.MatchString(line) {
			problems = append(problems, "go vet printed: "+line)
		}
	}
	if code := cmd.ProcessState.ExitCode(); code != 0 && code != 1 {
		problems = append(problems, fmt.Sprintf("go vet exit status %d", code))
	}
	return problems
}

func byCategory(fs []targets.Finding) map[string]int {
	m := map[string]int{}
	for _, f := range fs {
		m[f.Category]++
	}
	return m
}

func writeFindings(file string, fs []targets.Finding) error {
	var b strings.Builder
	b.WriteString("| # | location | analyzer / category | fix | message |\n|---|---|---|---|---|\n")
	modcache, _ := targets.Output(".", "go", "env", "GOMODCACHE")
	prefix := strings.TrimSpace(string(modcache)) + "/"
	sort.SliceStable(fs, func(i, j int) bool { return fs[i].Posn < fs[j].Posn })
	for i, f := range fs {
		fix := "no"
		if len(f.Fixes) > 0 {
			fix = "yes"
		}
		fmt.Fprintf(&b, "| %d | `%s` | %s / %s | %s | %s |\n", i+1, strings.TrimPrefix(f.Posn, prefix),
			f.Analyzer, f.Category, fix, strings.ReplaceAll(f.Message, "|", `\|`))
	}
	return os.WriteFile(file, []byte(b.String()), 0o644)
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "robust:", err)
		os.Exit(2)
	}
}
