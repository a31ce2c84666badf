package gopls_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/txvet/txvet"
	"github.com/txvet/txvet/internal/testtool"
)

// TestNeovim opens a file of the example in a real editor, headless
// Neovim with its built-in LSP client and the built gopls, and checks that
// the buffer's diagnostics from txvet's analyzers are txvet's findings in
// that file, as warnings. .ci/run installs Debian's neovim for it.
func TestNeovim(t *testing.T) {
	gopls := goplsBinary(t)
	nvim, err := exec.LookPath("nvim")
	if err != nil {
		t.Skip("skipped: no nvim on PATH (scripts/gopls-test.sh installs Debian's neovim)")
	}
	dir := filepath.Join(testtool.RepoRoot(), "example")
	const file = "history/sqlstore.go"
	want := inFiles(txvetFindings(t, dir), []string{file})
	if len(want) == 0 {
		t.Fatalf("txvet reports nothing in %s", file)
	}
	// Neovim 0.7 shows no related information: compare the findings alone.
	for i := range want {
		want[i].Related = nil
	}

	var names []string
	for _, a := range txvet.Analyzers() {
		names = append(names, a.Name)
	}
	out := filepath.Join(t.TempDir(), "diagnostics.jsonl")
	script, _ := filepath.Abs(filepath.Join("testdata", "nvim", "diagnostics.lua"))
	cmd := exec.Command(nvim, "--headless", "--clean", "-n", "-c", "luafile "+script)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(),
		"TXVET_NVIM_GOPLS="+gopls,
		"TXVET_NVIM_FILE="+filepath.Join(dir, file),
		"TXVET_NVIM_SOURCES="+strings.Join(names, ","),
		"TXVET_NVIM_WANT="+strconv.Itoa(len(want)),
		"TXVET_NVIM_TIMEOUT_MS=600000",
		"TXVET_NVIM_OUT="+out,
	)
	stdout, runErr := cmd.CombinedOutput()
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("nvim wrote no diagnostics: %v (%v)\n%s", err, runErr, stdout)
	}

	var got []finding
	var all []string
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		if line == "" {
			continue
		}
		all = append(all, line)
		var d struct {
			Lnum, Col, Severity int
			Source, Message     string
		}
		if err := json.Unmarshal([]byte(line), &d); err != nil {
			t.Fatalf("nvim wrote %q: %v", line, err)
		}
		if !strings.Contains(","+strings.Join(names, ",")+",", ","+d.Source+",") {
			continue
		}
		if d.Severity != 2 { // vim.diagnostic.severity.WARN
			t.Errorf("nvim shows a %s diagnostic with severity %d, want 2 (warning): %s", d.Source, d.Severity, d.Message)
		}
		got = append(got, finding{File: file, Line: d.Lnum + 1, Col: d.Col + 1, Message: d.Message})
	}
	t.Logf("nvim's diagnostics in %s:\n  %s", file, strings.Join(all, "\n  "))
	if runErr != nil {
		t.Errorf("nvim: %v\n%s", runErr, stdout)
	}
	compareLines(t, "Neovim's diagnostics in "+file, lines(got), lines(want))
}
