// Module peers pins the linters txvet is compared with. The benchmark
// harness (go run ./bench) builds them from here into its work directory.
package peers
