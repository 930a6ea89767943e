package main

import (
	"compress/gzip"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/blocwatch/blocwatch/internal/realdata"
	"github.com/blocwatch/blocwatch/internal/store/storetest"
)

// eachGARow calls f with every data row of the real GA file and the
// index of its columns by name: a plain loop over the file, which the
// tests take as their oracle.
func eachGARow(t *testing.T, f func(rec []string, col map[string]int)) {
	t.Helper()
	fh, err := os.Open(realdata.File(t, "undl/ga_voting.csv.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	zr, err := gzip.NewReader(fh)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(zr)
	head, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		f(rec, col)
	}
}

// naiveVotes reads, by a plain loop over the rows of the GA file, the Y, N
// and A votes of the states in keep by roll call (undl_id, or symbol and
// date), and the year of every roll call.
func naiveVotes(t *testing.T, keep map[string]bool) (votes map[string]map[string]string, year map[string]int) {
	t.Helper()
	votes, year = map[string]map[string]string{}, map[string]int{}
	eachGARow(t, func(rec []string, col map[string]int) {
		v := rec[col["ms_vote"]]
		if v != "Y" && v != "N" && v != "A" {
			return
		}
		rc := rec[col["undl_id"]] + "|" + rec[col["resolution"]] + "|" + rec[col["date"]]
		y, _ := strconv.Atoi(rec[col["date"]][:4])
		year[rc] = y
		if s := rec[col["ms_code"]]; keep[s] {
			if votes[s] == nil {
				votes[s] = map[string]string{}
			}
			votes[s][rc] = v
		}
	})
	return votes, year
}

// naiveAgreement computes the agreement of a and b per year as
// ../shared/bench/agree_datatable.R defines it: the share of roll calls on
// which both cast Y, N or A and cast the same vote.
func naiveAgreement(votes map[string]map[string]string, year map[string]int, a, b string) map[int][2]float64 {
	votesA, votesB := votes[a], votes[b]
	out := map[int][2]float64{}
	for rc, va := range votesA {
		vb, ok := votesB[rc]
		if !ok {
			continue
		}
		s := out[year[rc]]
		s[0]++
		if va == vb {
			s[1]++
		}
		out[year[rc]] = s
	}
	return out
}

// TestAgreementMatchesPeer reads the store of the real GA file (storetest)
// and checks that `blocwatch align A B --by year --metric agree --format csv` equals the
// peer's definition, computed independently, in every year, for the dyads
// the peer script prints.
func TestAgreementMatchesPeer(t *testing.T) {
	db := storetest.Of(t, "undl/ga_voting.csv.gz")
	votes, year := naiveVotes(t, map[string]bool{"PRK": true, "RUS": true, "CHN": true, "KOR": true, "USA": true})
	for _, d := range [][2]string{{"PRK", "RUS"}, {"CHN", "PRK"}, {"KOR", "USA"}} {
		want := naiveAgreement(votes, year, d[0], d[1])
		// The peer counts every record: --keep-duplicates gives record-level n.
		code, out, stderr := blocwatch(t, "--db", db, "align", d[0], d[1], "--by", "year", "--metric", "agree", "--keep-duplicates", "--format", "csv")
		if code != 0 {
			t.Fatalf("%v: %s", d, stderr)
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if lines[0] != "year,a,b,n,agree,partial,universe" {
			t.Fatalf("header %q", lines[0])
		}
		got := map[int][2]float64{}
		for _, l := range lines[1:] {
			var y, n int
			var x float64
			f := strings.Split(l, ",")
			y, _ = strconv.Atoi(f[0])
			n, _ = strconv.Atoi(f[3])
			x, _ = strconv.ParseFloat(f[4], 64)
			if f[1] != d[0] || f[2] != d[1] {
				t.Fatalf("row %q", l)
			}
			got[y] = [2]float64{float64(n), x}
		}
		if len(got) != len(want) {
			t.Errorf("%v: %d years, want %d", d, len(got), len(want))
		}
		for y, w := range want {
			g, ok := got[y]
			if !ok || g[0] != w[0] || math.Abs(g[1]-w[1]/w[0]) > 1e-12 {
				t.Errorf("%v %d: got n=%v agree=%v, want n=%v agree=%v", d, y, g[0], g[1], w[0], w[1]/w[0])
			}
		}
		t.Logf("%s-%s: %d years match, e.g. 2022: %v", d[0], d[1], len(want), fmt.Sprint(got[2022]))
	}
}
