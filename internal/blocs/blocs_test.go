package blocs

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/community"
	"gonum.org/v1/gonum/graph/simple"

	"github.com/blocwatch/blocwatch/internal/align"
	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/votes"
)

var castVotes = [3]record.Vote{record.Yes, record.No, record.Abstain}

// planted builds a matrix of one year's roll calls in which the states of
// each bloc follow their bloc's line (a random vote per roll call) with
// probability loyalty, and cast a random vote otherwise. It returns the
// matrix and each state's bloc.
func planted(t testing.TB, seed uint64, sizes []int, rollCalls int, loyalty float64) (*votes.Matrix, map[string]int) {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 7))
	b := votes.NewBuilder()
	truth := map[string]int{}
	var states []string
	for k, n := range sizes {
		for i := range n {
			s := fmt.Sprintf("S%d%02d", k, i)
			states = append(states, s)
			truth[s] = k
		}
	}
	for r := range rollCalls {
		rc := b.AddRollCall(votes.RollCall{ID: int64(r + 1), Body: record.GA, Date: fmt.Sprintf("2001-%02d-%02d", 1+r/28, 1+r%28), Title: fmt.Sprintf("Item %d", r)})
		line := make([]record.Vote, len(sizes))
		for k := range line {
			line[k] = castVotes[rng.IntN(3)]
		}
		for _, s := range states {
			v := line[truth[s]]
			if rng.Float64() > loyalty {
				v = castVotes[rng.IntN(3)]
			}
			if err := b.Add(rc, s, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	return b.Build(), truth
}

// labels returns the found and true labels of the placed states, in the
// same order.
func labels(p *Partition, truth map[string]int) (found, want []int) {
	for _, m := range p.Members {
		found = append(found, m.Bloc)
		want = append(want, truth[m.State])
	}
	return found, want
}

// contingency returns the table of two labelings.
func contingency(a, b []int) (map[[2]int]int, map[int]int, map[int]int) {
	n := map[[2]int]int{}
	ra, rb := map[int]int{}, map[int]int{}
	for i := range a {
		n[[2]int{a[i], b[i]}]++
		ra[a[i]]++
		rb[b[i]]++
	}
	return n, ra, rb
}

// nmi is the normalised mutual information of two labelings, I/sqrt(H_a H_b)
// (Strehl & Ghosh 2002); 1 for identical partitions.
func nmi(a, b []int) float64 {
	n, ra, rb := contingency(a, b)
	total := float64(len(a))
	h := func(m map[int]int) float64 {
		s := 0.0
		for _, c := range m {
			p := float64(c) / total
			s -= p * math.Log(p)
		}
		return s
	}
	mi := 0.0
	for k, c := range n {
		p := float64(c) / total
		mi += p * math.Log(p/(float64(ra[k[0]])/total*float64(rb[k[1]])/total))
	}
	ha, hb := h(ra), h(rb)
	if ha == 0 || hb == 0 {
		if ha == hb {
			return 1
		}
		return 0
	}
	return mi / math.Sqrt(ha*hb)
}

// ari is the adjusted Rand index of two labelings (Hubert & Arabie 1985).
func ari(a, b []int) float64 {
	n, ra, rb := contingency(a, b)
	c2 := func(x int) float64 { return float64(x) * float64(x-1) / 2 }
	var sij, sa, sb float64
	for _, c := range n {
		sij += c2(c)
	}
	for _, c := range ra {
		sa += c2(c)
	}
	for _, c := range rb {
		sb += c2(c)
	}
	exp := sa * sb / c2(len(a))
	mx := (sa + sb) / 2
	if mx == exp {
		return 1
	}
	return (sij - exp) / (mx - exp)
}

func TestIndexesOfKnownLabelings(t *testing.T) {
	a := []int{1, 1, 2, 2, 3, 3}
	if got := nmi(a, []int{7, 7, 8, 8, 9, 9}); math.Abs(got-1) > 1e-12 {
		t.Errorf("nmi of relabelled partition = %v", got)
	}
	if got := ari(a, []int{7, 7, 8, 8, 9, 9}); math.Abs(got-1) > 1e-12 {
		t.Errorf("ari of relabelled partition = %v", got)
	}
	// One state moved: contingency cells 2, 1, 1, 2, so Σ C(n_ij, 2) = 2;
	// rows 2, 2, 2 give 3, columns 2, 1, 3 give 4; C(6, 2) = 15. Expected
	// 3·4/15 = 0.8, maximum (3+4)/2 = 3.5: ARI = 1.2/2.7 = 4/9.
	if got := ari(a, []int{1, 1, 2, 3, 3, 3}); math.Abs(got-4.0/9) > 1e-12 {
		t.Errorf("ari with one state moved = %v, want 4/9", got)
	}
}

func TestPlantedBlocsRecovered(t *testing.T) {
	cases := []struct {
		sizes   []int
		loyalty float64
		metric  align.Metric
	}{
		{[]int{20, 15, 10}, 0.85, align.Agree},
		{[]int{20, 15, 10}, 0.85, align.Kappa},
		{[]int{30, 30}, 0.8, align.Agree},
		{[]int{12, 12, 12, 12}, 0.85, align.Agree},
		{[]int{25, 10, 6}, 0.85, align.Kappa},
	}
	for i, tc := range cases {
		for seed := uint64(1); seed <= 3; seed++ {
			m, truth := planted(t, seed*100+uint64(i), tc.sizes, 120, tc.loyalty)
			ps, err := Detect(m, []align.Window{align.Year(2001)}, Options{Metric: tc.metric, Seed: seed})
			if err != nil {
				t.Fatal(err)
			}
			p := &ps[0]
			found, want := labels(p, truth)
			if len(found) != len(truth) {
				t.Fatalf("case %d: %d states placed, want %d", i, len(found), len(truth))
			}
			if n, r := nmi(found, want), ari(found, want); n < 0.9 || r < 0.9 {
				t.Errorf("case %d seed %d (%v): NMI %.3f, ARI %.3f, blocs %d, want ≥ 0.9", i, seed, tc.metric, n, r, len(p.Blocs))
			}
			if len(p.Blocs) != len(tc.sizes) {
				t.Errorf("case %d seed %d: %d blocs, want %d", i, seed, len(p.Blocs), len(tc.sizes))
			}
			for k := 1; k < len(p.Blocs); k++ {
				if len(p.Blocs[k].Members) > len(p.Blocs[k-1].Members) {
					t.Errorf("blocs not ordered by size: %d then %d", len(p.Blocs[k-1].Members), len(p.Blocs[k].Members))
				}
			}
			if !p.Polarization.Defined || p.Polarization.X <= 0 || p.Polarization.X > 1 {
				t.Errorf("polarization %v", p.Polarization)
			}
			if !p.Modularity.Defined || p.Modularity.X <= 0 {
				t.Errorf("modularity %v", p.Modularity)
			}
		}
	}
}

func TestDetectReproducible(t *testing.T) {
	m, _ := planted(t, 9, []int{15, 15, 8}, 80, 0.7)
	ws := []align.Window{align.Year(2001)}
	a, err := Detect(m, ws, Options{Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	for range 5 {
		b, err := Detect(m, ws, Options{Seed: 5})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(a, b) {
			t.Fatal("the same seed gave different blocs")
		}
	}
	// A window's blocs do not depend on the other windows asked for.
	series, err := Detect(m, []align.Window{align.Year(2000), align.Year(2001), align.Period("2001-01-01", "2001-02-28")}, Options{Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	if len(series) != 2 {
		t.Fatalf("%d partitions, want 2 (2000 has no roll calls)", len(series))
	}
	if !reflect.DeepEqual(series[0].Members, a[0].Members) {
		t.Error("2001 alone and 2001 in a series differ")
	}
}

// matrixOf builds a matrix from rows "STATE votes", one vote letter per roll
// call ("." for none; spaces are ignored), the roll calls dated by dates
// and titled by titles (if given).
func matrixOf(t testing.TB, dates []string, titles []string, rows ...string) *votes.Matrix {
	t.Helper()
	b := votes.NewBuilder()
	for i, d := range dates {
		title := ""
		if titles != nil {
			title = titles[i]
		}
		b.AddRollCall(votes.RollCall{ID: int64(i + 1), Body: record.GA, Date: d, Title: title, Resolution: fmt.Sprintf("A/RES/%d", i+1)})
	}
	for _, row := range rows {
		f := strings.Fields(row)
		state, vs := f[0], strings.Join(f[1:], "")
		if len(vs) != len(dates) {
			t.Fatalf("row %q: %d votes for %d roll calls", row, len(vs), len(dates))
		}
		for i, c := range vs {
			if c == '.' {
				continue
			}
			if err := b.Add(i, state, record.Vote(c)); err != nil {
				t.Fatal(err)
			}
		}
	}
	return b.Build()
}

func days(n int, year int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%d-01-%02d", year, i+1)
	}
	return out
}

func TestEdgeAndCohesionByHand(t *testing.T) {
	// Two blocs of three that split on every roll call (but for the last
	// votes of AAC and BBC), and MID, who votes with bloc A on the first
	// six roll calls and with B on four.
	m := matrixOf(t, days(10, 2001), nil,
		"AAA YYYYYYYYYY",
		"AAB YYYYYYYYYY",
		"AAC YYYYYYYYYN",
		"BBA NNNNNNNNNN",
		"BBB NNNNNNNNNN",
		"BBC NNNNNNNNNY",
		"MID YYYYYYNNNN",
	)
	ps, err := Detect(m, []align.Window{align.Year(2001)}, Options{MinN: 5, EdgeMargin: 0.3})
	if err != nil {
		t.Fatal(err)
	}
	p := &ps[0]
	if len(p.Blocs) != 2 {
		t.Fatalf("%d blocs: %+v", len(p.Blocs), p.Blocs)
	}
	a := p.Bloc(p.Member("AAA").Bloc)
	if !slices.Equal(a.Members, []string{"AAA", "AAB", "AAC", "MID"}) {
		t.Fatalf("bloc of AAA: %v", a.Members)
	}
	// Agreement within A: AAA-AAB 1, AAA-AAC .9, AAB-AAC .9, MID with
	// them .6, .6, .7: mean (1+.9+.9+.6+.6+.7)/6 = 4.7/6.
	if got := a.Cohesion.X; math.Abs(got-4.7/6) > 1e-12 || a.Pairs != 6 {
		t.Errorf("cohesion %v over %d pairs, want 4.7/6 over 6", got, a.Pairs)
	}
	mid := p.Member("MID")
	// Own: (.6+.6+.7)/3; with B: (.4+.4+.3)/3; margin .8/3.
	if math.Abs(mid.Own.X-1.9/3) > 1e-12 || math.Abs(mid.Other.X-1.1/3) > 1e-12 || math.Abs(mid.Margin.X-0.8/3) > 1e-12 {
		t.Errorf("MID own %v other %v margin %v", mid.Own, mid.Other, mid.Margin)
	}
	if !mid.Edge || !slices.Equal(a.Edge, []string{"MID"}) {
		t.Errorf("MID on edge %v, bloc edge %v", mid.Edge, a.Edge)
	}
	if a.Anchor != "AAA" && a.Anchor != "AAB" {
		t.Errorf("anchor %s", a.Anchor)
	}
	if p.Member("AAA").Edge {
		t.Error("AAA on the edge")
	}
}

func TestPolarizationByHand(t *testing.T) {
	// Two blocs of two that always split: within-bloc disagreement 0,
	// between 1. T = (N-1)·mean δ = 3·(4/6) = 2, W = 0: polarization 1.
	m := matrixOf(t, days(10, 2001), nil,
		"AAA YYYYYYYYYY", "AAB YYYYYYYYYY", "BBA NNNNNNNNNN", "BBB NNNNNNNNNN")
	ps, err := Detect(m, []align.Window{align.Year(2001)}, Options{MinN: 5})
	if err != nil {
		t.Fatal(err)
	}
	if p := ps[0].Polarization; !p.Defined || math.Abs(p.X-1) > 1e-12 {
		t.Errorf("polarization %v, want 1", p)
	}
	// Check the formula on its own, with unequal disagreements: blocs
	// {0,1} and {2,3}; δ01 = .2, δ23 = .4, between pairs .8, .6, .7, .9.
	n := 4
	dis := make([]float64, n*n)
	has := make([]bool, n*n)
	set := func(i, j int, d float64) {
		dis[i*n+j], dis[j*n+i], has[i*n+j], has[j*n+i] = d, d, true, true
	}
	set(0, 1, .2)
	set(2, 3, .4)
	set(0, 2, .8)
	set(0, 3, .6)
	set(1, 2, .7)
	set(1, 3, .9)
	// T = 3 · 3.6/6 = 1.8; W = 1·.2 + 1·.4 = .6; 1 − W/T = 2/3.
	got := polarization(n, [][]int{{0, 1}, {2, 3}}, dis, has)
	if math.Abs(got.X-2.0/3) > 1e-12 {
		t.Errorf("polarization %v, want 2/3", got.X)
	}
	// No disagreement at all: undefined, not NaN.
	if got := polarization(n, [][]int{{0, 1, 2, 3}}, make([]float64, n*n), has); got.Defined {
		t.Errorf("polarization without disagreement %v", got)
	}
}

func TestTracking(t *testing.T) {
	// 2001: {A1..A4} {B1..B4}; 2002: B1 joins the A bloc; a new bloc C
	// of states that did not vote in 2001.
	dates := append(days(8, 2001), days(8, 2002)...)
	m := matrixOf(t, dates, nil,
		"A1 YYYYYYYYYYYYYYYY", "A2 YYYYYYYYYYYYYYYY", "A3 YYYYYYYYYYYYYYYY", "A4 YYYYYYYYYYYYYYYY",
		"B1 NNNNNNNNYYYYYYYY", "B2 NNNNNNNNNNNNNNNN", "B3 NNNNNNNNNNNNNNNN", "B4 NNNNNNNNNNNNNNNN",
		"C1 ........AAAAAAAA", "C2 ........AAAAAAAA", "C3 ........AAAAAAAA",
	)
	ps, err := Detect(m, []align.Window{align.Year(2001), align.Year(2002)}, Options{MinN: 4})
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 2 || len(ps[0].Blocs) != 2 || len(ps[1].Blocs) != 3 {
		t.Fatalf("blocs: %+v", ps)
	}
	a01 := ps[0].Bloc(ps[0].Member("A1").Bloc)
	a02 := ps[1].Bloc(ps[1].Member("A1").Bloc)
	b01 := ps[0].Bloc(ps[0].Member("B2").Bloc)
	b02 := ps[1].Bloc(ps[1].Member("B2").Bloc)
	c02 := ps[1].Bloc(ps[1].Member("C1").Bloc)
	if a02.Track != a01.Track || a02.Continues != a01.ID || math.Abs(a02.Jaccard-0.8) > 1e-12 {
		t.Errorf("A bloc: 2001 %+v, 2002 %+v (want Jaccard 4/5)", a01, a02)
	}
	if b02.Track != b01.Track || math.Abs(b02.Jaccard-0.75) > 1e-12 {
		t.Errorf("B bloc: 2001 %+v, 2002 %+v (want Jaccard 3/4)", b01, b02)
	}
	if c02.Track != 3 || c02.Continues != 0 {
		t.Errorf("C bloc %+v: want a new track 3", c02)
	}
	h, err := History(ps, "B1")
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 2 || h[0].Track != b01.Track || h[1].Track != a01.Track {
		t.Errorf("history of B1: %+v", h)
	}
	if _, err := History(ps, "ZZZ"); err == nil {
		t.Error("history of an unknown state")
	}
}

func TestDetectErrors(t *testing.T) {
	m := matrixOf(t, days(3, 2001), nil, "AAA YYY", "BBB NNN")
	if _, err := Detect(m, []align.Window{align.Year(2001)}, Options{}); err == nil {
		t.Error("no pair with 10 roll calls in common, but no error")
	}
	if _, err := Detect(m, nil, Options{}); err == nil {
		t.Error("no windows, but no error")
	}
	if _, err := Detect(m, []align.Window{align.Year(2001)}, Options{Resolution: -1}); err == nil {
		t.Error("negative resolution accepted")
	}
	ps, err := Detect(m, []align.Window{align.Year(2001)}, Options{MinN: 3})
	if err != nil {
		t.Fatal(err)
	}
	// Two states that never agree: no edge of positive weight, so each is
	// its own bloc; nothing is NaN.
	if len(ps[0].Blocs) != 2 || ps[0].Blocs[0].Cohesion.Defined {
		t.Errorf("blocs %+v", ps[0].Blocs)
	}
	for _, mb := range ps[0].Members {
		if mb.Own.Defined || mb.Margin.Defined || math.IsNaN(mb.Other.X) {
			t.Errorf("member %+v", mb)
		}
	}
}

func TestModularityAsGonum(t *testing.T) {
	m, _ := planted(t, 3, []int{10, 8, 6}, 60, 0.7)
	tables, err := align.AllPairs(m, []align.Window{align.Year(2001)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	n := m.NumStates()
	w := make([]float64, n*n)
	g := simple.NewUndirectedMatrix(n, 0, 0, 0)
	for _, p := range tables[0].Pairs {
		a, _ := m.State(p.A)
		b, _ := m.State(p.B)
		v := p.Counts.Kappa().X // some are negative: left out of the graph
		if v > 0 {
			w[a*n+b], w[b*n+a] = v, v
			g.SetWeightedEdge(simple.WeightedEdge{F: simple.Node(a), T: simple.Node(b), W: v})
		}
	}
	blocOf := make([]int, n)
	comms := make([][]graph.Node, 3)
	for i := range n {
		blocOf[i] = i % 3
		comms[i%3] = append(comms[i%3], simple.Node(i))
	}
	for _, gamma := range []float64{0.5, 1, 1.3} {
		want := community.Q(g, comms, gamma)
		got := modularity(n, blocOf, 3, w, gamma)
		if !got.Defined || math.Abs(got.X-want) > 1e-12 {
			t.Errorf("γ %v: Q %v, gonum %v", gamma, got, want)
		}
	}
}

// TestAgreementGraphAsGonum checks the graph type that Detect hands to
// gonum against gonum's own dense graph: the same edges, the same
// communities for the same random stream.
func TestAgreementGraphAsGonum(t *testing.T) {
	m, _ := planted(t, 11, []int{12, 9, 7}, 80, 0.7)
	tables, err := align.AllPairs(m, []align.Window{align.Year(2001)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	n := m.NumStates()
	w := make([]float64, n*n)
	dense := simple.NewUndirectedMatrix(n, 0, 0, 0)
	for _, p := range tables[0].Pairs {
		a, _ := m.State(p.A)
		b, _ := m.State(p.B)
		if v := p.Counts.Kappa().X; v > 0 {
			w[a*n+b], w[b*n+a] = v, v
			dense.SetWeightedEdge(simple.WeightedEdge{F: simple.Node(a), T: simple.Node(b), W: v})
		}
	}
	g := newAgreementGraph(n, w)
	for x := range int64(n) {
		for y := range int64(n) {
			gw, gok := g.Weight(x, y)
			dw, dok := dense.Weight(x, y)
			if x == y {
				dw, dok = 0, false // the dense graph gives its self weight
			}
			if gw != dw || gok != dok || g.HasEdgeBetween(x, y) != dense.HasEdgeBetween(x, y) ||
				(g.EdgeBetween(x, y) == nil) != (dense.EdgeBetween(x, y) == nil) {
				t.Fatalf("edge %d-%d: %v %v, gonum %v %v", x, y, gw, gok, dw, dok)
			}
		}
		if !slices.Equal(graph.NodesOf(g.From(x)), graph.NodesOf(dense.From(x))) {
			t.Fatalf("neighbours of %d differ", x)
		}
	}
	for seed := range uint64(5) {
		a := community.Modularize(g, 1, rand.NewPCG(seed, 1)).Communities()
		b := community.Modularize(dense, 1, rand.NewPCG(seed, 1)).Communities()
		if !reflect.DeepEqual(a, b) {
			t.Errorf("seed %d: communities differ:\n%v\n%v", seed, a, b)
		}
	}
}
