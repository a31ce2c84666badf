// Command goplslatency measures what txvet's analyzers add to the latency
// of gopls's diagnostics, against what gopls's own analyzers cost, on the
// gopls that scripts/gopls.sh builds.
//
//	go run ./bench/cmd/goplslatency -gopls $(scripts/gopls.sh | tail -n 1) DIR/FILE.go...
//
// Each file is diagnosed the way an editor has it diagnosed, in three
// settings of one gopls binary:
//
//	all     the default analyzers: gopls's and txvet's
//	gopls   "analyses" turns txvet's analyzers off
//	none    "analyses" turns every analyzer off but vet's tiny assign
//	        (with none at all, gopls v0.23.0 panics: "root analysisNode
//	        has nil actions"): loading and type checking
//
// and two moments:
//
//	open    a fresh gopls with an empty analysis cache opens the file and
//	        diagnoses it: type checking and analysing the file's package
//	        and, for facts, every package it depends on
//	edit    the file is then changed (a comment appended) and diagnosed
//	        again, -edits times: what an editor waits for after a keystroke
//
// Each moment is measured as wall time (what the user waits) and, on
// Linux, as the CPU time the gopls process spent on it (from
// /proc/PID/stat; the go list that gopls runs when it loads is a child
// and not counted), which a busy machine disturbs much less. The settings
// take turns within each of -rounds rounds, so that a change in the
// machine's load falls on all three; the medians are printed, and from
// them txvet's share (all - gopls) against gopls's own analyzers
// (gopls - none).
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/txvet/txvet"
	"github.com/txvet/txvet/internal/lspclient"
)

var (
	goplsFlag  = flag.String("gopls", "", "the gopls binary built by scripts/gopls.sh (required)")
	roundsFlag = flag.Int("rounds", 3, "rounds; each runs every setting once")
	editsFlag  = flag.Int("edits", 3, "edits diagnosed after the file is opened, per round")
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("goplslatency: ")
	flag.Parse()
	if *goplsFlag == "" || flag.NArg() == 0 {
		log.Fatal("usage: goplslatency -gopls BIN FILE.go...")
	}
	settings, err := settingsOf(*goplsFlag)
	if err != nil {
		log.Fatal(err)
	}
	for _, file := range flag.Args() {
		if err := measure(file, settings); err != nil {
			log.Fatal(err)
		}
	}
}

// keptAnalyzer stays on in the setting "none": gopls cannot diagnose
// with no analyzer at all.
const keptAnalyzer = "assign"

// setting is one configuration of gopls, as initialization options.
type setting struct {
	name    string
	options map[string]any
}

// settingsOf returns the three settings; "none" names every analyzer
// that `gopls api-json` lists (the gopls release's own: the list is
// generated with gopls, so it lacks txvet's), and txvet's, but one.
func settingsOf(gopls string) ([]setting, error) {
	out, err := exec.Command(gopls, "api-json").Output()
	if err != nil {
		return nil, fmt.Errorf("gopls api-json: %v", err)
	}
	var api struct{ Analyzers []struct{ Name string } }
	if err := json.Unmarshal(out, &api); err != nil {
		return nil, fmt.Errorf("gopls api-json: %v", err)
	}
	none := make(map[string]bool)
	for _, a := range api.Analyzers {
		none[a.Name] = false
	}
	withoutTxvet := make(map[string]bool)
	for _, a := range txvet.Analyzers() {
		none[a.Name] = false
		withoutTxvet[a.Name] = false
	}
	delete(none, keptAnalyzer)
	// In every setting, gopls does not index the module cache for
	// unimported completions: that scan runs in the background, costs the
	// same everywhere, and on a large module cache falls into the samples.
	return []setting{
		{"all", map[string]any{"importsSource": "off"}},
		{"gopls", map[string]any{"importsSource": "off", "analyses": withoutTxvet}},
		{"none", map[string]any{"importsSource": "off", "analyses": none}},
	}, nil
}

// A sample is one diagnosis: its wall time and the server's CPU time.
type sample struct{ wall, cpu time.Duration }

