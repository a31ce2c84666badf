package vet

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/txvet/txvet/internal/testtool"
)

// sarifLog holds what SARIF 2.1.0 and GitHub code scanning require.
type sarifLog struct {
	Version string `json:"version"`
	Schema  string `json:"$schema"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name           string `json:"name"`
				Version        string `json:"version"`
				InformationURI string `json:"informationUri"`
				Rules          []struct {
					ID               string `json:"id"`
					ShortDescription *struct {
						Text string `json:"text"`
					} `json:"shortDescription"`
					FullDescription *struct {
						Text string `json:"text"`
					} `json:"fullDescription"`
					Help *struct {
						Text string `json:"text"`
					} `json:"help"`
					HelpURI              string `json:"helpUri"`
					DefaultConfiguration struct {
						Level string `json:"level"`
					} `json:"defaultConfiguration"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex *int   `json:"ruleIndex"`
			Level     string `json:"level"`
			Message   struct {
				Text string `json:"text"`
			} `json:"message"`
			Locations []struct {
				PhysicalLocation sarifPhysical `json:"physicalLocation"`
			} `json:"locations"`
			Fixes []struct {
				Description struct {
					Text string `json:"text"`
				} `json:"description"`
				ArtifactChanges []struct {
					ArtifactLocation struct {
						URI string `json:"uri"`
					} `json:"artifactLocation"`
					Replacements []struct {
						DeletedRegion   *sarifRegion `json:"deletedRegion"`
						InsertedContent *struct {
							Text *string `json:"text"`
						} `json:"insertedContent"`
					} `json:"replacements"`
				} `json:"artifactChanges"`
			} `json:"fixes"`
			Properties struct {
				Category string `json:"category"`
			} `json:"properties"`
		} `json:"results"`
	} `json:"runs"`
}

type sarifPhysical struct {
	ArtifactLocation struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId"`
	} `json:"artifactLocation"`
	Region sarifRegion `json:"region"`
}

type sarifRegion struct {
	StartLine, StartColumn, EndLine, EndColumn int
}

// TestSARIF checks the structure SARIF 2.1.0 requires and GitHub code
// scanning reads, and that the silenced finding is absent.
func TestSARIF(t *testing.T) {
	txvet, dir := testtool.Txvet(t), fixture(t, "bugs")
	out := filepath.Join(t.TempDir(), "txvet.sarif")
	_, stderr, code := run(t, filepath.Dir(dir), txvet, "-C", "bugs", "-sarif", out, "./...")
	if code != 1 {
		t.Errorf("exit %d, want 1: -sarif keeps the gate", code)
	}
	text := parseFindings(t, dir, stderr)
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var log sarifLog
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || log.Schema == "" || len(log.Runs) != 1 {
		t.Fatalf("version %q, $schema %q, %d runs", log.Version, log.Schema, len(log.Runs))
	}
	driver := log.Runs[0].Tool.Driver
	// One rule per category, from the analyzers' metadata.
	var ruleIDs, levels []string
	for _, r := range driver.Rules {
		ruleIDs = append(ruleIDs, r.ID)
		levels = append(levels, r.DefaultConfiguration.Level)
		if r.ShortDescription == nil || r.ShortDescription.Text == "" || r.FullDescription == nil || r.FullDescription.Text == "" ||
			r.Help == nil || r.Help.Text == "" || !strings.HasSuffix(r.HelpURI, "#"+r.ID) {
			t.Errorf("rule %s lacks shortDescription, fullDescription, help or its section's helpUri", r.ID)
		}
	}
	wantIDs := []string{"redundant-release", "double-commit", "release-in-callback", "shared-tx", "tx-leak", "use-after-release"}
	if driver.Name != "txvet" || !slices.Equal(ruleIDs, wantIDs) {
		t.Errorf("driver %q with rules %q, want %q", driver.Name, ruleIDs, wantIDs)
	}
	if want := []string{"warning", "error", "error", "error", "error", "error"}; !slices.Equal(levels, want) {
		t.Errorf("rule levels %q, want %q (the clean-up is a warning)", levels, want)
	}
	if driver.Version == "" || driver.InformationURI != "https://github.com/txvet/txvet" {
		t.Errorf("driver version %q, informationUri %q", driver.Version, driver.InformationURI)
	}
	var found []reported
	fixed := 0
	for _, r := range log.Runs[0].Results {
		if r.RuleIndex == nil || *r.RuleIndex >= len(ruleIDs) || ruleIDs[*r.RuleIndex] != r.RuleID {
			t.Errorf("result with ruleId %q has ruleIndex %v", r.RuleID, r.RuleIndex)
		}
		if r.Message.Text == "" || r.Properties.Category != r.RuleID || r.RuleIndex != nil && *r.RuleIndex < len(levels) && r.Level != levels[*r.RuleIndex] {
			t.Errorf("result %q: message missing, or category %q and level %q not its rule's", r.Message.Text, r.Properties.Category, r.Level)
		}
		if len(r.Locations) != 1 {
			t.Fatalf("result %q has %d locations", r.Message.Text, len(r.Locations))
		}
		loc := r.Locations[0].PhysicalLocation
		reg := loc.Region
		// URIs are relative to where txvet started (before -C), as
		// GitHub resolves them against the repository root.
		file := filepath.Join(filepath.Dir(dir), filepath.FromSlash(loc.ArtifactLocation.URI))
		if reg.StartLine < 1 || reg.StartColumn < 1 || reg.EndLine < reg.StartLine || reg.EndLine == reg.StartLine && reg.EndColumn < reg.StartColumn {
			t.Errorf("%s: bad region %+v", loc.ArtifactLocation.URI, reg)
		}
		found = append(found, reported{relSlash(dir, file), reg.StartLine, enclosingFunc(t, file, reg.StartLine)})
		for _, fix := range r.Fixes {
			fixed++
			if fix.Description.Text == "" || len(fix.ArtifactChanges) == 0 {
				t.Errorf("%s: fix without description or changes", loc.ArtifactLocation.URI)
			}
			for _, ch := range fix.ArtifactChanges {
				for _, rep := range ch.Replacements {
					if ch.ArtifactLocation.URI == "" || rep.DeletedRegion == nil || rep.DeletedRegion.StartLine < 1 || rep.InsertedContent == nil || rep.InsertedContent.Text == nil {
						t.Errorf("%s: malformed replacement", loc.ArtifactLocation.URI)
					}
				}
			}
		}
	}
	checkFuncs(t, "SARIF", found, allFuncs)
	if !slices.Equal(funcs(found), funcs(text)) {
		t.Errorf("SARIF results %v differ from the text findings %v", found, text)
	}
	if fixed == 0 {
		t.Errorf("no result carries its fix")
	}
}
