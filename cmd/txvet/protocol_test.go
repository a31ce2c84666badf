package main

import "testing"

func TestIsUnitcheckerInvocation(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want bool
	}{
		{[]string{"/tmp/b001/vet.cfg"}, true},
		{[]string{"-doublerelease=false", "-json", "/tmp/b001/vet.cfg"}, true},
		{[]string{"-fix", "-diff", "/tmp/b001/vet.cfg"}, true},
		{[]string{"-flags"}, true},
		{[]string{"-V=full"}, true},
		{[]string{"help", "doublerelease"}, true},
		{nil, false},
		{[]string{"./..."}, false},
		{[]string{"-V"}, false},
		{[]string{"-json", "./pkg/help"}, false},
	} {
		if got := isUnitcheckerInvocation(tc.args); got != tc.want {
			t.Errorf("isUnitcheckerInvocation(%q) = %v, want %v", tc.args, got, tc.want)
		}
	}
}
