package align

import "sort"

// MinCommon is the least number of roll calls two states must share in a
// year for one to count among the other's partners: ten, or half the
// state's roll calls in the year if it cast fewer than twenty. pairs are
// the state's pairs.
func MinCommon(pairs []Pair) int {
	most := 0
	for _, p := range pairs {
		most = max(most, p.N)
	}
	return max(1, min(10, most/2))
}

// ByState indexes the pairs of a table (AllPairs) by state, both
// ways: every state's pairs with B the other state. It returns the states
// in code order.
func ByState(pairs []Pair) ([]string, map[string][]Pair) {
	by := map[string][]Pair{}
	for _, p := range pairs {
		by[p.A] = append(by[p.A], p)
		q := p
		q.A, q.B = p.B, p.A
		for i := range 3 {
			for j := range 3 {
				q.Counts[i][j] = p.Counts[j][i]
			}
		}
		by[p.B] = append(by[p.B], q)
	}
	states := make([]string, 0, len(by))
	for s := range by {
		states = append(states, s)
	}
	sort.Strings(states)
	return states, by
}

// Partner is another state's alignment with a state over a table's window.
type Partner struct {
	State string // the other state
	N     int    // roll calls both cast a vote on
	Value float64
}

// Partners ranks the other states of a state's pairs (B the other state, as
// ByState gives them) by metric, closest first; ties go to the larger N,
// then to the state code. Pairs with fewer than minN roll calls, or an
// undefined value, are left out.
func Partners(pairs []Pair, m Metric, minN int) []Partner {
	var out []Partner
	for _, p := range pairs {
		if p.N < minN {
			continue
		}
		if v := p.Counts.Measure(m); v.Defined {
			out = append(out, Partner{State: p.B, N: p.N, Value: v.X})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Value != b.Value {
			return a.Value > b.Value
		}
		if a.N != b.N {
			return a.N > b.N
		}
		return a.State < b.State
	})
	return out
}
