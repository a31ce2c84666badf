// Command apps is the standing scan of real database applications
// (scripts/apps.sh). For each application pinned in scripts/apps.txt it
// runs txvet, built from this checkout, on the whole module (./... with
// its tests), standalone and under go vet -vettool, and prints one row per
// application: its packages, those that could not be loaded and why (the
// application's fault or txvet's), panics, analyzer errors and findings.
// Run it from the repository root:
//
//	go run ./bench/cmd/apps -dir /work/ext/src             # every application
//	go run ./bench/cmd/apps -dir DIR -only gotify/server   # some of them
//
// DIR/<name> (name: the repository's last element) is used as the
// application's source tree when it exists, a snapshot or a clone at the
// pinned commit; otherwise the application is cloned there from GitHub and
// checked out at the pinned commit. Nothing is written to the repository.
//
// A package the go command itself cannot build (a module the proxy does
// not serve, a generated file that is not committed, a test that does not
// compile) is the application's fault; one that the go command builds but
// txvet leaves unanalysed is txvet's. It exits 1 when any application
// shows a panic, an analyzer error or a package left unanalysed by
// txvet's fault.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/txvet/txvet/bench/internal/targets"
)

func main() {
	list := flag.String("list", "scripts/apps.txt", "the pinned applications, one `file` line each")
	dir := flag.String("dir", filepath.Join(os.TempDir(), "txvet-apps"), "where the applications' source trees are, or are cloned to (`dir`)")
	only := flag.String("only", "", "scan only these applications (comma-separated repository names)")
	out := flag.String("o", "", "also write the table and the details as Markdown to this `file`")
	findings := flag.String("findings", "", "write every finding as a Markdown table to this `file`")
	timeout := flag.Duration("timeout", 40*time.Minute, "give up a route on one application after this long")
	flag.Parse()

	apps, err := readList(*list)
	check(err)
	if *only != "" {
		keep := strings.Split(*only, ",")
		apps = slices.DeleteFunc(apps, func(a app) bool { return !slices.Contains(keep, a.repo) })
	}
	repo, err := os.Getwd()
	check(err)
	work, err := os.MkdirTemp("", "txvet-apps-")
	check(err)
	bin, err := targets.BuildTxvet(repo, work)
	if err != nil {
		os.RemoveAll(work)
		check(err)
	}
	check(os.MkdirAll(*dir, 0o755))

	var results []*scan
	fmt.Println(tableHeader)
	// The files are rewritten after each application, so that a scan
	// stopped half-way keeps what it found.
	for _, a := range apps {
		s := scanApp(a, *dir, bin, *timeout)
		results = append(results, s)
		fmt.Println(s.row())
		if *out != "" {
			check(writeTable(*out, results))
		}
		if *findings != "" {
			check(writeFindings(*findings, results))
		}
	}
	os.RemoveAll(work)
	fmt.Print("\n", details(results))
	bad := 0
	for _, s := range results {
		if s.failed() {
			bad++
		}
	}
	if bad > 0 {
		fmt.Printf("FAIL: %d of %d applications show a panic, an analyzer error or packages txvet left unanalysed\n", bad, len(results))
		os.Exit(1)
	}
	fmt.Printf("ok: %d applications, no panic, no analyzer error, no package left unanalysed by txvet\n", len(results))
}

// An app is one line of the list: "owner/name commit [subdir] [GOFLAGS=...]".
type app struct {
	repo, commit, subdir, goflags string
}

func (a app) name() string { return filepath.Base(a.repo) }

func readList(file string) ([]app, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var apps []app
	for i, line := range strings.Split(string(data), "\n") {
		line, _, _ = strings.Cut(line, "#")
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if len(f) < 2 || len(f[1]) != 40 {
			return nil, fmt.Errorf("%s:%d: want \"owner/name commit [subdir] [GOFLAGS=...]\"", file, i+1)
		}
		a := app{repo: f[0], commit: f[1], subdir: "."}
		for _, x := range f[2:] {
			if v, ok := strings.CutPrefix(x, "GOFLAGS="); ok {
				a.goflags = strings.ReplaceAll(v, ",", " ")
			} else {
				a.subdir = x
			}
		}
		apps = append(apps, a)
	}
	return apps, nil
}

