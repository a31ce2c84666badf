// Command bench measures txvet against its floors and its peers, and
// prints every figure as a ratio, in one run:
//
//	go run ./bench            # std, the real modules, corpus 1x/10x/100x
//	go run ./bench -short     # the real modules and corpus 1x/10x, one run each
//
// Floors: the txvet command built with a do-nothing analyzer (the same
// loading, so the cost of type-checking alone; with -prefilter, the cost
// of listing and type-checking only what may hold database code), the
// same with a fact type, and the x/tools checker with a fact-declaring
// no-op, which loads every dependency from source (docs/performance.md).
// Peers: sqlclosecheck and rowserrcheck at pinned versions, installed from
// the module proxy into the work directory. Each figure is the median of
// -runs interleaved runs, after one warm-up run that fills the build cache.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/txvet/txvet/bench/internal/targets"
)

func main() { os.Exit(benchMain()) }

func benchMain() int {
	short := flag.Bool("short", false, "quick form: real modules and corpus 1x/10x, one run each, no std")
	runs := flag.Int("runs", 3, "measured runs per command (median is reported)")
	withStd := flag.Bool("std", true, "include the standard library (slow: about a minute per run of each tool)")
	scalesFlag := flag.String("scales", "1,10,100", "generated corpus sizes")
	vet := flag.Bool("vet", true, "also measure the go vet -vettool route (txvet vs no-op)")
	work := flag.String("work", "", "work directory (default: a temporary one, removed at the end)")
	flag.Parse()
	if *short {
		*runs, *withStd, *scalesFlag = 1, false, "1,10"
	}
	scales, err := parseScales(*scalesFlag)
	if err != nil {
		fatal(err)
	}
	repo, err := os.Getwd()
	if err != nil {
		fatal(err)
	}
	if _, err := os.Stat(filepath.Join(repo, "bench", "realmods", "go.mod")); err != nil {
		fatal(fmt.Errorf("run from the repository root: %v", err))
	}
	if *work == "" {
		dir, err := os.MkdirTemp("", "txvet-bench-")
		if err != nil {
			fatal(err)
		}
		cleanup = func() { os.RemoveAll(dir) }
		defer cleanup()
		*work = dir
	}

	progress("building txvet, the floors and the peers")
	t, err := buildTools(repo, *work)
	if err != nil {
		fatal(err)
	}
	var tgs []targets.Target
	if *withStd {
		tgs = append(tgs, must(targets.Std(repo)))
	}
	tgs = append(tgs, must(targets.Realmods(repo)))
	for _, s := range scales {
		progress("generating corpus %dx", s)
		tgs = append(tgs, must(targets.Corpus(*work, s)))
	}

	rep := &report{date: time.Now().UTC(), runs: *runs}
	for _, tg := range tgs {
		rep.results = append(rep.results, measureTarget(t, tg, *runs, *vet))
	}
	rep.print(os.Stdout)
	if rep.crashes > 0 {
		return 1
	}
	return 0
}

// The commands measured on each target, by label.
const (
	lTxvet       = "txvet"
	lNoop        = "noop (same loading)"
	lTxvetPF     = "txvet -prefilter"
	lNoopPF      = "noop -prefilter"
	lNoopFact    = "noop+fact (same loading)"
	lChecker     = "noop+fact (x/tools checker)"
	lVetTxvet    = "go vet -vettool=txvet"
	lVetNoop     = "go vet -vettool=noop"
	lVetNoopFact = "go vet -vettool=noop+fact"
)

type targetResult struct {
	targets.Target
	stats   map[string]stats
	order   []string
	crashes []string
}

