// Package golangci registers txvet as a golangci-lint v2 module plugin
// named "txvet".
//
// A custom golangci-lint binary that imports this package (see
// docs/golangci.md) runs every txvet analyzer as the one linter txvet, so
// that //nolint:txvet silences any of them. Settings, under
// linters.settings.custom.txvet.settings, are decoded strictly:
//
//	redundant: false     # drop the clean-up category redundant-release
//	disable: [sharedtx]  # analyzers not to run
package golangci

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/txvet/txvet"
)

// Name is the linter name golangci-lint knows txvet by.
const Name = "txvet"

func init() {
	register.Plugin(Name, New)
}

// Settings are the keys a .golangci.yml may set for txvet.
type Settings struct {
	// Redundant, when false, turns off doublerelease's clean-up category
	// redundant-release and keeps its bug categories. Default true.
	Redundant *bool `json:"redundant"`
	// Disable names analyzers not to run.
	Disable []string `json:"disable"`
}

// New is the plugin constructor golangci-lint calls with the raw settings.
func New(raw any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](raw)
	if err != nil {
		return nil, fmt.Errorf("txvet settings: %w (known keys: %s)", err, settingKeys())
	}
	known := analyzerNames(txvet.Analyzers())
	for _, name := range s.Disable {
		if !slices.Contains(known, name) {
			return nil, fmt.Errorf("txvet settings: disable: unknown analyzer %q (known: %s)", name, strings.Join(known, ", "))
		}
	}
	return &plugin{settings: s}, nil
}

type plugin struct {
	settings Settings
}

// BuildAnalyzers returns the enabled analyzers, configured and wrapped so
// that golangci-lint reports each finding once.
func (p *plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	var out []*analysis.Analyzer
	for _, a := range txvet.Analyzers() {
		if slices.Contains(p.settings.Disable, a.Name) {
			continue
		}
		out = append(out, reportOnce(configure(a, p.settings)))
	}
	return out, nil
}

// GetLoadMode asks for type information: both analyzers match by type.
func (p *plugin) GetLoadMode() string {
	return register.LoadModeTypesInfo
}

// settingKeys lists the keys of Settings, for error messages.
func settingKeys() string {
	t := reflect.TypeFor[Settings]()
	keys := make([]string, t.NumField())
	for i := range keys {
		keys[i], _, _ = strings.Cut(t.Field(i).Tag.Get("json"), ",")
	}
	return strings.Join(keys, ", ")
}

func analyzerNames(as []*analysis.Analyzer) []string {
	names := make([]string, len(as))
	for i, a := range as {
		names[i] = a.Name
	}
	return names
}
