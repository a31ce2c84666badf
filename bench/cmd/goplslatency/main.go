// Command goplslatency measures what txvet's analyzers add to the latency
// of gopls's diagnostics, against what gopls's own analyzers cost, on the
// gopls that scripts/gopls.sh builds.
//
//	go run ./bench/cmd/goplslatency -gopls $(scripts/gopls.sh | tail -n 1) DIR/FILE.go...
//
// Each file is diagnosed the way an editor has it diagnosed, in three
// settings of one gopls binary:
//
//	all     the defaults: gopls's analyzers and txvet's
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
// The settings take turns within each of -rounds rounds, so that a change
// in the machine's load falls on all three; the medians are printed, and
// from them txvet's share (all - gopls) against gopls's own analyzers
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
	return []setting{
		{"all", nil},
		{"gopls", map[string]any{"analyses": withoutTxvet}},
		{"none", map[string]any{"analyses": none}},
	}, nil
}

func measure(file string, settings []setting) error {
	file, err := filepath.Abs(file)
	if err != nil {
		return err
	}
	src, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	// Per setting: the durations of the opens, of the edits and the CPU
	// time of the sessions.
	open := make(map[string][]time.Duration)
	edit := make(map[string][]time.Duration)
	cpu := make(map[string][]time.Duration)
	counts := make(map[string]int)
	for round := range *roundsFlag {
		for _, s := range settings {
			r, err := session(file, src, s, round)
			if err != nil {
				return fmt.Errorf("%s, %s: %v", file, s.name, err)
			}
			open[s.name] = append(open[s.name], r.open)
			edit[s.name] = append(edit[s.name], r.edits...)
			cpu[s.name] = append(cpu[s.name], r.cpu)
			counts[s.name] = r.diagnostics
			log.Printf("%s round %d %-5s open %6.0f ms  edits %v ms  cpu %.1f s", filepath.Base(file), round+1, s.name, ms(r.open), msAll(r.edits), r.cpu.Seconds())
		}
	}

	fmt.Printf("\n%s (%d rounds, %d edits each; medians)\n", file, *roundsFlag, *editsFlag)
	fmt.Printf("%-6s %10s %10s %14s %12s\n", "", "open ms", "edit ms", "session cpu s", "diagnostics")
	for _, s := range settings {
		fmt.Printf("%-6s %10.0f %10.0f %14.1f %12d\n", s.name, ms(median(open[s.name])), ms(median(edit[s.name])), median(cpu[s.name]).Seconds(), counts[s.name])
	}
	for _, m := range []struct {
		name string
		d    map[string][]time.Duration
	}{{"open", open}, {"edit", edit}, {"session cpu", cpu}} {
		all, own, base := median(m.d["all"]), median(m.d["gopls"]), median(m.d["none"])
		fmt.Printf("%s: txvet's analyzers add %.0f ms (%+.0f%%); gopls's own analyzers take %.0f ms; txvet/gopls = %.2f\n",
			m.name, ms(all-own), 100*float64(all-own)/float64(own), ms(own-base), float64(all-own)/float64(own-base))
	}
	return nil
}

type result struct {
	open        time.Duration
	edits       []time.Duration
	cpu         time.Duration // of the whole session
	diagnostics int           // on the file, once opened
}

// session starts a gopls with an empty analysis cache, opens and
// diagnoses the file, then edits and diagnoses it *editsFlag times.
func session(file string, src []byte, s setting, round int) (result, error) {
	var r result
	cache, err := os.MkdirTemp("", "goplslatency-")
	if err != nil {
		return r, err
	}
	defer os.RemoveAll(cache)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
	defer cancel()
	c, err := lspclient.Start(ctx, filepath.Dir(file), []string{"GOPLSCACHE=" + cache}, s.options, *goplsFlag, "serve")
	if err != nil {
		return r, err
	}
	defer c.Close()

	start := time.Now()
	if err := c.Open(file); err != nil {
		return r, err
	}
	if err := c.Diagnose(ctx, file); err != nil {
		return r, err
	}
	r.open = time.Since(start)
	r.diagnostics = len(c.Diagnostics(file))

	text := bytes.Clone(src)
	for i := range *editsFlag {
		text = fmt.Appendf(text, "\n// edit %d of round %d\n", i, round)
		start := time.Now()
		if err := c.Change(file, string(text), i+2); err != nil {
			return r, err
		}
		if err := c.Diagnose(ctx, file); err != nil {
			return r, err
		}
		r.edits = append(r.edits, time.Since(start))
	}
	err = c.Close()
	r.cpu = c.CPU()
	return r, err
}

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func msAll(ds []time.Duration) []int {
	var out []int
	for _, d := range ds {
		out = append(out, int(ms(d)))
	}
	return out
}
