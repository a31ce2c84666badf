package txfacts_test

import (
	"bytes"
	"encoding/gob"
	"go/types"
	"slices"
	"testing"

	"github.com/txvet/txvet/internal/testtool"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/txvet/txvet/internal/dbcode"
	"github.com/txvet/txvet/internal/txfacts"
)

// TestFacts checks the inferred facts against the want comments, across
// a package boundary (txfacts/user uses txfacts/helpers).
func TestFacts(t *testing.T) {
	analysistest.Run(t, testtool.Testdata(), txfacts.Analyzer, "txfacts/helpers", "txfacts/user", "txfacts/derived")
}

// TestFactsDeterministic encodes the facts of two independent runs and
// compares the bytes: drivers cache facts by content.
func TestFactsDeterministic(t *testing.T) {
	encode := func() []byte {
		var buf bytes.Buffer
		for _, r := range analysistest.Run(t, testtool.Testdata(), txfacts.Analyzer, "txfacts/helpers") {
			objs := make([]types.Object, 0, len(r.Facts))
			for obj := range r.Facts {
				objs = append(objs, obj)
			}
			slices.SortFunc(objs, func(a, b types.Object) int { return int(a.Pos() - b.Pos()) })
			for _, obj := range objs {
				for _, f := range r.Facts[obj] {
					buf.WriteString(obj.Name())
					if err := gob.NewEncoder(&buf).Encode(f); err != nil {
						t.Fatalf("encoding fact %v of %s: %v", f, obj.Name(), err)
					}
				}
			}
		}
		return buf.Bytes()
	}
	first := encode()
	if len(first) == 0 {
		t.Fatal("no facts encoded")
	}
	// Map iteration order differs between runs: several runs make a
	// dependence on it show.
	for range 4 {
		if next := encode(); !bytes.Equal(first, next) {
			t.Fatalf("fact encodings differ between runs:\n%q\n%q", first, next)
		}
	}
}

// TestNoFiles runs the analyzer on a pass without files, as drivers do for
// packages that have only non-Go files.
func TestNoFiles(t *testing.T) {
	pass := &analysis.Pass{
		Analyzer:       txfacts.Analyzer,
		Pkg:            types.NewPackage("empty", "empty"),
		TypesInfo:      &types.Info{},
		AllObjectFacts: func() []analysis.ObjectFact { return nil },
	}
	code, err := dbcode.Analyzer.Run(pass)
	if err != nil {
		t.Fatal(err)
	}
	pass.ResultOf = map[*analysis.Analyzer]any{dbcode.Analyzer: code}
	res, err := txfacts.Analyzer.Run(pass)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := res.(*txfacts.Result); !ok {
		t.Fatalf("result is %T, want *txfacts.Result", res)
	}
}
