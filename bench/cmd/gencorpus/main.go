// Command gencorpus writes the synthetic benchmark corpus:
//
//	go run ./bench/cmd/gencorpus -scale 10 DIR
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/txvet/txvet/bench/corpus"
)

func main() {
	scale := flag.Int("scale", 1, "size of the corpus in units of about 2,000 lines")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: gencorpus [-scale N] DIR")
		os.Exit(2)
	}
	st, err := corpus.Write(flag.Arg(0), *scale, corpus.DefaultShape)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
	fmt.Printf("%d packages, %d files, %d lines, planted %v\n", st.Packages, st.Files, st.Lines, st.Planted)
}