// A scan is what both routes found on one application.
type scan struct {
	app
	dirRoot  string // the -dir the source trees are in
	source   string // "snapshot", "clone"
	fatal    string // why the application could not be scanned at all
	pkgs     map[string]*pkg
	findings []targets.Finding // standalone
	vetFinds int
	vetted   int      // packages go vet printed a JSON tree for (test variants count apart)
	panics   []string // "route: package: first line"
	failures []string // analyzer errors, "route: package: analyzer: error"
	stray    []string // standalone errors attributed to no package
	notes    []string // what txvet said it could not do, without failing
	took     [2]time.Duration
}

// A pkg is one package of the application (its test variants folded in).
type pkg struct {
	path, dir string
	deps      []string // of every variant, test variants' suffixes removed
	listErr   string   // an error go list reports for it or its dependencies
	vetErrs   []string // errors go vet -vettool printed for it
	soloErrs  []string // errors the standalone driver printed in its directory
}

// Verdicts of a package.
const (
	analysed = "analysed"
	appFault = "application"
	ourFault = "txvet"
)

// verdict says whether the package was analysed and, if not, whose fault
// that is and why.
func (s *scan) verdict(p *pkg) (string, string) {
	if p.listErr != "" {
		return appFault, reason(p.listErr)
	}
	if len(p.vetErrs) > 0 {
		if onlyTestFiles(p.vetErrs) {
			// The go command cannot vet the package without its
			// tests; the standalone driver analyses it without them
			// (a fixture test of cmd/txvet pins that).
			return appFault, "its tests do not compile (standalone txvet analyses the package without them, go vet cannot): " + firstLine(p.vetErrs[0])
		}
		return appFault, reason(p.vetErrs[0])
	}
	for _, d := range p.deps {
		if q := s.pkgs[d]; q != nil && q != p && (q.listErr != "" || len(q.vetErrs) > 0) {
			return appFault, "imports " + d + ", which does not build"
		}
	}
	if s.fatal != "" {
		return ourFault, s.fatal
	}
	if len(p.soloErrs) > 0 {
		return ourFault, "the go command builds it, txvet reports: " + firstLine(p.soloErrs[0])
	}
	return analysed, ""
}

func (s *scan) counts() (total, app, ours int, why map[string]int) {
	why = map[string]int{}
	for _, p := range s.pkgs {
		total++
		v, r := s.verdict(p)
		switch v {
		case appFault:
			app++
			why[shortReason(r)]++
		case ourFault:
			ours++
		}
	}
	return total, app, ours, why
}

func (s *scan) failed() bool {
	_, _, ours, _ := s.counts()
	return ours > 0 || len(s.panics) > 0 || len(s.failures) > 0 || len(s.stray) > 0
}

const tableHeader = "| application | commit | packages | not loaded: the application's fault | not analysed: txvet's fault | panics | analyzer errors | findings (standalone / go vet) | time (standalone / go vet) |\n|---|---|---|---|---|---|---|---|---|"

