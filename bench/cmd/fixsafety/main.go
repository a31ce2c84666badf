// Command fixsafety applies every fix txvet suggests to writable copies of
// the real modules pinned in bench/realmods and of a generated corpus, and
// checks that each result still builds and type-checks with its tests, is
// gofmt-clean and passes go vet wherever it did before, and draws no new
// diagnostic. Run it from the repository root:
//
//	go run ./bench/cmd/fixsafety [-scale 10]
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/txvet/txvet/bench/internal/targets"
)

func main() {
	if !fixSafety() {
		os.Exit(1)
	}
}

// fixSafety reports whether every fixed copy builds, type-checks and draws no new diagnostic.
// It returns rather than exits, so that its deferred clean-up runs.
func fixSafety() bool {
	scale := flag.Int("scale", 10, "size of the generated corpus")
	keep := flag.Bool("keep", false, "keep the work directory (to read the fixed code)")
	flag.Parse()
	repo, err := os.Getwd()
	check(err)
	work, err := os.MkdirTemp("", "txvet-fixsafety-")
	check(err)
	if *keep {
		fmt.Println("work directory:", work)
	} else {
		defer os.RemoveAll(work)
	}
	bin, err := targets.BuildTxvet(repo, work)
	check(err)

	// The workspace of the real modules must not enclose the corpus.
	real, err := copyRealmods(repo, filepath.Join(work, "ws"))
	check(err)
	corpus, err := targets.Corpus(work, *scale)
	check(err)

	failed := false
	total := 0
	for _, tg := range []targets.Target{real, corpus} {
		applied, problems := fixAndRecheck(bin, tg)
		total += applied
		fmt.Printf("%-11s %4d packages: %d fixes applied; built, gofmt-checked, vetted and re-analyzed; problems: %d\n", tg.Name, tg.NPkgs, applied, len(problems))
		for _, p := range problems {
			failed = true
			fmt.Printf("  PROBLEM %s: %s\n", tg.Name, p)
		}
	}
	fmt.Printf("%d fixes applied in all\n", total)
	if failed {
		return false
	}
	fmt.Println("ok: every fixed copy builds, type-checks with its tests, is gofmt-clean, vets, and draws no new diagnostic")
	return true
}

// fixAndRecheck runs txvet -fix on the target and checks the result. It
// returns the number of fixes applied and what went wrong.
func fixAndRecheck(bin string, tg targets.Target) (int, []string) {
	before, err := targets.RunJSON(bin, tg.Dir, nil, tg.Patterns)
	check(err)
	if p := before.Problems(); len(p) > 0 {
		return 0, append([]string{"before fixing:"}, p...)
	}
	offered := 0
	for _, f := range before.Findings {
		if len(f.Fixes) > 0 {
			offered++
		}
	}
	// go build refuses packages that hold only tests; txvet type-checks those.
	buildable, err := targets.Output(tg.Dir, "go", append([]string{"list", "-f", "{{if .GoFiles}}{{.ImportPath}}{{end}}"}, tg.Patterns...)...)
	check(err)
	pkgs := strings.Fields(string(buildable))
	unformatted, unvetted := gofmtDirty(tg.Dir), vetFailures(tg.Dir, pkgs)
	fix := exec.Command(bin, append([]string{"-fix"}, tg.Patterns...)...)
	fix.Dir = tg.Dir
	out, _ := fix.CombinedOutput()
	if code := fix.ProcessState.ExitCode(); code != 0 && code != 1 {
		return 0, []string{fmt.Sprintf("txvet -fix exit status %d:\n%s", code, out)}
	}

	var problems []string
	build := exec.Command("go", append([]string{"build"}, pkgs...)...)
	build.Dir = tg.Dir
	if out, err := build.CombinedOutput(); err != nil {
		problems = append(problems, fmt.Sprintf("go build after the fixes: %v\n%s", err, out))
	}
	for file := range gofmtDirty(tg.Dir) {
		if !unformatted[file] {
			problems = append(problems, "not gofmt-clean after the fixes: "+file)
		}
	}
	for pkg, out := range vetFailures(tg.Dir, pkgs) {
		if _, failed := unvetted[pkg]; !failed {
			problems = append(problems, fmt.Sprintf("go vet fails after the fixes: %s\n%s", pkg, out))
		}
	}
	after, err := targets.RunJSON(bin, tg.Dir, nil, tg.Patterns)
	check(err)
	problems = append(problems, after.Problems()...) // type errors in tests show here
	applied := len(before.Findings) - len(after.Findings)
	if applied != offered {
		problems = append(problems, fmt.Sprintf("%d findings had a fix, but the count went from %d to %d", offered, len(before.Findings), len(after.Findings)))
	}
	remaining := map[string]int{}
	for _, f := range before.Findings {
		if len(f.Fixes) == 0 {
			remaining[f.Analyzer+": "+f.Message]++
		}
	}
	for _, f := range after.Findings {
		if key := f.Analyzer + ": " + f.Message; remaining[key] > 0 {
			remaining[key]--
		} else {
			problems = append(problems, fmt.Sprintf("new or unfixed diagnostic after the fixes: %s: %s", f.Posn, f.Message))
		}
	}
	return applied, problems
}

