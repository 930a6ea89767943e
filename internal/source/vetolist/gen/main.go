// Command gen writes the embedded veto list of package vetolist from the
// files of the published list:
//
//	go run ./gen -o vetoes.csv FILE...
//
// It is run by go generate in internal/source/vetolist.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"

	"github.com/blocwatch/blocwatch/internal/source/vetolist"
)

func main() {
	out := flag.String("o", "vetoes.csv", "file to write")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: gen -o vetoes.csv FILE...")
		os.Exit(2)
	}
	vs, problems, err := vetolist.FromFiles(flag.Args()...)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	for _, p := range problems {
		fmt.Fprintln(os.Stderr, "gen: note:", p.Error())
	}
	var b bytes.Buffer
	if err := vetolist.Encode(&b, vs); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, b.Bytes(), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "gen: %d vetoes from %d files written to %s\n", len(vs), flag.NArg(), *out)
}
