package align

import (
	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/votes"
)

// Behind is one roll call behind a figure: the roll call and each side's
// vote on it.
type Behind struct {
	Index int // in the matrix
	A, B  record.Vote
	Same  bool // both cast the same vote
}

// RollCalls lists the roll calls that a Compare of a and b counts in window
// w with options o: those in o.Mask and w on which both sides cast a yes, no
// or abstain vote, in matrix (date) order. Their number is the figure's n.
func RollCalls(m *votes.Matrix, a, b Side, w Window, o Options) ([]Behind, error) {
	va, err := Votes(m, a)
	if err != nil {
		return nil, err
	}
	vb, err := Votes(m, b)
	if err != nil {
		return nil, err
	}
	lo, hi := m.DateRange(w.From, w.To)
	var out []Behind
	for i := lo; i < hi; i++ {
		if o.Mask != nil && !o.Mask.Has(i) {
			continue
		}
		if w.Session != 0 && m.RollCall(i).Session != w.Session {
			continue
		}
		if va[i].Cast() && vb[i].Cast() {
			out = append(out, Behind{Index: i, A: va[i], B: vb[i], Same: va[i] == vb[i]})
		}
	}
	return out, nil
}
