package knowledge

import (
	"slices"
	"testing"
)

// TestHandlePackagesCoverTables checks that every package that declares a
// type the handle tables name is in HandlePackages: the command skips
// packages that depend on none of them, so a missing path would silence
// txvet on that library.
func TestHandlePackagesCoverTables(t *testing.T) {
	got := HandlePackages()
	want := map[string]string{pathGorm: "gorm's DB"}
	for k := range resources {
		want[k.pkg] = "resources"
	}
	for k := range pools {
		want[k.pkg] = "pools"
	}
	for k := range boundTypes {
		want[k.pkg] = "boundTypes"
	}
	for k := range beginMethods {
		want[k.pkg] = "beginMethods"
	}
	for k := range scopedMethods {
		want[k.pkg] = "scopedMethods"
	}
	for k := range scopedFuncs {
		want[k.pkg] = "scopedFuncs"
	}
	for path, table := range want {
		if !slices.Contains(got, path) {
			t.Errorf("HandlePackages() lacks %s, a package of the %s table", path, table)
		}
	}
	if !slices.IsSorted(got) {
		t.Errorf("HandlePackages() = %q, not sorted", got)
	}
	// Launch points hold no handle: listing sync or errgroup would make
	// every package that starts a goroutine look like database code.
	for _, path := range []string{pathSync, pathErrgroup, pathConc, pathConcPool, pathContext} {
		if slices.Contains(got, path) {
			t.Errorf("HandlePackages() lists %s, which declares no database handle", path)
		}
	}
}
