package golangci

import (
	"go/token"
	"slices"
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/txvet/txvet/analyzer/doublerelease"
)

func TestRegistered(t *testing.T) {
	newPlugin, err := register.GetPlugin(Name)
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlugin(nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := p.GetLoadMode(); got != register.LoadModeTypesInfo {
		t.Errorf("load mode %q, want %q", got, register.LoadModeTypesInfo)
	}
}

func TestSettings(t *testing.T) {
	for _, tc := range []struct {
		name    string
		raw     any
		want    []string // analyzer names
		wantErr string
	}{
		{name: "none", raw: nil, want: []string{"doublerelease", "sharedtx", "txleak", "useafterrelease"}},
		{name: "empty", raw: map[string]any{}, want: []string{"doublerelease", "sharedtx", "txleak", "useafterrelease"}},
		{name: "disable sharedtx", raw: map[string]any{"disable": []any{"sharedtx"}}, want: []string{"doublerelease", "txleak", "useafterrelease"}},
		{name: "disable all", raw: map[string]any{"disable": []any{"sharedtx", "doublerelease", "txleak", "useafterrelease"}}, want: nil},
		{name: "redundant true", raw: map[string]any{"redundant": true}, want: []string{"doublerelease", "sharedtx", "txleak", "useafterrelease"}},
		{name: "unknown key", raw: map[string]any{"redundnat": false}, wantErr: `txvet settings: unknown key "redundnat" (known keys: disable, redundant)`},
		{name: "wrong type", raw: map[string]any{"redundant": "no"}, wantErr: `txvet settings: redundant: want true or false, not "no"`},
		{name: "disable not a list", raw: map[string]any{"disable": "sharedtx"}, wantErr: "txvet settings: disable: want a list of analyzer names"},
		{name: "unknown analyzer", raw: map[string]any{"disable": []any{"sharetx"}}, wantErr: `txvet settings: disable: unknown analyzer "sharetx" (known: doublerelease, sharedtx, txleak, useafterrelease)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := New(tc.raw)
			if err == nil {
				var as []*analysis.Analyzer
				as, err = p.BuildAnalyzers()
				if got := names(as); err == nil && !slices.Equal(got, tc.want) {
					t.Errorf("analyzers %q, want %q", got, tc.want)
				}
				for _, a := range as {
					if verr := analysis.Validate([]*analysis.Analyzer{a}); verr != nil {
						t.Errorf("invalid analyzer %s: %v", a.Name, verr)
					}
				}
			}
			switch {
			case tc.wantErr == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tc.wantErr != "" && err == nil:
				t.Fatalf("no error, want %q", tc.wantErr)
			case tc.wantErr != "" && !strings.HasPrefix(err.Error(), tc.wantErr):
				t.Fatalf("error %q, want prefix %q", err, tc.wantErr)
			}
		})
	}
}

// TestRedundantOff checks that redundant: false reaches doublerelease
// through a fresh analyzer, leaving the shared one as it was.
func TestRedundantOff(t *testing.T) {
	redundant := func(a *analysis.Analyzer) string { return a.Flags.Lookup("redundant").Value.String() }
	p, err := New(map[string]any{"redundant": false})
	if err != nil {
		t.Fatal(err)
	}
	as, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	if as[0].Name != "doublerelease" || redundant(as[0]) != "false" {
		t.Errorf("%s: redundant=%s, want doublerelease with redundant=false", as[0].Name, redundant(as[0]))
	}
	if redundant(doublerelease.Analyzer) != "true" {
		t.Errorf("the shared doublerelease.Analyzer was changed: redundant=%s", redundant(doublerelease.Analyzer))
	}
}

// TestReportOnce runs a wrapped analyzer on a bare pass: what reaches the
// driver has no Related positions and only the first fix.
func TestReportOnce(t *testing.T) {
	fix := func(msg string) analysis.SuggestedFix { return analysis.SuggestedFix{Message: msg} }
	inner := &analysis.Analyzer{
		Name: "fake",
		Doc:  "fake reports one diagnostic with related positions and two fixes",
		Run: func(pass *analysis.Pass) (any, error) {
			pass.Report(analysis.Diagnostic{
				Pos:            10,
				Message:        "tx is used by the launches at lines 3 and 4",
				Category:       "shared-tx",
				Related:        []analysis.RelatedInformation{{Pos: 20, Message: "launch"}, {Pos: 30, Message: "launch"}},
				SuggestedFixes: []analysis.SuggestedFix{fix("first"), fix("second")},
			})
			pass.Reportf(40, "plain")
			return "result", nil
		},
	}
	wrapped := reportOnce(inner)
	if wrapped == inner || wrapped.Name != inner.Name || wrapped.Doc != inner.Doc {
		t.Fatalf("wrapped analyzer must be a copy with the same name and doc")
	}

	var got []analysis.Diagnostic
	pass := &analysis.Pass{Analyzer: wrapped, Report: func(d analysis.Diagnostic) { got = append(got, d) }}
	result, err := wrapped.Run(pass)
	if err != nil || result != "result" {
		t.Fatalf("Run = %v, %v; want the inner result", result, err)
	}
	if len(got) != 2 {
		t.Fatalf("got %d diagnostics, want 2", len(got))
	}
	d := got[0]
	if d.Related != nil {
		t.Errorf("Related kept: %v", d.Related)
	}
	if len(d.SuggestedFixes) != 1 || d.SuggestedFixes[0].Message != "first" {
		t.Errorf("fixes %v, want only the first", d.SuggestedFixes)
	}
	if d.Pos != token.Pos(10) || d.Category != "shared-tx" || d.Message != "tx is used by the launches at lines 3 and 4" {
		t.Errorf("diagnostic changed: %+v", d)
	}
	if got[1].Message != "plain" {
		t.Errorf("second diagnostic %q, want plain", got[1].Message)
	}
}

func names(as []*analysis.Analyzer) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Name)
	}
	return out
}