func measureTarget(t *tools, tg targets.Target, runs int, vet bool) targetResult {
	cmds := map[string]command{
		lTxvet:    {dir: tg.Dir, argv: append([]string{t.txvet}, tg.Patterns...)},
		lNoop:     {dir: tg.Dir, argv: append([]string{t.noop}, tg.Patterns...)},
		lNoopFact: {dir: tg.Dir, argv: append([]string{t.noopFact}, tg.Patterns...)},
		lChecker:  {dir: tg.Dir, argv: append([]string{t.checker}, tg.Patterns...)},
		lTxvetPF:  {dir: tg.Dir, argv: append([]string{t.txvet, "-prefilter"}, tg.Patterns...)},
		lNoopPF:   {dir: tg.Dir, argv: append([]string{t.noop, "-prefilter"}, tg.Patterns...)},
	}
	order := []string{lTxvet, lNoop, lTxvetPF, lNoopPF, lNoopFact, lChecker}
	for _, p := range peers {
		cmds[p.name] = command{dir: tg.Dir, argv: append([]string{t.peerPaths[p.name]}, tg.Patterns...)}
		order = append(order, p.name)
	}
	if vet {
		cmds[lVetTxvet] = command{dir: tg.Dir, argv: tg.Patterns, vettool: t.txvet}
		cmds[lVetNoop] = command{dir: tg.Dir, argv: tg.Patterns, vettool: t.noop}
		cmds[lVetNoopFact] = command{dir: tg.Dir, argv: tg.Patterns, vettool: t.noopFact}
		order = append(order, lVetTxvet, lVetNoop, lVetNoopFact)
	}
	res := targetResult{Target: tg, stats: map[string]stats{}, order: order}

	// Warm-up: the build cache's export data, which every tool reads.
	progress("%s (%d packages): warm-up", tg.Name, tg.NPkgs)
	_, _, _ = run(cmds[lNoop]) // a failure shows in the measured runs
	samples := map[string][]sample{}
	for r := range runs {
		for i := range order {
			l := order[(i+r)%len(order)] // rotate, so no command always runs first
			progress("%s: run %d/%d: %s", tg.Name, r+1, runs, l)
			s, out, err := run(cmds[l])
			if err != nil {
				fatal(fmt.Errorf("%s on %s: %v\n%s", l, tg.Name, err, shortOutput(out)))
			}
			if c := crashed(out); c != "" {
				res.crashes = append(res.crashes, fmt.Sprintf("%s on %s: %s", l, tg.Name, c))
			}
			samples[l] = append(samples[l], s)
		}
	}
	for l, ss := range samples {
		res.stats[l] = median(ss)
	}
	return res
}

type report struct {
	date    time.Time
	runs    int
	results []targetResult
	crashes int
}

