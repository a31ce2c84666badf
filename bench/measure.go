package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"syscall"
	"time"
)

// A sample is one measured run of a command.
type sample struct {
	wall, cpu time.Duration
	rssKiB    int64 // peak resident set of the largest process in the tree
	exit      int
}

// A command is a tool invocation on a target.
type command struct {
	dir  string
	env  []string // added to the environment
	argv []string

	// vettool, if set, is run by go vet with -vettool=<a fresh copy>: the
	// go command caches vet results under the tool's content hash, so a
	// copy with a unique tail makes every package's analysis run again
	// (compilation stays cached).
	vettool string
}

var freshCopies int

// freshVettool copies tool next to itself with a unique tail and returns
// the copy's path.
func freshVettool(tool string) (string, error) {
	freshCopies++
	data, err := os.ReadFile(tool)
	if err != nil {
		return "", err
	}
	path := fmt.Sprintf("%s.fresh%d", tool, freshCopies)
	data = append(data, fmt.Sprintf("fresh copy %d", freshCopies)...)
	return path, os.WriteFile(path, data, 0o755)
}

// run runs c once and measures it. Output goes to a buffer that is kept
// only to explain a failure: a panic or an unexpected exit status.
func run(c command) (sample, []byte, error) {
	argv := c.argv
	if c.vettool != "" {
		tool, err := freshVettool(c.vettool)
		if err != nil {
			return sample{}, nil, err
		}
		defer os.Remove(tool)
		argv = append([]string{"go", "vet", "-vettool=" + tool}, argv...)
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = c.dir
	cmd.Env = append(os.Environ(), c.env...)
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if cmd.ProcessState == nil {
		return sample{}, out.Bytes(), err
	}
	// wait4 folds the usage of every reaped descendant into the child's:
	// CPU time is the sum over the tree, maxrss the largest process.
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	s := sample{
		wall:   wall,
		cpu:    time.Duration(ru.Utime.Nano() + ru.Stime.Nano()),
		rssKiB: ru.Maxrss,
		exit:   cmd.ProcessState.ExitCode(),
	}
	return s, out.Bytes(), nil
}

// crashed reports whether a run's output shows a crash or an analyzer
// failure rather than findings.
func crashed(out []byte) string {
	for _, marker := range []string{"panic:", "fatal error:", "internal error", "SIGSEGV"} {
		if i := bytes.Index(out, []byte(marker)); i >= 0 {
			end := min(len(out), i+400)
			return string(out[i:end])
		}
	}
	return ""
}

// stats is the median of several samples of one command.
type stats struct {
	wall, cpu time.Duration
	rssKiB    int64
	exit      int
	runs      int
}

func median(ss []sample) stats {
	n := len(ss)
	walls := make([]time.Duration, n)
	cpus := make([]time.Duration, n)
	rss := make([]int64, n)
	for i, s := range ss {
		walls[i], cpus[i], rss[i] = s.wall, s.cpu, s.rssKiB
	}
	slices.Sort(walls)
	slices.Sort(cpus)
	slices.Sort(rss)
	return stats{wall: walls[n/2], cpu: cpus[n/2], rssKiB: rss[n/2], exit: ss[n-1].exit, runs: n}
}

func (s stats) String() string {
	return fmt.Sprintf("%6.2fs wall %6.2fs cpu %7s", s.wall.Seconds(), s.cpu.Seconds(), mib(s.rssKiB))
}

func mib(kib int64) string { return fmt.Sprintf("%.0fMiB", float64(kib)/1024) }

func ratio(a, b float64) string {
	if b == 0 {
		return "   n/a"
	}
	return fmt.Sprintf("%5.2fx", a/b)
}

// verdict marks a ratio against a target: got must be <= limit when
// lowerIsBetter, >= limit otherwise.
func verdict(got, limit float64, lowerIsBetter bool) string {
	if (lowerIsBetter && got <= limit) || (!lowerIsBetter && got >= limit) {
		return "met"
	}
	return "MISSED"
}

func shortOutput(out []byte) string {
	s := strings.TrimSpace(string(out))
	if len(s) > 600 {
		s = s[:300] + "\n...\n" + s[len(s)-300:]
	}
	return s
}
