// Package golangci registers txvet as a golangci-lint v2 module plugin
// named "txvet".
//
// A custom golangci-lint binary that imports this package (see
// docs/golangci.md) runs every txvet analyzer as the one linter txvet, so
// that //nolint:txvet silences any of them. Settings, under
// linters.settings.custom.txvet.settings, are decoded strictly: disable
// lists analyzers not to run, and every other key is an analyzer option
// (its flag, declared in the analyzer's metadata), for example
//
//	redundant: false     # doublerelease: drop the clean-up category redundant-release
//	disable: [sharedtx]  # analyzers not to run
package golangci

import (
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/txvet/txvet"
	"github.com/txvet/txvet/internal/meta"
)

// Name is the linter name golangci-lint knows txvet by.
const Name = "txvet"

// disableKey is the setting that names analyzers not to run.
const disableKey = "disable"

func init() {
	register.Plugin(Name, New)
}

// New is the plugin constructor golangci-lint calls with the raw settings.
func New(raw any) (register.LinterPlugin, error) {
	analyzers, err := configure(raw, txvet.Metadata())
	if err != nil {
		return nil, fmt.Errorf("txvet settings: %w", err)
	}
	return &plugin{analyzers: analyzers}, nil
}

type plugin struct {
	analyzers []*analysis.Analyzer // enabled and configured
}

// BuildAnalyzers returns the enabled analyzers, wrapped so that
// golangci-lint reports each finding once.
func (p *plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	var out []*analysis.Analyzer
	for _, a := range p.analyzers {
		out = append(out, reportOnce(a))
	}
	return out, nil
}

// GetLoadMode asks for type information: the analyzers match by type.
func (p *plugin) GetLoadMode() string {
	return register.LoadModeTypesInfo
}

// configure decodes the settings and returns the analyzers to run. An
// analyzer whose options are all left at their defaults is the shared
// one; one with an option set is a fresh copy (meta.Analyzer.New), since
// other drivers in the same process share the first.
func configure(raw any, all []*meta.Analyzer) ([]*analysis.Analyzer, error) {
	keys, err := register.DecodeSettings[map[string]json.RawMessage](raw)
	if err != nil {
		return nil, err
	}
	var disable []string
	if v, ok := keys[disableKey]; ok {
		if err := json.Unmarshal(v, &disable); err != nil {
			return nil, fmt.Errorf("%s: want a list of analyzer names", disableKey)
		}
	}
	for _, name := range disable {
		if !slices.ContainsFunc(all, func(m *meta.Analyzer) bool { return m.Analyzer.Name == name }) {
			return nil, fmt.Errorf("%s: unknown analyzer %q (known: %s)", disableKey, name, strings.Join(analyzerNames(all), ", "))
		}
	}
	known := []string{disableKey}
	for _, m := range all {
		for _, o := range m.Options {
			known = append(known, o.Flag)
		}
	}
	for _, key := range slices.Sorted(maps.Keys(keys)) {
		if !slices.Contains(known, key) {
			return nil, fmt.Errorf("unknown key %q (known keys: %s)", key, strings.Join(known, ", "))
		}
	}
	var out []*analysis.Analyzer
	for _, m := range all {
		if slices.Contains(disable, m.Analyzer.Name) {
			continue
		}
		a := m.Analyzer
		for _, o := range m.Options {
			v, ok := keys[o.Flag]
			if !ok {
				continue
			}
			if a == m.Analyzer {
				a = m.New()
			}
			if err := setFlag(a.Flags.Lookup(o.Flag), v); err != nil {
				return nil, fmt.Errorf("%s: %v", o.Flag, err)
			}
		}
		out = append(out, a)
	}
	return out, nil
}

// setFlag sets f from a JSON value: a boolean for a boolean flag, a
// string or number otherwise.
func setFlag(f *flag.Flag, v json.RawMessage) error {
	var value any
	if err := json.Unmarshal(v, &value); err != nil {
		return err
	}
	if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
		if _, ok := value.(bool); !ok {
			return fmt.Errorf("want true or false, not %s", v)
		}
	}
	switch value := value.(type) {
	case bool:
		return f.Value.Set(strconv.FormatBool(value))
	case string:
		return f.Value.Set(value)
	case float64:
		return f.Value.Set(string(v)) // as written: 1000000, not 1e+06
	}
	return fmt.Errorf("want a boolean, a string or a number, not %s", v)
}

func analyzerNames(all []*meta.Analyzer) []string {
	names := make([]string, len(all))
	for i, m := range all {
		names[i] = m.Analyzer.Name
	}
	return names
}