func (r *report) print(w io.Writer) {
	fmt.Fprintf(w, "\ntxvet benchmark, %s, %s/%s, %d CPUs, %s, median of %d run(s)\n",
		r.date.Format("2006-01-02 15:04 MST"), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version(), r.runs)
	fmt.Fprintf(w, "peers:")
	for _, p := range peers {
		fmt.Fprintf(w, " %s@%s", p.name, p.version)
	}
	fmt.Fprintln(w)

	fmt.Fprintf(w, "\n## Every command, per target (wall, CPU user+sys, peak RSS of the largest process)\n")
	for _, res := range r.results {
		fmt.Fprintf(w, "\n%s: %d packages%s\n", res.Name, res.NPkgs, linesNote(res.Lines))
		for _, l := range res.order {
			if s, ok := res.stats[l]; ok {
				fmt.Fprintf(w, "  %-30s %s  exit %d\n", l, s, s.exit)
			}
		}
	}

	fmt.Fprintf(w, "\n## txvet / type-checking floor (no-op analyzer, same loading). Targets: wall <= 1.05x, memory <= 1.10x\n")
	for _, res := range r.results {
		row(w, res, lTxvet, lNoop)
	}
	fmt.Fprintf(w, "\n## the same with -prefilter (both skip the packages that cannot hold a database handle)\n")
	for _, res := range r.results {
		row(w, res, lTxvetPF, lNoopPF)
	}
	fmt.Fprintf(w, "\n## txvet -prefilter / the type-checking floor without it: the whole run saved by the prefilter (below 1 is time saved)\n")
	for _, res := range r.results {
		pf, np := res.stats[lTxvetPF], res.stats[lNoop]
		fmt.Fprintf(w, "%-12s wall %s  cpu %s  memory %s\n", res.Name, ratio(pf.wall.Seconds(), np.wall.Seconds()),
			ratio(pf.cpu.Seconds(), np.cpu.Seconds()), ratio(float64(pf.rssKiB), float64(np.rssKiB)))
	}
	fmt.Fprintf(w, "\n## the same through go vet -vettool, vet cache cold (every package and dependency analyzed; builds cached)\n")
	for _, res := range r.results {
		row(w, res, lVetTxvet, lVetNoop)
	}
	fmt.Fprintf(w, "\n## go vet, txvet / no-op declaring a fact type (both analyze every dependency for facts)\n")
	for _, res := range r.results {
		row(w, res, lVetTxvet, lVetNoopFact)
	}

	fmt.Fprintf(w, "\n## txvet / all-from-source floors (no-op declaring a fact type): below 1 is time saved\n")
	fmt.Fprintf(w, "%-12s %-26s %-26s\n", "target", "vs same loading + fact", "vs x/tools checker + fact")
	for _, res := range r.results {
		tx := res.stats[lTxvet]
		nf, ck := res.stats[lNoopFact], res.stats[lChecker]
		fmt.Fprintf(w, "%-12s wall %s mem %s     wall %s mem %s\n", res.Name,
			ratio(tx.wall.Seconds(), nf.wall.Seconds()), ratio(float64(tx.rssKiB), float64(nf.rssKiB)),
			ratio(tx.wall.Seconds(), ck.wall.Seconds()), ratio(float64(tx.rssKiB), float64(ck.rssKiB)))
	}

	fmt.Fprintf(w, "\n## peers / txvet (how many times faster txvet is). Target: >= 5x vs sqlclosecheck\n")
	fmt.Fprintf(w, "(ceiling: the peer / the no-op floor, what an analyzer that costs nothing would reach)\n")
	for _, res := range r.results {
		tx, np := res.stats[lTxvet], res.stats[lNoop]
		for _, p := range peers {
			ps := res.stats[p.name]
			got := ps.wall.Seconds() / tx.wall.Seconds()
			mark := ""
			if p.name == "sqlclosecheck" {
				mark = verdict(got, 5, false)
			}
			fmt.Fprintf(w, "%-12s %-14s wall %s %-6s cpu %s  memory %s  ceiling wall %s\n", res.Name, p.name,
				ratio(ps.wall.Seconds(), tx.wall.Seconds()), mark, ratio(ps.cpu.Seconds(), tx.cpu.Seconds()),
				ratio(float64(ps.rssKiB), float64(tx.rssKiB)), ratio(ps.wall.Seconds(), np.wall.Seconds()))
		}
		if pf, ok := res.stats[lTxvetPF]; ok {
			ps := res.stats["sqlclosecheck"]
			got := ps.wall.Seconds() / pf.wall.Seconds()
			fmt.Fprintf(w, "%-12s %-14s wall %s %-6s (txvet -prefilter)\n", res.Name, "sqlclosecheck",
				ratio(ps.wall.Seconds(), pf.wall.Seconds()), verdict(got, 5, false))
		}
	}

	fmt.Fprintf(w, "\n## growth on the generated corpus (txvet; the excess is txvet minus the no-op floor)\n")
	fmt.Fprintf(w, "%-12s %8s %6s %9s %9s %10s %14s %12s\n", "target", "lines", "pkgs", "wall", "memory", "ms/kLOC", "excess ms/kLOC", "vs no-op")
	for _, res := range r.results {
		if res.Lines == 0 {
			continue
		}
		tx, np := res.stats[lTxvet], res.stats[lNoop]
		kloc := float64(res.Lines) / 1000
		fmt.Fprintf(w, "%-12s %8d %6d %8.2fs %9s %10.1f %14.1f %12s\n", res.Name, res.Lines, res.NPkgs,
			tx.wall.Seconds(), mib(tx.rssKiB), tx.wall.Seconds()*1000/kloc,
			(tx.wall-np.wall).Seconds()*1000/kloc, ratio(tx.wall.Seconds(), np.wall.Seconds()))
	}

	fmt.Fprintf(w, "\n## crashes and analyzer failures\n")
	for _, res := range r.results {
		for _, c := range res.crashes {
			r.crashes++
			fmt.Fprintf(w, "%s\n", c)
		}
	}
	fmt.Fprintf(w, "%d\n", r.crashes)
}

// row prints tool a against floor b on one target.
func row(w io.Writer, res targetResult, a, b string) {
	sa, okA := res.stats[a]
	sb, okB := res.stats[b]
	if !okA || !okB {
		return
	}
	wr := sa.wall.Seconds() / sb.wall.Seconds()
	mr := float64(sa.rssKiB) / float64(sb.rssKiB)
	fmt.Fprintf(w, "%-12s wall %s %-6s  cpu %s  memory %s %s\n", res.Name,
		ratio(sa.wall.Seconds(), sb.wall.Seconds()), verdict(wr, 1.05, true),
		ratio(sa.cpu.Seconds(), sb.cpu.Seconds()),
		ratio(float64(sa.rssKiB), float64(sb.rssKiB)), verdict(mr, 1.10, true))
}

func linesNote(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(", %d lines", n)
}

func parseScales(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 {
			return nil, fmt.Errorf("bad -scales entry %q", f)
		}
		out = append(out, n)
	}
	return out, nil
}

func must(t targets.Target, err error) targets.Target {
	if err != nil {
		fatal(err)
	}
	return t
}

func progress(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...)
}

// cleanup removes the temporary work directory, also on a fatal error.
var cleanup = func() {}

func fatal(err error) {
	cleanup()
	fmt.Fprintln(os.Stderr, "bench:", err)
	os.Exit(2)
}