func (s *scan) row() string {
	name := s.repo
	if s.subdir != "." {
		name += ", " + s.subdir + "/"
	}
	if s.goflags != "" {
		name += " (GOFLAGS=" + s.goflags + ")"
	}
	if s.pkgs == nil {
		return fmt.Sprintf("| %s | %.10s | - | %s | - | - | - | - | - |", name, s.commit, s.fatal)
	}
	total, app, ours, why := s.counts()
	var reasons []string
	for _, r := range slices.Sorted(maps.Keys(why)) {
		reasons = append(reasons, fmt.Sprintf("%d %s", why[r], r))
	}
	appCell := fmt.Sprint(app)
	if app > 0 {
		appCell += " (" + strings.Join(reasons, "; ") + ")"
	}
	oursCell := fmt.Sprint(ours)
	if len(s.stray) > 0 {
		oursCell += fmt.Sprintf(" (+%d unattributed errors)", len(s.stray))
	}
	return fmt.Sprintf("| %s | %.10s | %d | %s | %s | %d | %d | %d / %d | %s / %s |", name, s.commit, total,
		appCell, oursCell, len(s.panics), len(s.failures), len(s.findings), s.vetFinds,
		s.took[0].Round(time.Second), s.took[1].Round(time.Second))
}

func (s *scan) writeDetails(b *strings.Builder) {
	fmt.Fprintf(b, "### %s at %s (%s)\n\n", s.repo, s.commit, s.source)
	if s.fatal != "" {
		fmt.Fprintf(b, "- not scanned whole: %s\n", s.fatal)
	}
	fmt.Fprintf(b, "- go vet printed a result for %d package variants\n", s.vetted)
	for _, path := range slices.Sorted(maps.Keys(s.pkgs)) {
		if v, r := s.verdict(s.pkgs[path]); v != analysed {
			fmt.Fprintf(b, "- %s's fault: `%s`: %s\n", v, path, r)
		}
	}
	for _, x := range s.panics {
		fmt.Fprintf(b, "- PANIC %s\n", x)
	}
	for _, x := range s.failures {
		fmt.Fprintf(b, "- ANALYZER ERROR %s\n", x)
	}
	for _, x := range s.notes {
		fmt.Fprintf(b, "- note: %s\n", x)
	}
	for _, x := range s.stray {
		fmt.Fprintf(b, "- unattributed standalone error: %s\n", x)
	}
	root := s.root()
	for _, f := range s.findings {
		fmt.Fprintf(b, "- finding `%s`: %s / %s: %s\n", relPosn(root, f.Posn), f.Analyzer, f.Category, f.Message)
	}
	b.WriteString("\n")
}

func (s *scan) root() string { return filepath.Join(s.dirRoot, s.name()) }

// scanApp runs both routes on one application.
func scanApp(a app, dir, bin string, timeout time.Duration) *scan {
	s := &scan{app: a, dirRoot: dir}
	src := s.root()
	var err error
	if s.source, err = checkout(src, a); err != nil {
		s.fatal = err.Error()
		return s
	}
	mod := filepath.Join(src, a.subdir)
	os.Setenv("GOFLAGS", strings.TrimSpace(baseGoflags+" "+a.goflags))
	for range 3 { // a stub can uncover another embed in the same file
		if s.pkgs, err = listPackages(mod); err != nil {
			s.fatal = "go list: " + firstLine(err.Error())
			s.pkgs = nil
			return s
		}
		stubs := stubEmbeds(mod, s.pkgs)
		if len(stubs) == 0 {
			break
		}
		s.notes = append(s.notes, "embedded files not in the tree, written as placeholders: "+strings.Join(stubs, ", "))
	}

	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	solo, stderr, err := standalone(ctx, bin, mod)
	cancel()
	s.took[0] = time.Since(start)
	switch {
	case err != nil:
		s.fatal = "standalone: " + err.Error()
	default:
		s.findings = solo.Findings
		for _, f := range solo.Failures {
			s.failures = append(s.failures, "standalone: "+f)
		}
		if c := targets.CrashIn(stderr); c != "" {
			s.panics = append(s.panics, "standalone: "+firstLine(c))
			s.fatal = "the standalone run crashed"
		} else if solo.Exit != 0 && solo.Exit != 3 {
			s.fatal = fmt.Sprintf("standalone exit status %d", solo.Exit)
		}
		s.attributeStandalone(mod, stderr)
	}

	start = time.Now()
	ctx, cancel = context.WithTimeout(context.Background(), timeout)
	err = s.vet(ctx, bin, mod)
	cancel()
	s.took[1] = time.Since(start)
	if err != nil {
		s.fatal = strings.TrimPrefix(s.fatal+"; ", "; ") + "go vet: " + err.Error()
	}
	return s
}

