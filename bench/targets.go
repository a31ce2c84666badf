package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"github.com/txvet/txvet/bench/corpus"
)

// A target is a set of packages that every tool is run on.
type target struct {
	name     string
	dir      string   // where the tools run
	patterns []string // the packages, as the tools are given them
	npkgs    int
	lines    int // generated corpus only
}

func stdTarget(repo string) (target, error) {
	pkgs, err := goList(repo, "std")
	return target{name: "std", dir: repo, patterns: []string{"std"}, npkgs: len(pkgs)}, err
}

// realmodsTarget lists the packages of the modules that bench/realmods
// requires directly and that load without errors there (a few need
// modules, such as other database drivers, that realmods does not pin).
func realmodsTarget(repo string) (target, error) {
	dir := filepath.Join(repo, "bench", "realmods")
	out, err := output(dir, "go", "mod", "edit", "-json")
	if err != nil {
		return target{}, err
	}
	var mod struct{ Require []struct{ Path string } }
	if err := json.Unmarshal(out, &mod); err != nil {
		return target{}, err
	}
	var patterns []string
	for _, r := range mod.Require {
		patterns = append(patterns, r.Path+"/...")
	}
	// go mod edit -json lists indirect requirements too; keep direct ones.
	direct, err := output(dir, "go", "list", "-m", "-f", "{{if not .Indirect}}{{.Path}}{{end}}", "all")
	if err != nil {
		return target{}, err
	}
	keep := strings.Fields(string(direct))
	patterns = slices.DeleteFunc(patterns, func(p string) bool {
		return !slices.Contains(keep, strings.TrimSuffix(p, "/..."))
	})
	pkgs, err := goList(dir, patterns...)
	if err != nil {
		return target{}, err
	}
	return target{name: "realmods", dir: dir, patterns: pkgs, npkgs: len(pkgs)}, nil
}

func corpusTarget(work string, scale int) (target, error) {
	dir := filepath.Join(work, fmt.Sprintf("corpus-%dx", scale))
	st, err := corpus.Write(dir, scale, corpus.DefaultShape)
	if err != nil {
		return target{}, err
	}
	return target{name: fmt.Sprintf("corpus-%dx", scale), dir: dir, patterns: []string{"./..."},
		npkgs: st.Packages, lines: st.Lines}, nil
}

// goList returns the sorted, de-duplicated import paths of the packages
// matching patterns that load without errors, nor errors in their
// dependencies, with their tests (every tool analyzes test files).
func goList(dir string, patterns ...string) ([]string, error) {
	args := append([]string{"list", "-e", "-test", "-f", "{{.ImportPath}}|{{if or .Error .DepsErrors}}error{{end}}"}, patterns...)
	out, err := output(dir, "go", args...)
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

func output(dir, name string, args ...string) ([]byte, error) {
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
