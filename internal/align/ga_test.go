package align

import (
	"compress/gzip"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"strconv"
	"testing"

	"github.com/blocwatch/blocwatch/internal/realdata"
	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/votes"
)

// gaRow is one member-vote row of the GA file, kept for the naive check.
type gaRow struct {
	key, state, date string
	vote             record.Vote
}

// loadGA builds a matrix from the GA file (state = ms_code, roll call =
// undl_id, or resolution and date where there is none) and returns the rows
// of the states in keep.
func loadGA(tb testing.TB, keep map[string]bool) (*votes.Matrix, []gaRow) {
	tb.Helper()
	gaFile := realdata.File(tb, "undl/ga_voting.csv.gz")
	f, err := os.Open(gaFile)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		tb.Fatal(err)
	}
	r := csv.NewReader(z)
	r.ReuseRecord = true
	head, err := r.Read()
	if err != nil {
		tb.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	for _, h := range []string{"undl_id", "ms_code", "ms_vote", "date", "session", "resolution"} {
		if _, ok := col[h]; !ok {
			tb.Fatalf("%s: no column %s", gaFile, h)
		}
	}
	b := votes.NewBuilder()
	rcs := map[string]int{}
	var rows []gaRow
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			tb.Fatal(err)
		}
		code, date := rec[col["ms_code"]], rec[col["date"]]
		if code == "" {
			continue
		}
		key := rec[col["undl_id"]]
		if key == "" {
			key = rec[col["resolution"]] + "@" + date
		}
		i, ok := rcs[key]
		if !ok {
			session, _ := strconv.Atoi(rec[col["session"]]) // ES-11 and the like: 0
			i = b.AddRollCall(votes.RollCall{ID: int64(len(rcs)), Body: record.GA, Date: date, Session: session, Resolution: rec[col["resolution"]]})
			rcs[key] = i
		}
		v, err := record.ParseVote(rec[col["ms_vote"]])
		if err != nil {
			tb.Fatalf("line %d: %v", line, err)
		}
		if err := b.Add(i, code, v); err != nil {
			tb.Fatalf("line %d: %v", line, err)
		}
		if keep[code] {
			rows = append(rows, gaRow{key, code, date, v})
		}
	}
	return b.Build(), rows
}

var gaDyads = [][2]string{{"PRK", "RUS"}, {"CHN", "PRK"}, {"KOR", "USA"}}

// TestGAAgree compares AllPairs and Compare with a naive loop over the rows
// of the GA file, in every year, for three dyads. Run with -v to see the
// values the R peer prints (years 1995, 2010, 2022, 2025).
func TestGAAgree(t *testing.T) {
	keep := map[string]bool{}
	for _, d := range gaDyads {
		keep[d[0]], keep[d[1]] = true, true
	}
	m, rows := loadGA(t, keep)

	// The R script's definition, by a loop over rows: per year (of the
	// date), the share of roll calls on which both cast Y, N or A and cast
	// the same vote.
	type tally struct{ n, same int }
	byRC := map[string]map[string]record.Vote{}
	year := map[string]int{}
	for _, r := range rows {
		if byRC[r.key] == nil {
			byRC[r.key] = map[string]record.Vote{}
		}
		byRC[r.key][r.state] = r.vote
		y, err := strconv.Atoi(r.date[:4])
		if err != nil {
			t.Fatal(err)
		}
		year[r.key] = y
	}
	naive := map[string]tally{} // "year a b"
	for key, vs := range byRC {
		for _, d := range gaDyads {
			va, vb := vs[d[0]], vs[d[1]]
			if !va.Cast() || !vb.Cast() {
				continue
			}
			k := fmt.Sprintf("%d %s %s", year[key], d[0], d[1])
			tl := naive[k]
			tl.n++
			if va == vb {
				tl.same++
			}
			naive[k] = tl
		}
	}

	ws := Years(m)
	if ws[0].Year != 1946 || ws[len(ws)-1].Year != 2026 {
		t.Fatalf("years %s..%s", ws[0].Label, ws[len(ws)-1].Label)
	}
	tables, err := AllPairs(m, ws, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Pair{}
	n := 0
	for _, tb := range tables {
		for _, p := range tb.Pairs {
			if keep[p.A] && keep[p.B] {
				got[fmt.Sprintf("%d %s %s", tb.Year, p.A, p.B)] = p
			}
		}
		n += len(tb.Pairs)
	}
	t.Logf("%d dyad-years", n)
	for _, d := range gaDyads {
		s, err := Compare(m, State(d[0]), State(d[1]), ws, Options{})
		if err != nil {
			t.Fatal(err)
		}
		series := map[int]Row{}
		for _, r := range s.Rows {
			series[r.Year] = r
		}
		years := 0
		for _, w := range ws {
			k := fmt.Sprintf("%d %s %s", w.Year, d[0], d[1])
			want, p, r := naive[k], got[k], series[w.Year]
			if want.n == 0 {
				if p.N != 0 || r.N != 0 {
					t.Errorf("%s: AllPairs n %d, Compare n %d, want none", k, p.N, r.N)
				}
				continue
			}
			years++
			agree := float64(want.same) / float64(want.n)
			if p.N != want.n || math.Abs(p.Counts.Agree().X-agree) > 1e-12 {
				t.Errorf("%s: AllPairs n %d agree %v, want n %d agree %v", k, p.N, p.Counts.Agree(), want.n, agree)
			}
			if r.N != want.n || math.Abs(r.Values[0].X-agree) > 1e-12 {
				t.Errorf("%s: Compare n %d agree %v, want n %d agree %v", k, r.N, r.Values[0], want.n, agree)
			}
			switch w.Year {
			case 1995, 2010, 2022, 2025:
				t.Logf("dyad %d %s %s %d %.7f", w.Year, d[0], d[1], p.N, p.Counts.Agree().X)
			}
		}
		t.Logf("%s-%s: %d years match", d[0], d[1], years)
	}
	// Check from the data README: A/RES/ES-11/1 (2 March 2022), PRK and RUS
	// both voted no.
	if c, err := Positions(m, State("PRK"), State("RUS"), m.Select(votes.Filter{Text: "A/RES/ES-11/1", From: "2022-03-02", To: "2022-03-02"})); err != nil || c.At(record.No, record.No) != 1 || c.N() != 1 {
		t.Errorf("ES-11/1: %v %v", c, err)
	}
}

// BenchmarkAllPairsAgree times AllPairs on the GA file: every pair of states
// in every year 1946-2026, with the agreement of each.
func BenchmarkAllPairsAgree(b *testing.B) {
	m, _ := loadGA(b, nil)
	ws := Years(m)
	runtime.GC()
	var tables []Table
	n := 0
	sum := 0.0
	b.ReportAllocs()
	for b.Loop() {
		tables = nil // keep one result alive at a time, as a caller would
		var err error
		if tables, err = AllPairs(m, ws, nil); err != nil {
			b.Fatal(err)
		}
		n = 0
		for _, t := range tables {
			for i := range t.Pairs {
				sum += t.Pairs[i].Counts.Agree().X
			}
			n += len(t.Pairs)
		}
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(n), "dyad-years")
	b.ReportMetric(float64(ms.Sys)/(1<<20), "MiB-sys")
	_ = sum
}
