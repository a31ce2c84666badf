package brokentest

import "testing"

func TestUpdate(t *testing.T) {
	if err := Update(newMockDB(t)); err != nil {
		t.Fatal(err)
	}
}