func measure(file string, settings []setting) error {
	file, err := filepath.Abs(file)
	if err != nil {
		return err
	}
	src, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	open := make(map[string][]sample) // by setting
	edit := make(map[string][]sample)
	counts := make(map[string]int)
	for round := range *roundsFlag {
		for _, s := range settings {
			o, e, n, err := session(file, src, s, round)
			if err != nil {
				return fmt.Errorf("%s, %s: %v", file, s.name, err)
			}
			open[s.name] = append(open[s.name], o)
			edit[s.name] = append(edit[s.name], e...)
			counts[s.name] = n
			log.Printf("%s round %d %-5s open %s  edits %s", filepath.Base(file), round+1, s.name, o, samples(e))
		}
	}

	fmt.Printf("\n%s (%d rounds, %d edits each; medians, ms)\n", file, *roundsFlag, *editsFlag)
	fmt.Printf("%-6s %10s %10s %10s %10s %12s\n", "", "open wall", "open cpu", "edit wall", "edit cpu", "diagnostics")
	for _, s := range settings {
		fmt.Printf("%-6s %10.0f %10.0f %10.0f %10.0f %12d\n", s.name,
			ms(median(open[s.name], wall)), ms(median(open[s.name], cpu)),
			ms(median(edit[s.name], wall)), ms(median(edit[s.name], cpu)), counts[s.name])
	}
	for _, m := range []struct {
		name    string
		samples map[string][]sample
		of      func(sample) time.Duration
	}{
		{"open wall", open, wall}, {"open cpu", open, cpu},
		{"edit wall", edit, wall}, {"edit cpu", edit, cpu},
	} {
		all, own, base := median(m.samples["all"], m.of), median(m.samples["gopls"], m.of), median(m.samples["none"], m.of)
		if own == 0 {
			continue // no CPU times on this system
		}
		fmt.Printf("%-9s txvet's analyzers add %5.0f ms (%+4.0f%%); gopls's own analyzers take %5.0f ms; txvet/gopls = %.2f\n",
			m.name+":", ms(all-own), 100*float64(all-own)/float64(own), ms(own-base), float64(all-own)/float64(own-base))
	}
	return nil
}

func wall(s sample) time.Duration { return s.wall }
func cpu(s sample) time.Duration  { return s.cpu }

func (s sample) String() string { return fmt.Sprintf("%.0f/%.0f", ms(s.wall), ms(s.cpu)) }

func samples(ss []sample) string {
	var b strings.Builder
	for i, s := range ss {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s.String())
	}
	return b.String() + " (wall/cpu ms)"
}

// session starts a gopls with an empty analysis cache, opens and
// diagnoses the file, then edits and diagnoses it *editsFlag times. It
// returns the samples and the number of diagnostics on the opened file.
func session(file string, src []byte, s setting, round int) (open sample, edits []sample, n int, err error) {
	cache, err := os.MkdirTemp("", "goplslatency-")
	if err != nil {
		return open, nil, 0, err
	}
	defer os.RemoveAll(cache)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
	defer cancel()
	c, err := lspclient.Start(ctx, filepath.Dir(file), []string{"GOPLSCACHE=" + cache}, s.options, *goplsFlag, "serve")
	if err != nil {
		return open, nil, 0, err
	}
	defer c.Close()

	// diagnose times one diagnosis of the file after change.
	diagnose := func(change func() error) (sample, error) {
		cpu0 := processCPU(c.Pid())
		start := time.Now()
		if err := change(); err != nil {
			return sample{}, err
		}
		if err := c.Diagnose(ctx, file); err != nil {
			return sample{}, err
		}
		return sample{wall: time.Since(start), cpu: processCPU(c.Pid()) - cpu0}, nil
	}
	if open, err = diagnose(func() error { return c.Open(file) }); err != nil {
		return open, nil, 0, err
	}
	n = len(c.Diagnostics(file))

	text := bytes.Clone(src)
	for i := range *editsFlag {
		text = fmt.Appendf(text, "\n// edit %d of round %d\n", i, round)
		e, err := diagnose(func() error { return c.Change(file, string(text), i+2) })
		if err != nil {
			return open, nil, 0, err
		}
		edits = append(edits, e)
	}
	return open, edits, n, c.Close()
}

// processCPU returns the user and system CPU time of the process so far,
// or 0 where /proc does not tell.
func processCPU(pid int) time.Duration {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// The fields after the command name, which is in parentheses and may
	// hold spaces: state is the 3rd field of the line, utime the 14th,
	// stime the 15th, counted in clock ticks (100 a second on Linux).
	_, rest, ok := strings.Cut(string(data), ") ")
	fields := strings.Fields(rest)
	if !ok || len(fields) < 13 {
		return 0
	}
	utime, err1 := strconv.ParseInt(fields[11], 10, 64)
	stime, err2 := strconv.ParseInt(fields[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0
	}
	return time.Duration(utime+stime) * (time.Second / 100)
}

func median(ss []sample, of func(sample) time.Duration) time.Duration {
	if len(ss) == 0 {
		return 0
	}
	ds := make([]time.Duration, len(ss))
	for i, s := range ss {
		ds[i] = of(s)
	}
	slices.Sort(ds)
	return ds[len(ds)/2]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
