package main

import (
	"strings"
	"testing"
)

// testScan is a module m in /m with four packages: a does not compile, b
// imports a, c's tests do not compile, d is clean.
func testScan() *scan {
	s := &scan{app: app{repo: "o/m", commit: strings.Repeat("0", 40), subdir: "."}, pkgs: map[string]*pkg{}}
	for _, p := range []*pkg{
		{path: "m/a", dir: "/m/a"},
		{path: "m/b", dir: "/m/b", deps: []string{"fmt", "m/a"}},
		{path: "m/c", dir: "/m/c"},
		{path: "m/d", dir: "/m/d"},
	} {
		s.pkgs[p.path] = p
	}
	return s
}

const vetOutput = `# m/a
vet: a/a.go:2:23: cannot use "x" (untyped string constant) as int value in return statement
# m/c
# [m/c]
c/c_test.go:3:27: undefined: undefinedThing
{}
{
	"m/d": {
		"sharedtx": [
			{
				"posn": "/m/d/d.go:9:2",
				"message": "transaction tx is used at the same time"
			}
		],
		"doublerelease": {
			"error": "internal error"
		}
	}
}
`

func TestVerdicts(t *testing.T) {
	s := testScan()
	s.readVet("/m", []byte(vetOutput))
	s.attributeStandalone("/m", "/root/go/pkg/mod/x@v1/x.go:31:9: could not import y (invalid package name: \"\")\n"+
		"a/a.go:2:23: cannot use \"x\" (untyped string constant) as int value in return statement\n"+
		"c/c_test.go:3:27: undefined: undefinedThing\n")
	want := map[string]string{"m/a": appFault, "m/b": appFault, "m/c": appFault, "m/d": analysed}
	for path, v := range want {
		if got, why := s.verdict(s.pkgs[path]); got != v {
			t.Errorf("%s: verdict %s (%s), want %s", path, got, why, v)
		}
	}
	if _, why := s.verdict(s.pkgs["m/b"]); !strings.Contains(why, "imports m/a") {
		t.Errorf("m/b: reason %q, want the import of m/a", why)
	}
	if s.vetted != 2 || s.vetFinds != 1 || len(s.failures) != 1 {
		t.Errorf("vetted %d, findings %d, failures %v; want 2, 1, one", s.vetted, s.vetFinds, s.failures)
	}
	if len(s.stray) != 0 || len(s.panics) != 0 || len(s.notes) != 1 {
		t.Errorf("stray %v, panics %v, notes %v; want none, none, the dependency's error", s.stray, s.panics, s.notes)
	}
	if _, why := s.verdict(s.pkgs["m/c"]); !strings.Contains(why, "tests do not compile") {
		t.Errorf("m/c: reason %q, want its tests", why)
	}
	if total, app, ours, _ := s.counts(); total != 4 || app != 3 || ours != 0 {
		t.Errorf("counts %d, %d, %d; want 4, 3, 0", total, app, ours)
	}
}

func TestCrashes(t *testing.T) {
	s := testScan()
	s.readVet("/m", []byte("# m/d\npanic: runtime error: invalid memory address or nil pointer dereference\n\ngoroutine 1 [running]:\nmain.f()\n\t/x.go:1\n"))
	if len(s.panics) != 1 || !strings.Contains(s.panics[0], "m/d") {
		t.Errorf("panics %v, want one in m/d", s.panics)
	}
	if len(s.stray) != 0 || len(s.pkgs["m/d"].vetErrs) != 0 {
		t.Errorf("the crash's dump counted as errors: %v %v", s.stray, s.pkgs["m/d"].vetErrs)
	}

	s = testScan()
	s.attributeStandalone("/m", "txvet: could not load m/a from source to learn their helpers\n")
	if s.fatal != "" || len(s.notes) != 1 {
		t.Errorf("a failed widened load: fatal %q, notes %v; want a note", s.fatal, s.notes)
	}

	s = testScan()
	s.attributeStandalone("/m", "panic: runtime error: index out of range\n\ngoroutine 7 [running]:\nmain.g()\n")
	s.attributeStandalone("/m", "txvet: ./... matched no packages\n")
	if s.fatal == "" {
		t.Fatal("matched no packages: not fatal")
	}
	if v, _ := s.verdict(s.pkgs["m/d"]); v != ourFault {
		t.Errorf("m/d after a run that analysed nothing: %s, want %s", v, ourFault)
	}
}

func TestShortReason(t *testing.T) {
	for msg, want := range map[string]string{
		"pattern build/*: no matching files found":                                   "an embedded file",
		"github.com/x/y@v1.2.3: reading https://proxy.golang.org/...: 404 Not Found": "proxy does not serve",
		"no required module provides package github.com/x/y; to add it:":             "go.mod or go.sum",
		"x/x_test.go:3:1: undefined: mockStore":                                      "tests do not compile",
		"x/gen.go:3:1: undefined: ent.Client":                                        "code not committed",
	} {
		if got := shortReason(msg); !strings.Contains(got, want) {
			t.Errorf("shortReason(%q) = %q, want %q in it", msg, got, want)
		}
	}
}

func TestStubEmbeds(t *testing.T) {
	mod := t.TempDir()
	pkgs := map[string]*pkg{
		"m/ui":   {path: "m/ui", listErr: "ui/serve.go:15:12: pattern build/*: no matching files found"},
		"m/docs": {path: "m/docs", listErr: "docs.go:8:12: pattern all:docs: no matching files found"},
		"m/geo":  {path: "m/geo", listErr: "pkg/geo/geo.go:22:12: pattern GeoLite2-Country.mmdb.gz: no matching files found"},
		"m/out":  {path: "m/out", listErr: "/elsewhere/x.go:1:1: pattern x.txt: no matching files found"},
		"m/ok":   {path: "m/ok"},
	}
	got := strings.Join(stubEmbeds(mod, pkgs), " ")
	if want := "docs/stub.txt pkg/geo/GeoLite2-Country.mmdb.gz ui/build/stub/stub.txt"; got != want {
		t.Errorf("stubEmbeds wrote %q, want %q (and nothing outside the module)", got, want)
	}
}
