// Package ledger holds no database code; only its external test does,
// which keeps the package.
package ledger

func Balance(entries []int) int {
	sum := 0
	for _, e := range entries {
		sum += e
	}
	return sum
}