// baseGoflags is the GOFLAGS the scan was started with.
var baseGoflags = os.Getenv("GOFLAGS")

// checkout makes sure src holds the application at its commit.
func checkout(src string, a app) (string, error) {
	if _, err := os.Stat(src); err == nil {
		if head, err := targets.Output(src, "git", "rev-parse", "HEAD"); err == nil {
			if h := strings.TrimSpace(string(head)); h != a.commit {
				return "", fmt.Errorf("%s is a clone at %s, not at the pinned %s", src, h, a.commit)
			}
			return "clone", nil
		}
		return "snapshot", nil // a source tree without its history
	}
	if _, err := targets.Output(filepath.Dir(src), "git", "clone", "--quiet", "--no-checkout", "https://github.com/"+a.repo, src); err != nil {
		return "", fmt.Errorf("git clone: %s", firstLine(err.Error()))
	}
	if _, err := targets.Output(src, "git", "checkout", "--quiet", a.commit); err != nil {
		return "", fmt.Errorf("git checkout: %s", firstLine(err.Error()))
	}
	return "clone", nil
}

// listPackages lists the packages of ./... with their tests, as go list
// sees them. EmbedFiles is asked for because go list resolves the embed
// patterns, and reports those that match nothing, only then.
func listPackages(mod string) (map[string]*pkg, error) {
	out, err := targets.Output(mod, "go", "list", "-e", "-test", "-json=ImportPath,Dir,ForTest,Error,DepsErrors,Deps,EmbedFiles", "./...")
	if err != nil {
		return nil, err
	}
	pkgs := map[string]*pkg{}
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		var lp struct {
			ImportPath, Dir, ForTest string
			Error                    *listError
			DepsErrors               []listError
			Deps                     []string
		}
		if err := dec.Decode(&lp); err != nil {
			return nil, err
		}
		path := lp.ForTest
		if path == "" {
			path = strings.TrimSuffix(lp.ImportPath, ".test")
		}
		p := pkgs[path]
		if p == nil {
			p = &pkg{path: path}
			pkgs[path] = p
		}
		if lp.ForTest == "" && !strings.HasSuffix(lp.ImportPath, ".test") {
			p.dir = lp.Dir
		}
		for _, d := range lp.Deps {
			p.deps = append(p.deps, variantless(d))
		}
		if p.listErr == "" {
			if lp.Error != nil {
				p.listErr = lp.Error.String()
			} else if len(lp.DepsErrors) > 0 {
				p.listErr = lp.DepsErrors[0].String()
			}
		}
	}
	for _, p := range pkgs {
		slices.Sort(p.deps)
		p.deps = slices.Compact(p.deps)
	}
	return pkgs, nil
}

type listError struct{ Pos, Err string }

func (e listError) String() string {
	if e.Pos != "" && !strings.HasPrefix(e.Err, e.Pos) {
		return e.Pos + ": " + e.Err
	}
	return e.Err
}

var missingEmbed = regexp.MustCompile(`^(\S+\.go):\d+:\d+: pattern (\S+): no matching files found`)

