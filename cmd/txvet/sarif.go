package main

import (
	"cmp"
	"encoding/json"
	"go/token"
	"net/url"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/tools/go/analysis"

	"github.com/txvet/txvet/internal/meta"
)

// SARIF 2.1.0, the subset GitHub code scanning reads
// (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html).
const (
	sarifVersion = "2.1.0"
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	srcRoot      = "%SRCROOT%"
)

type (
	sarifLog struct {
		Version string     `json:"version"`
		Schema  string     `json:"$schema"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool               sarifTool                   `json:"tool"`
		OriginalURIBaseIDs map[string]sarifArtifactLoc `json:"originalUriBaseIds,omitempty"`
		ColumnKind         string                      `json:"columnKind"`
		Invocations        []sarifInvocation           `json:"invocations"`
		Results            []sarifResult               `json:"results"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version,omitempty"`
		InformationURI string      `json:"informationUri"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string         `json:"id"`
		Name                 string         `json:"name"`
		ShortDescription     sarifText      `json:"shortDescription"`
		FullDescription      sarifText      `json:"fullDescription"`
		Help                 sarifHelp      `json:"help"`
		HelpURI              string         `json:"helpUri,omitempty"`
		DefaultConfiguration sarifRuleLevel `json:"defaultConfiguration"`
		Properties           map[string]any `json:"properties,omitempty"`
	}
	sarifRuleLevel struct {
		Level string `json:"level"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifHelp struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown,omitempty"`
	}
	sarifInvocation struct {
		ExecutionSuccessful bool `json:"executionSuccessful"`
	}
	sarifResult struct {
		RuleID           string          `json:"ruleId"`
		RuleIndex        int             `json:"ruleIndex"`
		Level            string          `json:"level"`
		Message          sarifText       `json:"message"`
		Locations        []sarifLocation `json:"locations"`
		RelatedLocations []sarifLocation `json:"relatedLocations,omitempty"`
		Fixes            []sarifFix      `json:"fixes,omitempty"`
		Properties       map[string]any  `json:"properties,omitempty"`
	}
	sarifLocation struct {
		ID               *int          `json:"id,omitempty"`
		PhysicalLocation sarifPhysical `json:"physicalLocation"`
		Message          *sarifText    `json:"message,omitempty"`
	}
	sarifPhysical struct {
		ArtifactLocation sarifArtifactLoc `json:"artifactLocation"`
		Region           sarifRegion      `json:"region"`
	}
	sarifArtifactLoc struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn"`
		EndLine     int `json:"endLine"`
		EndColumn   int `json:"endColumn"`
	}
	sarifFix struct {
		Description     sarifText             `json:"description"`
		ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
	}
	sarifArtifactChange struct {
		ArtifactLocation sarifArtifactLoc   `json:"artifactLocation"`
		Replacements     []sarifReplacement `json:"replacements"`
	}
	sarifReplacement struct {
		DeletedRegion   sarifRegion `json:"deletedRegion"`
		InsertedContent sarifText   `json:"insertedContent"`
	}
)

// writeSARIF writes the findings as a SARIF log to file. Artifact URIs
// are relative to baseDir (where txvet was started, before -C: in a
// GitHub Actions job, the repository root), under %SRCROOT%.
func writeSARIF(file, baseDir string, res *result) error {
	w := &sarifWriter{baseDir: baseDir, lines: make(map[string][]string)}
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           "txvet",
			Version:        displayVersion(),
			InformationURI: "https://github.com/txvet/txvet",
		}},
		OriginalURIBaseIDs: map[string]sarifArtifactLoc{srcRoot: {URI: fileURI(baseDir) + "/"}},
		ColumnKind:         "utf16CodeUnits",
		Invocations:        []sarifInvocation{{ExecutionSuccessful: len(res.errors) == 0 && len(res.failures) == 0}},
		Results:            []sarifResult{},
	}
	rules := newSARIFRules(res.analyzers)
	for _, f := range res.findings {
		i, level := rules.of(f)
		run.Results = append(run.Results, w.result(f, i, level))
	}
	run.Tool.Driver.Rules = rules.list
	data, err := json.MarshalIndent(sarifLog{sarifVersion, sarifSchema, []sarifRun{run}}, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(file, append(data, '\n'), 0o666)
}

// sarifRules are the rules of a run: one per category of each analyzer
// run, from the analyzer's metadata, so that code scanning shows each
// kind with its own description, help and level.
type sarifRules struct {
	list  []sarifRule
	index map[string]int // category -> index in list
}

func newSARIFRules(analyzers []*analysis.Analyzer) *sarifRules {
	rs := &sarifRules{index: make(map[string]int)}
	for _, a := range analyzers {
		m := metadataOf(a)
		if m == nil {
			continue
		}
		for _, c := range m.Categories {
			rs.add(c.Name, sarifRule{
				ID:                   c.Name,
				Name:                 c.Name,
				ShortDescription:     sarifText{c.Short},
				FullDescription:      sarifText{c.Full},
				Help:                 sarifHelp{Text: c.Help + "\n\n" + m.URL(c), Markdown: c.Help + "\n\n[Rule page](" + m.URL(c) + ")"},
				HelpURI:              m.URL(c),
				DefaultConfiguration: sarifRuleLevel{string(c.Severity)},
				Properties: map[string]any{
					"tags":             []string{c.Kind.String(), "database", "correctness"},
					"precision":        "high",
					"problem.severity": problemSeverity(c.Severity),
					"analyzer":         a.Name,
				},
			})
		}
	}
	return rs
}

