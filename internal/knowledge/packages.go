package knowledge

import (
	"maps"
	"slices"
)

// HandlePackages returns, sorted, the import paths of the packages that
// declare the database handles of the tables: resources, pools, gorm's
// DB, and the types that begin, scope or stay bound to them. Any other
// type is a handle only through Classify's structural rule (a method set
// with Commit() error and Rollback() error). The command uses the list to
// skip, before type-checking, packages that cannot hold a handle.
func HandlePackages() []string {
	paths := map[string]bool{pathGorm: true}
	for k := range resources {
		paths[k.pkg] = true
	}
	for _, table := range []map[typeKey]bool{pools, boundTypes} {
		for k := range table {
			paths[k.pkg] = true
		}
	}
	for k := range beginMethods {
		paths[k.pkg] = true
	}
	for k := range scopedMethods {
		paths[k.pkg] = true
	}
	for k := range scopedFuncs {
		paths[k.pkg] = true
	}
	return slices.Sorted(maps.Keys(paths))
}