// stubEmbeds writes a placeholder for each file that a //go:embed
// directive of the application names and its tree lacks: a frontend
// built by npm, a downloaded database, a file of 4 MiB or more that a
// snapshot leaves out. Without them the go command loads none of the
// packages that import the embedding one; with them the Go code loads
// as on a developer's machine after the build steps. It writes only
// under mod, and returns what it wrote.
func stubEmbeds(mod string, pkgs map[string]*pkg) []string {
	var wrote []string
	for _, p := range pkgs {
		m := missingEmbed.FindStringSubmatch(p.listErr)
		if m == nil {
			continue
		}
		file := m[1]
		if !filepath.IsAbs(file) {
			file = filepath.Join(mod, file)
		}
		pattern := strings.TrimPrefix(m[2], "all:")
		stub := filepath.Join(filepath.Dir(file), strings.NewReplacer("*", "stub", "?", "s", "[", "", "]", "").Replace(pattern))
		if filepath.Ext(stub) == "" {
			stub = filepath.Join(stub, "stub.txt") // a directory: it needs a file
		}
		if rel, err := filepath.Rel(mod, stub); err != nil || strings.HasPrefix(rel, "..") || slices.Contains(wrote, rel) {
			continue
		}
		if os.MkdirAll(filepath.Dir(stub), 0o755) == nil && os.WriteFile(stub, []byte("placeholder written by txvet's application scan\n"), 0o644) == nil {
			rel, _ := filepath.Rel(mod, stub)
			wrote = append(wrote, rel)
		}
	}
	slices.Sort(wrote)
	return wrote
}

// variantless removes the " [p.test]" of a dependency recompiled for a test.
func variantless(id string) string {
	path, _, _ := strings.Cut(id, " [")
	return path
}

// standalone runs txvet -json ./... in mod.
func standalone(ctx context.Context, bin, mod string) (*targets.Run, string, error) {
	cmd := exec.CommandContext(ctx, bin, "-json", "./...")
	cmd.Dir = mod
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	_ = cmd.Run() // the exit status says only whether there were findings: the JSON and stderr tell the rest
	if ctx.Err() != nil {
		return nil, "", fmt.Errorf("timed out")
	}
	r, err := targets.ParseJSON(stdout.Bytes())
	if err != nil {
		return nil, "", err
	}
	r.Stderr, r.Exit = stderr.String(), cmd.ProcessState.ExitCode()
	return r, r.Stderr, nil
}

var errorPos = regexp.MustCompile(`^(\S+\.go):\d+(:\d+)?: `)

// attributeStandalone gives each error the standalone driver printed to
// the packages of the directory it points into.
func (s *scan) attributeStandalone(mod, stderr string) {
	inCrash := false
	for _, line := range strings.Split(stderr, "\n") {
		switch {
		case line == "" || strings.HasPrefix(line, "\t") || strings.HasPrefix(line, " "):
			continue
		case targets.CrashIn(line) != "" || strings.HasPrefix(line, "goroutine "):
			inCrash = true
		case strings.HasPrefix(line, "txvet: could not load "):
			// The widened load (in-module imports, for facts) failed
			// where the first did not: the packages were analysed
			// without the helpers' facts.
			s.notes = append(s.notes, line)
		case strings.HasPrefix(line, "txvet: ") && strings.Contains(line, "matched no packages"):
			s.fatal = "txvet analysed nothing: " + line
		case strings.HasPrefix(line, "txvet: ") && strings.Contains(line, ": ") && !errorPos.MatchString(strings.TrimPrefix(line, "txvet: ")):
			// an analyzer error (in the JSON too) or a fatal error
			if !slices.ContainsFunc(s.failures, func(f string) bool { return strings.Contains(line, strings.TrimPrefix(f, "standalone: ")) }) && !strings.Contains(line, ": doublerelease: ") && !strings.Contains(line, ": sharedtx: ") {
				s.fatal = strings.TrimPrefix(line, "txvet: ")
			}
		case inCrash:
			continue
		default:
			ps := s.inDirOf(mod, line)
			switch {
			case len(ps) > 0 || s.isListError(line):
			case s.named(line) != nil:
				p := s.named(line)
				p.soloErrs = append(p.soloErrs, line)
			case errorPos.MatchString(line):
				// A dependency, outside the module or in a directory
				// it replaces a module with, that does not type-check
				// (it imports a module the proxy does not serve, say):
				// the packages of the module that import it carry that
				// as a list error or an error of their own.
				s.notes = append(s.notes, "error in a dependency: "+line)
			default:
				s.stray = append(s.stray, line)
			}
			for _, p := range ps {
				p.soloErrs = append(p.soloErrs, line)
			}
		}
	}
}

