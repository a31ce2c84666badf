package golangci

import "golang.org/x/tools/go/analysis"

// reportOnce returns a copy of a whose diagnostics reach golangci-lint
// without Related positions and with at most one suggested fix.
//
// golangci-lint turns each Related position into an issue of its own (the
// messages already name the other lines), and --fix applies every fix of a
// diagnostic at once. The copy keeps a's Requires, FactTypes and result
// type, so a itself is neither changed nor run twice.
func reportOnce(a *analysis.Analyzer) *analysis.Analyzer {
	wrapped := *a
	wrapped.Run = func(pass *analysis.Pass) (any, error) {
		inner := *pass
		inner.Report = func(d analysis.Diagnostic) {
			d.Related = nil
			if len(d.SuggestedFixes) > 1 {
				d.SuggestedFixes = d.SuggestedFixes[:1]
			}
			pass.Report(d)
		}
		return a.Run(&inner)
	}
	return &wrapped
}
