package main

import (
	"fmt"
	"strings"
)

// unifiedDiff returns the unified diff (3 lines of context) that turns
// before into after, with a/ and b/ prefixes as git and patch -p1
// expect, or "" if they are equal.
func unifiedDiff(name string, before, after []byte) string {
	a, b := splitLines(string(before)), splitLines(string(after))
	ops := diffLines(a, b)
	const context = 3
	var out strings.Builder
	for i := 0; i < len(ops); {
		// Find the next change, and the end of its hunk: the last change
		// followed by fewer than 2*context equal lines.
		for i < len(ops) && ops[i].kind == ' ' {
			i++
		}
		if i == len(ops) {
			break
		}
		start := max(i-context, 0)
		end := i
		for j := i; j < len(ops); j++ {
			if ops[j].kind != ' ' {
				end = j + 1
			} else if j-end >= 2*context {
				break
			}
		}
		end = min(end+context, len(ops))
		if out.Len() == 0 {
			fmt.Fprintf(&out, "--- a/%s\n+++ b/%s\n", name, name)
		}
		writeHunk(&out, ops[start:end])
		i = end
	}
	return out.String()
}

type lineOp struct {
	kind         byte // ' ', '-' or '+'
	text         string
	aLine, bLine int // 1-based line numbers before this op in a and b
}

func writeHunk(out *strings.Builder, ops []lineOp) {
	var aLen, bLen int
	for _, op := range ops {
		if op.kind != '+' {
			aLen++
		}
		if op.kind != '-' {
			bLen++
		}
	}
	aStart, bStart := ops[0].aLine, ops[0].bLine
	if aLen == 0 {
		aStart--
	}
	if bLen == 0 {
		bStart--
	}
	fmt.Fprintf(out, "@@ -%d,%d +%d,%d @@\n", aStart, aLen, bStart, bLen)
	for _, op := range ops {
		out.WriteByte(op.kind)
		out.WriteString(op.text)
		if !strings.HasSuffix(op.text, "\n") {
			out.WriteString("\n\\ No newline at end of file\n")
		}
	}
}

// splitLines splits s after each newline.
func splitLines(s string) []string {
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// diffLines computes a shortest edit script from a to b with Myers'
// O(ND) algorithm, after trimming the common prefix and suffix.
func diffLines(a, b []string) []lineOp {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var ops []lineOp
	for i := 0; i < pre; i++ {
		ops = append(ops, lineOp{' ', a[i], 0, 0})
	}
	ops = append(ops, myers(a[pre:len(a)-suf], b[pre:len(b)-suf])...)
	for i := len(a) - suf; i < len(a); i++ {
		ops = append(ops, lineOp{' ', a[i], 0, 0})
	}
	// Number the lines.
	aLine, bLine := 1, 1
	for i := range ops {
		ops[i].aLine, ops[i].bLine = aLine, bLine
		if ops[i].kind != '+' {
			aLine++
		}
		if ops[i].kind != '-' {
			bLine++
		}
	}
	return ops
}

func myers(a, b []string) []lineOp {
	n, m := len(a), len(b)
	offset := n + m + 1
	v := make([]int, 2*offset+1)
	var trace [][]int
search:
	for d := 0; d <= n+m; d++ {
		trace = append(trace, append([]int(nil), v...))
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || k != d && v[offset+k-1] < v[offset+k+1] {
				x = v[offset+k+1]
			} else {
				x = v[offset+k-1] + 1
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x++
				y++
			}
			v[offset+k] = x
			if x >= n && y >= m {
				break search
			}
		}
	}
	// Walk back from (n, m), collecting the script in reverse.
	var rev []lineOp
	x, y := n, m
	for d := len(trace) - 1; d >= 0; d-- {
		v := trace[d]
		k := x - y
		prevK := k - 1
		if k == -d || k != d && v[offset+k-1] < v[offset+k+1] {
			prevK = k + 1
		}
		prevX := 0
		if d > 0 {
			prevX = v[offset+prevK]
		}
		prevY := prevX - prevK
		for x > prevX && y > prevY {
			rev = append(rev, lineOp{kind: ' ', text: a[x-1]})
			x, y = x-1, y-1
		}
		if d > 0 {
			if x == prevX {
				rev = append(rev, lineOp{kind: '+', text: b[y-1]})
			} else {
				rev = append(rev, lineOp{kind: '-', text: a[x-1]})
			}
			x, y = prevX, prevY
		}
	}
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	return rev
}
