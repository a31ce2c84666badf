package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/txvet/txvet/bench/internal/targets"
)

// The peers, pinned in bench/peers/go.mod and built from the module proxy
// into the work directory; version is read from that go.mod.
var peers = []struct{ name, module, version string }{
	{name: "sqlclosecheck", module: "github.com/ryanrolds/sqlclosecheck"},
	{name: "rowserrcheck", module: "github.com/jingyugao/rowserrcheck"},
}

// tools holds the paths of the binaries the harness compares.
type tools struct {
	txvet     string // cmd/txvet
	noop      string // cmd/txvet built with a do-nothing analyzer: same loading
	noopFact  string // cmd/txvet built with a do-nothing analyzer that declares a fact
	checker   string // x/tools checker with a fact-declaring no-op: all from source
	peerPaths map[string]string
}

// floorSource replaces txvet.go in an overlay build of cmd/txvet, so that
// the command runs a do-nothing analyzer through exactly the same driver.
const floorSource = `package txvet

import (
	"golang.org/x/tools/go/analysis"

	"github.com/txvet/txvet/bench/noop"
)

func Analyzers() []*analysis.Analyzer { return []*analysis.Analyzer{noop.%s} }
`

func buildTools(repo, work string) (*tools, error) {
	t := &tools{
		txvet:     filepath.Join(work, "txvet"),
		noop:      filepath.Join(work, "txvet-noop"),
		noopFact:  filepath.Join(work, "txvet-noopfact"),
		checker:   filepath.Join(work, "checker-noopfact"),
		peerPaths: map[string]string{},
	}
	if err := gobuild(repo, t.txvet, "", "./cmd/txvet"); err != nil {
		return nil, err
	}
	for bin, analyzer := range map[string]string{t.noop: "Analyzer", t.noopFact: "WithFact"} {
		overlay, err := writeOverlay(repo, work, filepath.Base(bin), fmt.Sprintf(floorSource, analyzer))
		if err != nil {
			return nil, err
		}
		if err := gobuild(repo, bin, overlay, "./cmd/txvet"); err != nil {
			return nil, err
		}
	}
	if err := gobuild(repo, t.checker, "", "./bench/cmd/noopfact"); err != nil {
		return nil, err
	}
	peerDir := filepath.Join(repo, "bench", "peers")
	for i, p := range peers {
		t.peerPaths[p.name] = filepath.Join(work, p.name)
		if err := gobuild(peerDir, t.peerPaths[p.name], "", "./"+p.name); err != nil {
			return nil, err
		}
		v, err := targets.Output(peerDir, "go", "list", "-m", "-f", "{{.Version}}", p.module)
		if err != nil {
			return nil, err
		}
		peers[i].version = strings.TrimSpace(string(v))
	}
	return t, nil
}

// writeOverlay writes a go build -overlay file that replaces the root
// package's txvet.go with src.
func writeOverlay(repo, work, name, src string) (string, error) {
	replacement := filepath.Join(work, name+".txvet.go")
	if err := os.WriteFile(replacement, []byte(src), 0o644); err != nil {
		return "", err
	}
	abs, err := filepath.Abs(filepath.Join(repo, "txvet.go"))
	if err != nil {
		return "", err
	}
	data, err := json.Marshal(map[string]map[string]string{"Replace": {abs: replacement}})
	if err != nil {
		return "", err
	}
	overlay := filepath.Join(work, name+".overlay.json")
	return overlay, os.WriteFile(overlay, data, 0o644)
}

func gobuild(dir, out, overlay, pkg string) error {
	args := []string{"build", "-o", out}
	if overlay != "" {
		args = append(args, "-overlay", overlay)
	}
	cmd := exec.Command("go", append(args, pkg)...)
	cmd.Dir = dir
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build %s: %v\n%s", pkg, err, b)
	}
	return nil
}
