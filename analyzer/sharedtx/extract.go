package sharedtx

import "strings"

// extractDoc returns the analyzer's documentation: the package comment of
// doc.go from its "# Analyzer sharedtx" heading on, without comment marks.
func extractDoc(src string) string {
	var lines []string
	in := false
	for line := range strings.Lines(src) {
		line = strings.TrimRight(line, "\n")
		if !strings.HasPrefix(line, "//") {
			if in {
				break
			}
			continue
		}
		text := strings.TrimPrefix(strings.TrimPrefix(line, "//"), " ")
		if text == "# Analyzer sharedtx" {
			in = true
			continue
		}
		if in {
			lines = append(lines, text)
		}
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}