// inDirOf returns the packages of the directory an error points into.
func (s *scan) inDirOf(mod, line string) []*pkg {
	m := errorPos.FindStringSubmatch(strings.TrimPrefix(line, "vet: "))
	if m == nil {
		return nil
	}
	file := m[1]
	if !filepath.IsAbs(file) {
		file = filepath.Join(mod, file)
	}
	var ps []*pkg
	for _, p := range s.pkgs {
		if p.dir == filepath.Dir(file) {
			ps = append(ps, p)
		}
	}
	return ps
}

// named returns the package an error without a position names: "path:
// msg", or "... in DIR" (build constraints exclude all Go files).
func (s *scan) named(line string) *pkg {
	for _, p := range s.pkgs {
		if strings.HasPrefix(line, p.path+": ") || (p.dir != "" && strings.HasSuffix(line, " in "+p.dir)) {
			return p
		}
	}
	return nil
}

// isListError reports whether a line without a position repeats an error
// go list reported for some package.
func (s *scan) isListError(line string) bool {
	for _, p := range s.pkgs {
		if p.listErr != "" && (strings.Contains(p.listErr, line) || strings.Contains(line, firstLine(p.listErr))) {
			return true
		}
	}
	return false
}

// vet runs go vet -json -vettool=txvet ./... in mod and records, per
// package, its errors, panics, analyzer errors and findings.
//
// go vet stops before vetting anything when one package of ./... does not
// load (a missing module, an embed pattern that matches nothing), so it is
// given the packages that load, as go list found them.
func (s *scan) vet(ctx context.Context, bin, mod string) error {
	var loadable []string
	for _, p := range s.pkgs {
		if p.listErr == "" {
			loadable = append(loadable, p.path)
		}
	}
	if len(loadable) == 0 {
		return nil
	}
	slices.Sort(loadable)
	cmd := exec.CommandContext(ctx, "go", append([]string{"vet", "-json", "-vettool=" + bin}, loadable...)...)
	cmd.Dir = mod
	out, _ := cmd.CombinedOutput()
	if ctx.Err() != nil {
		return fmt.Errorf("timed out")
	}
	s.readVet(mod, out)
	return nil
}

// readVet attributes what go vet -json printed: "# pkg" headers, each
// package's JSON tree, build and type errors, crashes.
func (s *scan) readVet(mod string, out []byte) {
	current := ""
	var block []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<24)
	inCrash := false
	for sc.Scan() {
		line := sc.Text()
		switch {
		case block != nil:
			block = append(block, line)
			if line == "}" {
				s.vetJSON(strings.Join(block, "\n"))
				block = nil
			}
		case line == "{":
			block = []string{line}
		case strings.HasPrefix(line, "{") && json.Valid([]byte(line)):
			s.vetJSON(line) // "{}": a package without findings
		case strings.HasPrefix(line, "# "):
			current = strings.Trim(strings.Fields(strings.TrimPrefix(line, "# "))[0], "[]")
			inCrash = false
		case line == "" || strings.HasPrefix(line, "\t") || strings.HasPrefix(line, " "):
		case targets.CrashIn(line) != "":
			s.panics = append(s.panics, "go vet: "+current+": "+line)
			inCrash = true
		case inCrash || strings.HasPrefix(line, "goroutine "):
		default:
			if p := s.pkgs[current]; p != nil {
				p.vetErrs = append(p.vetErrs, line)
			} else if ps := s.inDirOf(mod, line); len(ps) > 0 {
				for _, p := range ps {
					p.vetErrs = append(p.vetErrs, line)
				}
			} else if p := s.named(line); p != nil {
				p.vetErrs = append(p.vetErrs, line)
			} else if !s.isListError(line) && !strings.HasPrefix(line, "go: downloading") {
				// an error in a dependency outside the module: the
				// packages that import it carry a list error, or
				// they do not build.
				s.stray = append(s.stray, "go vet: "+current+": "+line)
			}
		}
	}
}

