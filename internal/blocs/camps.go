package blocs

import (
	"fmt"
	"strings"

	"github.com/blocwatch/blocwatch/internal/align"
	"github.com/blocwatch/blocwatch/internal/votes"
)

// A Preset names two groups of the registry whose split is often asked
// about.
type Preset struct {
	Name string // as the command line takes it
	A, B string // group codes
}

// Presets are the named pairs of camps.
var Presets = []Preset{
	{"korea", "KOREA-WEST", "KOREA-EAST"},
	{"nato-sco", "NATO", "SCO"},
	{"g7-brics", "G7", "BRICS"},
}

// LookupPreset returns the preset of the given name, case ignored.
func LookupPreset(name string) (Preset, error) {
	var names []string
	for _, p := range Presets {
		if strings.EqualFold(p.Name, strings.TrimSpace(name)) {
			return p, nil
		}
		names = append(names, p.Name)
	}
	return Preset{}, fmt.Errorf("unknown preset %q (want one of %s)", name, strings.Join(names, ", "))
}

// A CampRow checks two camps against each other in one window. Every value
// is the metric m of Options (agreement by default), or the distance 1 − m:
//
//	CohesionA  mean m over the dyads of two members of A (undefined for a state)
//	Between    mean m over the dyads of a member of A and a member of B
//	Distance   1 − Between
//	Spread     mean 1 − m over every pair of states that voted in the window
//	Ratio      Distance / Spread: above 1, the camps are further apart than
//	           two states taken at random
//	Separation (mean of CohesionA and CohesionB − Between) / Spread: how much
//	           closer the members are to their own camp than to the other,
//	           in units of the world's spread
//
// A dyad counts over the roll calls on which both states were members of
// their camps and both cast a vote, if there is at least one; a pair of
// states for Spread if it has one roll call in common.
type CampRow struct {
	align.Window
	A, B       string
	N          int // roll calls on which a dyad of A and B both voted
	DyadsAB    int // dyads of a member of A and a member of B with a roll call in common
	DyadsA     int // dyads within A
	DyadsB     int // dyads within B
	CohesionA  align.Value
	CohesionB  align.Value
	Between    align.Value
	Distance   align.Value
	Spread     align.Value
	Ratio      align.Value
	Separation align.Value

	// Split reports that the camps are divided in the window: each camp
	// agrees more within itself than with the other (CohesionA and
	// CohesionB above Between) and they are further apart than the
	// world's mean pair (Ratio above 1).
	Split bool
}

// Camps checks camps a and b against each other in each window, with
// Options.Metric over the roll calls of Options.Mask. Windows in which no
// member of a votes on a roll call with a member of b are left out; it is an
// error if all are.
func Camps(m *votes.Matrix, a, b align.Side, ws []align.Window, o Options) ([]CampRow, error) {
	o, err := o.withDefaults()
	if err != nil {
		return nil, err
	}
	if len(ws) == 0 {
		return nil, errNoWindows
	}
	ao := align.Options{Metrics: []align.Metric{o.Metric}, Mask: o.Mask, MeanOfDyads: true}
	between, err := align.Compare(m, a, b, ws, ao)
	if err != nil {
		return nil, err
	}
	within := func(s align.Side) map[string]align.Row {
		rows := map[string]align.Row{}
		if !s.IsGroup() {
			return rows
		}
		sr, err := align.Compare(m, s, s, ws, ao)
		if err != nil {
			return rows // no two members voted together: cohesion undefined
		}
		for _, r := range sr.Rows {
			rows[r.Label] = r
		}
		return rows
	}
	wa, wb := within(a), within(b)
	tables, err := align.AllPairs(m, ws, o.Mask)
	if err != nil {
		return nil, err
	}
	spread := map[string]align.Value{}
	for _, t := range tables {
		s, n := 0.0, 0
		for i := range t.Pairs {
			if v := t.Pairs[i].Counts.Measure(o.Metric); v.Defined {
				s += 1 - v.X
				n++
			}
		}
		if n > 0 {
			spread[t.Label] = align.Value{X: s / float64(n), Defined: true}
		}
	}
	out := make([]CampRow, 0, len(between.Rows))
	for _, br := range between.Rows {
		r := CampRow{Window: br.Window, A: a.Name, B: b.Name, N: br.N, DyadsAB: br.Dyads, Between: br.Values[0]}
		if !a.IsGroup() && !b.IsGroup() {
			r.DyadsAB = 1 // align counts dyads of groups only
		}
		if x, ok := wa[br.Label]; ok {
			r.CohesionA, r.DyadsA = x.Values[0], x.Dyads/2
		}
		if x, ok := wb[br.Label]; ok {
			r.CohesionB, r.DyadsB = x.Values[0], x.Dyads/2
		}
		if r.Between.Defined {
			r.Distance = align.Value{X: 1 - r.Between.X, Defined: true}
		}
		r.Spread = spread[br.Label]
		if r.Distance.Defined && r.Spread.Defined && r.Spread.X > 0 {
			r.Ratio = align.Value{X: r.Distance.X / r.Spread.X, Defined: true}
			if r.CohesionA.Defined && r.CohesionB.Defined {
				c := (r.CohesionA.X + r.CohesionB.X) / 2
				r.Separation = align.Value{X: (c - r.Between.X) / r.Spread.X, Defined: true}
				r.Split = r.CohesionA.X > r.Between.X && r.CohesionB.X > r.Between.X && r.Ratio.X > 1
			}
		}
		out = append(out, r)
	}
	return out, nil
}

// SplitSince returns the index of the first row of the unbroken run of
// split rows that ends with the last row, or -1 if the last row is not
// split. Rows are taken in order, a left-out window does not break a run.
func SplitSince(rows []CampRow) int {
	k := -1
	for i := len(rows) - 1; i >= 0 && rows[i].Split; i-- {
		k = i
	}
	return k
}
