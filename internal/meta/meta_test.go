package meta

import (
	"strings"
	"testing"
)

func TestExtractDoc(t *testing.T) {
	const two = `// Package p has two analyzers.
//
// # Analyzer alpha
//
// alpha: report alpha things
//
// More about alpha.
//
//	code()
//
// # Analyzer alphabet
//
// alphabet: report letters
package p
`
	for _, tc := range []struct {
		name, src, analyzer, want, wantErr string
	}{
		{name: "section up to the next heading", src: two, analyzer: "alpha", want: "report alpha things\n\nMore about alpha.\n\n\tcode()"},
		{name: "last section", src: two, analyzer: "alphabet", want: "report letters"},
		{name: "a name that prefixes another", src: two, analyzer: "alph", wantErr: `no "# Analyzer alph" heading`},
		{name: "heading first", src: "// # Analyzer a\n//\n// a: does\npackage p\n", analyzer: "a", want: "does"},
		{name: "no summary line", src: "// # Analyzer a\n//\n// Does things.\npackage p\n", analyzer: "a", wantErr: `not followed by a "a: summary" line`},
		{name: "no doc comment", src: "package p\n", analyzer: "a", wantErr: "no package doc comment"},
		{name: "not Go", src: "// x\npackage", analyzer: "a", wantErr: "not a Go source file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ExtractDoc(tc.src, tc.analyzer)
			switch {
			case tc.wantErr != "":
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("ExtractDoc = %q, %v; want error %q", got, err, tc.wantErr)
				}
				if doc := Doc(tc.src, tc.analyzer); !strings.Contains(doc, tc.wantErr) {
					t.Errorf("Doc = %q, want it to name the error", doc)
				}
			case err != nil:
				t.Fatal(err)
			case got != tc.want:
				t.Errorf("ExtractDoc = %q, want %q", got, tc.want)
			}
		})
	}
}