// gofmtDirty returns the Go files under dir that gofmt would change.
func gofmtDirty(dir string) map[string]bool {
	out, err := targets.Output(dir, "gofmt", "-l", ".")
	check(err)
	files := make(map[string]bool)
	for _, f := range strings.Fields(string(out)) {
		files[f] = true
	}
	return files
}

// vetFailures runs go vet on pkgs in dir and returns, by package, what it
// printed for each package it failed on.
func vetFailures(dir string, pkgs []string) map[string]string {
	vet := exec.Command("go", append([]string{"vet"}, pkgs...)...)
	vet.Dir = dir
	out, _ := vet.CombinedOutput()
	failed := make(map[string]string)
	pkg := ""
	for line := range strings.Lines(string(out)) {
		if rest, ok := strings.CutPrefix(line, "# "); ok {
			pkg = strings.TrimSpace(rest)
			failed[pkg] = ""
		} else if pkg != "" {
			failed[pkg] += line
		}
	}
	if vet.ProcessState.ExitCode() != 0 && len(failed) == 0 {
		failed["(go vet)"] = string(out)
	}
	return failed
}

// copyRealmods copies bench/realmods and the source of every module it
// requires directly into work, writable, and joins them in a go.work: txvet
// only fixes the main modules' code, and in a workspace each is one.
func copyRealmods(repo, work string) (targets.Target, error) {
	dir := filepath.Join(work, "realmods")
	if err := copyTree(filepath.Join(repo, "bench", "realmods"), dir); err != nil {
		return targets.Target{}, err
	}
	tg, err := targets.RealmodsIn(dir) // listed before the workspace exists
	if err != nil {
		return targets.Target{}, err
	}
	mods, err := targets.DirectModules(dir)
	if err != nil {
		return targets.Target{}, err
	}
	gowork := "go 1.26.0\n\nuse ./realmods\n"
	for _, m := range mods { // sorted: a module is copied before any nested in it
		src, err := targets.Output(dir, "go", "list", "-m", "-f", "{{.Dir}}", m)
		if err != nil {
			return targets.Target{}, err
		}
		rel := filepath.Join("src", filepath.FromSlash(m))
		if err := copyTree(strings.TrimSpace(string(src)), filepath.Join(work, rel)); err != nil {
			return targets.Target{}, err
		}
		gowork += "use ./" + filepath.ToSlash(rel) + "\n"
	}
	return tg, os.WriteFile(filepath.Join(work, "go.work"), []byte(gowork), 0o644)
}

// copyTree copies a directory with cp, then makes it writable (the module
// cache is read-only).
func copyTree(from, to string) error {
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	if out, err := exec.Command("cp", "-r", from, to).CombinedOutput(); err != nil {
		return fmt.Errorf("cp -r %s %s: %v\n%s", from, to, err, out)
	}
	if out, err := exec.Command("chmod", "-R", "u+w", to).CombinedOutput(); err != nil {
		return fmt.Errorf("chmod: %v\n%s", err, out)
	}
	return nil
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "fixsafety:", err)
		os.Exit(2)
	}
}
