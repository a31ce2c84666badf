package lib

import (
	"testing"

	"example.com/missing"
)

func TestWrap(t *testing.T) { missing.Check(t, Wrap(nil)) }