// vetJSON records one package's JSON tree printed by go vet -json.
func (s *scan) vetJSON(text string) {
	s.vetted++
	r, err := targets.ParseJSON([]byte(text))
	if err != nil {
		s.stray = append(s.stray, "go vet: "+err.Error())
		return
	}
	s.vetFinds += len(r.Findings)
	for _, f := range r.Failures {
		s.failures = append(s.failures, "go vet: "+f)
	}
}

// reason names the cause of a load error in a few words, then the error.
func reason(msg string) string {
	return shortReason(msg) + ": " + firstLine(msg)
}

// shortReason classifies a load or build error.
func shortReason(msg string) string {
	switch {
	case strings.Contains(msg, "no matching files found") || strings.Contains(msg, "pattern "):
		return "an embedded file is missing (not committed, or built by another tool)"
	case strings.Contains(msg, "reading http") || strings.Contains(msg, "unknown revision") ||
		strings.Contains(msg, "410 Gone") || strings.Contains(msg, "404 Not Found") ||
		strings.Contains(msg, "invalid version") || strings.Contains(msg, "no matching versions") ||
		strings.Contains(msg, "verifying ") || strings.Contains(msg, "git ls-remote"):
		return "a module the proxy does not serve"
	case strings.Contains(msg, "no required module provides") || strings.Contains(msg, "missing go.sum entry") ||
		strings.Contains(msg, "updates to go.mod needed"):
		return "go.mod or go.sum incomplete"
	case strings.Contains(msg, "cgo") || strings.Contains(msg, "C source files"):
		return "cgo"
	case strings.Contains(msg, "_test.go:"):
		return "its tests do not compile"
	case strings.Contains(msg, "undefined: ") || strings.Contains(msg, "could not import") || strings.Contains(msg, "has no field or method"):
		return "does not compile (code not committed, generated or built elsewhere)"
	case strings.Contains(msg, "imports "):
		return "imports a package that does not build"
	}
	return "does not build"
}

func onlyTestFiles(errs []string) bool {
	for _, e := range errs {
		m := errorPos.FindStringSubmatch(e)
		if m == nil || !strings.HasSuffix(m[1], "_test.go") {
			return false
		}
	}
	return true
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

func relPosn(root, posn string) string {
	if r, err := filepath.Rel(root, posn); err == nil && !strings.HasPrefix(r, "..") {
		return r
	}
	return posn
}

func details(results []*scan) string {
	var b strings.Builder
	for _, s := range results {
		s.writeDetails(&b)
	}
	return b.String()
}

func writeTable(file string, results []*scan) error {
	var b strings.Builder
	b.WriteString(tableHeader + "\n")
	for _, s := range results {
		b.WriteString(s.row() + "\n")
	}
	b.WriteString("\n" + details(results))
	return os.WriteFile(file, []byte(b.String()), 0o644)
}

func writeFindings(file string, results []*scan) error {
	var b strings.Builder
	b.WriteString("| # | application | location | analyzer / category | fix | message |\n|---|---|---|---|---|---|\n")
	n := 0
	for _, s := range results {
		for _, f := range s.findings {
			n++
			fix := "no"
			if len(f.Fixes) > 0 {
				fix = "yes"
			}
			fmt.Fprintf(&b, "| %d | %s | `%s` | %s / %s | %s | %s |\n", n, s.repo, relPosn(s.root(), f.Posn),
				f.Analyzer, f.Category, fix, strings.ReplaceAll(f.Message, "|", `\|`))
		}
	}
	return os.WriteFile(file, []byte(b.String()), 0o644)
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "apps:", err)
		os.Exit(2)
	}
}
