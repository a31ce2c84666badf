// Package money holds no database code: an importer that does need not
// load it from source.
package money

import "fmt"

func Format(cents int) string { return fmt.Sprintf("%d.%02d", cents/100, cents%100) }
