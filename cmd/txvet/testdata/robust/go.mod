module example.com/robust

go 1.26

// Not in the module cache, and never fetched (the tests set GOPROXY=off):
// only the test of package lib imports it.
require example.com/missing v1.0.0
