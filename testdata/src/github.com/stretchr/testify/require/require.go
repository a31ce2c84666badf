// Package require is a test stub of github.com/stretchr/testify/require.
package require

type TestingT interface {
	Errorf(format string, args ...interface{})
	FailNow()
}

func NoError(t TestingT, err error, msgAndArgs ...interface{}) {}

func Error(t TestingT, err error, msgAndArgs ...interface{})           {}
func ErrorIs(t TestingT, err, target error, msgAndArgs ...interface{}) {}