func (rs *sarifRules) add(id string, r sarifRule) int {
	rs.index[id] = len(rs.list)
	rs.list = append(rs.list, r)
	return rs.index[id]
}

// of returns the index and level of the rule of a finding. A category
// the metadata does not declare (a test forbids it) gets a rule from the
// analyzer's documentation, at level error.
func (rs *sarifRules) of(f finding) (int, string) {
	if i, ok := rs.index[f.diag.Category]; ok {
		return i, rs.list[i].DefaultConfiguration.Level
	}
	a := f.analyzer
	i := rs.add(f.diag.Category, sarifRule{
		ID:                   f.diag.Category,
		Name:                 f.diag.Category,
		ShortDescription:     sarifText{meta.Summary(a.Doc)},
		FullDescription:      sarifText{a.Doc},
		Help:                 sarifHelp{Text: a.Doc + "\n\n" + a.URL},
		HelpURI:              a.URL,
		DefaultConfiguration: sarifRuleLevel{string(meta.Error)},
		Properties:           map[string]any{"analyzer": a.Name},
	})
	return i, string(meta.Error)
}

// problemSeverity is GitHub code scanning's name for a level.
func problemSeverity(s meta.Severity) string {
	if s == meta.Note {
		return "recommendation"
	}
	return string(s)
}

type sarifWriter struct {
	baseDir string
	lines   map[string][]string // file contents by line, for UTF-16 columns
}

func (w *sarifWriter) result(f finding, rule int, level string) sarifResult {
	fset, d := f.pkg.Fset, f.diag
	r := sarifResult{
		RuleID:     d.Category,
		RuleIndex:  rule,
		Level:      level,
		Message:    sarifText{d.Message},
		Locations:  []sarifLocation{w.location(fset, d.Pos, d.End)},
		Properties: map[string]any{"category": d.Category, "analyzer": f.analyzer.Name},
	}
	for i, rel := range d.Related {
		loc := w.location(fset, rel.Pos, rel.End)
		id := i + 1
		loc.ID, loc.Message = &id, &sarifText{rel.Message}
		r.RelatedLocations = append(r.RelatedLocations, loc)
	}
	if len(d.SuggestedFixes) > 0 {
		fix := d.SuggestedFixes[0] // the one the Go drivers apply
		sf := sarifFix{Description: sarifText{fix.Message}}
		byFile := make(map[string]int)
		for _, e := range fix.TextEdits {
			loc := w.location(fset, e.Pos, e.End)
			i, ok := byFile[loc.PhysicalLocation.ArtifactLocation.URI]
			if !ok {
				i = len(sf.ArtifactChanges)
				byFile[loc.PhysicalLocation.ArtifactLocation.URI] = i
				sf.ArtifactChanges = append(sf.ArtifactChanges, sarifArtifactChange{ArtifactLocation: loc.PhysicalLocation.ArtifactLocation})
			}
			sf.ArtifactChanges[i].Replacements = append(sf.ArtifactChanges[i].Replacements, sarifReplacement{
				DeletedRegion:   loc.PhysicalLocation.Region,
				InsertedContent: sarifText{string(e.NewText)},
			})
		}
		r.Fixes = []sarifFix{sf}
	}
	return r
}

func (w *sarifWriter) location(fset *token.FileSet, pos, end token.Pos) sarifLocation {
	start, stop := fset.Position(pos), fset.Position(cmp.Or(end, pos))
	loc := sarifArtifactLoc{URI: fileURI(start.Filename)}
	if rel, err := filepath.Rel(w.baseDir, start.Filename); err == nil && !strings.HasPrefix(rel, "..") {
		loc = sarifArtifactLoc{URI: (&url.URL{Path: filepath.ToSlash(rel)}).EscapedPath(), URIBaseID: srcRoot}
	}
	return sarifLocation{PhysicalLocation: sarifPhysical{
		ArtifactLocation: loc,
		Region: sarifRegion{
			StartLine:   start.Line,
			StartColumn: w.column(start),
			EndLine:     stop.Line,
			EndColumn:   w.column(stop),
		},
	}}
}

// column converts a byte column to the 1-based UTF-16 column SARIF uses.
func (w *sarifWriter) column(p token.Position) int {
	lines, ok := w.lines[p.Filename]
	if !ok {
		data, _ := os.ReadFile(p.Filename)
		lines = strings.Split(string(data), "\n")
		w.lines[p.Filename] = lines
	}
	if p.Line < 1 || p.Line > len(lines) || p.Column-1 > len(lines[p.Line-1]) {
		return p.Column
	}
	prefix := lines[p.Line-1][:p.Column-1]
	n := 0
	for len(prefix) > 0 {
		r, size := utf8.DecodeRuneInString(prefix)
		n += len(utf16.Encode([]rune{r}))
		prefix = prefix[size:]
	}
	return n + 1
}

func fileURI(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}

func toolVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return ""
}

// displayVersion is the version txvet reports: its module version, or
// "(devel)" for a build from a checkout.
func displayVersion() string {
	return cmp.Or(toolVersion(), "(devel)")
}
