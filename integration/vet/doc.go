// Package vet tests the routes by which users run txvet, with the built
// command on small fixture modules under testdata: the standalone CLI
// (-json, -fix, -diff, -sarif, exit codes), go vet -vettool and
// go fix -fixtool.
package vet
