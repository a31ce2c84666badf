package targets

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// BuildTxvet builds cmd/txvet of the repository into dir.
func BuildTxvet(repo, dir string) (string, error) {
	bin := filepath.Join(dir, "txvet")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/txvet")
	cmd.Dir = repo
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./cmd/txvet: %v\n%s", err, out)
	}
	return bin, nil
}

// A Finding is one diagnostic of a txvet -json run.
type Finding struct {
	Package  string
	Analyzer string
	Category string `json:"category"`
	Posn     string `json:"posn"`
	Message  string `json:"message"`
	Fixes    []struct {
		Message string `json:"message"`
	} `json:"suggested_fixes"`
}

// A Run is the outcome of txvet -json on a target.
type Run struct {
	Findings []Finding
	Failures []string // analyzer errors, as "package: analyzer: error"
	Stderr   string   // load and type errors, crashes
	Exit     int
}

// Problems lists what makes a run fail the robustness check: a crash,
// an analyzer failure, or a package that did not load.
func (r *Run) Problems() []string {
	var out []string
	out = append(out, r.Failures...)
	if c := CrashIn(r.Stderr); c != "" {
		out = append(out, "crash: "+c)
	}
	if r.Exit != 0 {
		out = append(out, fmt.Sprintf("exit status %d:\n%s", r.Exit, tail(r.Stderr, 2000)))
	}
	return out
}

// RunJSON runs txvet -json with extra flags on the patterns, in dir.
func RunJSON(bin, dir string, flags, patterns []string) (*Run, error) {
	cmd := exec.Command(bin, append(append(append([]string{}, flags...), "-json"), patterns...)...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if cmd.ProcessState == nil {
		return nil, err
	}
	r, err := ParseJSON(stdout.Bytes())
	if err != nil {
		return nil, err
	}
	r.Stderr, r.Exit = stderr.String(), cmd.ProcessState.ExitCode()
	return r, nil
}

// ParseJSON reads the findings and analyzer errors of a JSON tree in go
// vet's shape (package ID -> analyzer -> diagnostics or {"error": ...}),
// as txvet -json prints it, and go vet -json for each package.
func ParseJSON(data []byte) (*Run, error) {
	r := &Run{}
	var tree map[string]map[string]json.RawMessage
	if len(bytes.TrimSpace(data)) > 0 {
		if err := json.Unmarshal(data, &tree); err != nil {
			return nil, fmt.Errorf("txvet -json output: %v\n%s", err, tail(string(data), 500))
		}
	}
	for pkg, byAnalyzer := range tree {
		for analyzer, raw := range byAnalyzer {
			var failure struct{ Error string }
			if json.Unmarshal(raw, &failure) == nil && failure.Error != "" {
				r.Failures = append(r.Failures, fmt.Sprintf("%s: %s: %s", pkg, analyzer, failure.Error))
				continue
			}
			var fs []Finding
			if err := json.Unmarshal(raw, &fs); err != nil {
				return nil, fmt.Errorf("txvet -json output for %s/%s: %v", pkg, analyzer, err)
			}
			for _, f := range fs {
				f.Package, f.Analyzer = pkg, analyzer
				r.Findings = append(r.Findings, f)
			}
		}
	}
	sort.Slice(r.Findings, func(i, j int) bool { return r.Findings[i].Posn < r.Findings[j].Posn })
	sort.Strings(r.Failures)
	return r, nil
}

// CrashIn returns the start of a crash report in a tool's output, or "".
func CrashIn(out string) string {
	for _, marker := range []string{"panic:", "fatal error:", "internal error", "SIGSEGV"} {
		if i := strings.Index(out, marker); i >= 0 {
			return out[i:min(len(out), i+400)]
		}
	}
	return ""
}

func tail(s string, n int) string {
	if len(s) > n {
		return "..." + s[len(s)-n:]
	}
	return s
}
