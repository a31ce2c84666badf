// Package targets lists the packages that the benchmark, robustness and
// fix-safety programs run txvet on.
package targets

import (
	"bytes"
	"fmt"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"github.com/txvet/txvet/bench/corpus"
)

// A Target is a set of packages that every tool is run on.
type Target struct {
	Name     string
	Dir      string   // where the tools run
	Patterns []string // the packages, as the tools are given them
	NPkgs    int
	Lines    int // generated corpus only
}

// Std is the standard library.
func Std(repo string) (Target, error) {
	pkgs, err := GoList(repo, "std")
	return Target{Name: "std", Dir: repo, Patterns: []string{"std"}, NPkgs: len(pkgs)}, err
}

// Realmods lists the packages of the modules that bench/realmods
// requires directly and that load without errors there (a few need
// modules, such as other database drivers, that realmods does not pin).
func Realmods(repo string) (Target, error) {
	return RealmodsIn(filepath.Join(repo, "bench", "realmods"))
}

// RealmodsIn is Realmods for a copy of bench/realmods in dir.
func RealmodsIn(dir string) (Target, error) {
	mods, err := DirectModules(dir)
	if err != nil {
		return Target{}, err
	}
	var patterns []string
	for _, m := range mods {
		patterns = append(patterns, m+"/...")
	}
	pkgs, err := GoList(dir, patterns...)
	if err != nil {
		return Target{}, err
	}
	return Target{Name: "realmods", Dir: dir, Patterns: pkgs, NPkgs: len(pkgs)}, nil
}

// Corpus writes the generated corpus at scale under work.
func Corpus(work string, scale int) (Target, error) {
	dir := filepath.Join(work, fmt.Sprintf("corpus-%dx", scale))
	st, err := corpus.Write(dir, scale, corpus.DefaultShape)
	if err != nil {
		return Target{}, err
	}
	return Target{Name: fmt.Sprintf("corpus-%dx", scale), Dir: dir, Patterns: []string{"./..."},
		NPkgs: st.Packages, Lines: st.Lines}, nil
}

// DirectModules lists, sorted, the modules that the module in dir
// requires directly, and those of its tools (go.mod's tool directive).
func DirectModules(dir string) ([]string, error) {
	out, err := Output(dir, "go", "list", "-m", "-f", "{{if not .Indirect}}{{if not .Main}}{{.Path}}{{end}}{{end}}", "all")
	if err != nil {
		return nil, err
	}
	tools, err := Output(dir, "go", "list", "-f", "{{if .Module}}{{.Module.Path}}{{end}}", "tool")
	if err != nil {
		return nil, err
	}
	mods := append(strings.Fields(string(out)), strings.Fields(string(tools))...)
	slices.Sort(mods)
	return slices.Compact(mods), nil
}

// GoList returns the sorted, de-duplicated import paths of the packages
// matching patterns that load without errors, nor errors in their
// dependencies, with their tests (every tool analyzes test files).
func GoList(dir string, patterns ...string) ([]string, error) {
	args := append([]string{"list", "-e", "-test", "-f", "{{.ImportPath}}|{{if or .Error .DepsErrors}}error{{end}}"}, patterns...)
	out, err := Output(dir, "go", args...)
	if err != nil {
		return nil, err
	}
	bad := map[string]bool{}
	var pkgs []string
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		id, status, _ := strings.Cut(line, "|")
		path := packageOf(id)
		if status != "" {
			bad[path] = true
		}
		pkgs = append(pkgs, path)
	}
	pkgs = slices.DeleteFunc(pkgs, func(p string) bool { return bad[p] })
	slices.Sort(pkgs)
	return slices.Compact(pkgs), nil
}

// packageOf maps the ID of a test variant ("p [p.test]", "p_test [p.test]",
// "p.test") to the package under test.
func packageOf(id string) string {
	if _, test, ok := strings.Cut(id, " ["); ok {
		return strings.TrimSuffix(test, ".test]")
	}
	return strings.TrimSuffix(id, ".test")
}

// Output runs a command in dir and returns its standard output.
func Output(dir, name string, args ...string) ([]byte, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.Bytes())
	}
	return out, nil
}
