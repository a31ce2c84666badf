package main

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

func TestUnifiedDiff(t *testing.T) {
	before := "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\n"
	after := "a\nb\nc\nd\nE\nf\ng\nh\ni\nj\nk\nl\n"
	want := `--- a/x.go
+++ b/x.go
@@ -2,10 +2,11 @@
 b
 c
 d
-e
+E
 f
 g
 h
 i
 j
 k
+l
`
	if got := unifiedDiff("x.go", []byte(before), []byte(after)); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if got := unifiedDiff("x.go", []byte(before), []byte(before)); got != "" {
		t.Errorf("equal files: got %q, want no diff", got)
	}
}

func TestUnifiedDiffSeparateHunksAndNoFinalNewline(t *testing.T) {
	before := "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15"
	after := "0\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15!"
	got := unifiedDiff("x.go", []byte(before), []byte(after))
	if n := strings.Count(got, "@@ -"); n != 2 {
		t.Errorf("want 2 hunks, got %d:\n%s", n, got)
	}
	if !strings.Contains(got, "-15\n\\ No newline at end of file\n+15!\n\\ No newline at end of file\n") {
		t.Errorf("missing no-newline markers:\n%s", got)
	}
	checkPatch(t, before, after, got)
}

// TestUnifiedDiffRoundTrip applies the diffs of random edits back to
// the before text.
func TestUnifiedDiffRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 300 {
		var a []string
		for range r.IntN(40) {
			a = append(a, strconv.Itoa(r.IntN(8))+"\n")
		}
		b := append([]string(nil), a...)
		for range r.IntN(6) {
			switch k := r.IntN(3); {
			case k == 0 || len(b) == 0:
				at := r.IntN(len(b) + 1)
				b = append(b[:at], append([]string{"after" + strconv.Itoa(r.IntN(3)) + "\n"}, b[at:]...)...)
			case k == 1:
				at := r.IntN(len(b))
				b = append(b[:at], b[at+1:]...)
			default:
				b[r.IntN(len(b))] = "changed\n"
			}
		}
		before, after := strings.Join(a, ""), strings.Join(b, "")
		t.Run(fmt.Sprint(i), func(t *testing.T) { checkPatch(t, before, after, unifiedDiff("x.go", []byte(before), []byte(after))) })
	}
}

// checkPatch applies a unified diff to before and compares with after.
func checkPatch(t *testing.T, before, after, diff string) {
	t.Helper()
	if diff == "" {
		if before != after {
			t.Fatalf("no diff for different texts")
		}
		return
	}
	src := splitLines(before)
	var out []string
	next := 0 // index in src of the next line not yet copied
	lines := strings.SplitAfter(diff, "\n")
	for i := 2; i < len(lines) && lines[i] != ""; i++ {
		line := lines[i]
		if strings.HasPrefix(line, "@@ ") {
			var aStart, aLen, bStart, bLen int
			if _, err := fmt.Sscanf(line, "@@ -%d,%d +%d,%d @@", &aStart, &aLen, &bStart, &bLen); err != nil {
				t.Fatalf("bad hunk header %q: %v", line, err)
			}
			if aLen == 0 {
				aStart++
			}
			out = append(out, src[next:aStart-1]...)
			next = aStart - 1
			continue
		}
		if strings.HasPrefix(line, `\ No newline`) {
			last := &out[len(out)-1]
			if lines[i-1][0] != '-' {
				*last = strings.TrimSuffix(*last, "\n")
			}
			continue
		}
		switch line[0] {
		case ' ':
			if src[next] != strings.TrimSuffix(line[1:], "\n")+"\n" && src[next] != line[1:] {
				t.Fatalf("context mismatch at %q:\n%s", line, diff)
			}
			out = append(out, src[next])
			next++
		case '-':
			next++
		case '+':
			out = append(out, line[1:])
		}
	}
	out = append(out, src[next:]...)
	if got := strings.Join(out, ""); got != after {
		t.Fatalf("patched text differs:\ngot  %q\nwant %q\ndiff:\n%s", got, after, diff)
	}
}
