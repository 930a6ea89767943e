package align

import (
	"errors"
	"math/bits"

	"github.com/blocwatch/blocwatch/internal/parallel"
	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/votes"
)

// Pair is the cross-table of two states over a window. Every measure of the
// pair is a method of Counts: p.Counts.Agree(), p.Counts.MeasureIn(m, window).
type Pair struct {
	A, B   string // state codes, A < B
	N      int    // roll calls on which both cast a vote
	Counts Counts
}

// Table holds the pairs of states of one window.
type Table struct {
	Window
	Pairs []Pair
}

// AllPairs returns, for every window, the cross-table of every pair of
// states, restricted to the roll calls in mask (nil for all). Only pairs
// with at least one roll call on which both cast a vote appear, ordered by
// A, then B, with A before B in code order. The windows are shared out among
// runtime.GOMAXPROCS goroutines.
//
// Each cross-table counts the absences too (Counts.Absent): the roll calls
// on which one state voted and the other was a non-voting member.
func AllPairs(m *votes.Matrix, ws []Window, mask votes.Mask) ([]Table, error) {
	if mask != nil && len(mask) != m.Words() {
		return nil, errors.New("align: mask is not of this matrix")
	}
	states := m.States()
	sets := make([][4][]uint64, len(states))
	const nsets = 4 // yes, no, abstain, non-voting
	for s := range states {
		c := stateSets(m, s)
		sets[s] = [4][]uint64{c[0], c[1], c[2], m.Set(s, record.NonVoting)}
	}
	out := make([]Table, len(ws))
	parallel.For(len(ws), func() func(k int) {
		var buf, cast []uint64
		var active []int
		return func(k int) {
			sp := resolveWindow(m, ws[k], mask)
			nw := len(sp.mask)
			// The states that cast a vote in the window, with the
			// window's words of their cast, yes, no, abstain and
			// non-voting sets, masked, side by side.
			active, buf, cast = active[:0], buf[:0], cast[:0]
			for s := range states {
				c := m.Set(s, 0)[sp.w0:]
				seen := uint64(0)
				for i, mk := range sp.mask {
					seen |= c[i] & mk
				}
				if seen == 0 {
					continue
				}
				active = append(active, s)
				for i, mk := range sp.mask {
					cast = append(cast, c[i]&mk)
				}
				for v := range nsets {
					set := sets[s][v][sp.w0:]
					for i, mk := range sp.mask {
						buf = append(buf, set[i]&mk)
					}
				}
			}
			// Count the pairs that voted together, to allocate them
			// at once.
			n := 0
			for p := range active {
				a := cast[p*nw : (p+1)*nw]
				for q := p + 1; q < len(active); q++ {
					b := cast[q*nw : (q+1)*nw]
					for i := range a {
						if a[i]&b[i] != 0 {
							n++
							break
						}
					}
				}
			}
			pairs := make([]Pair, 0, n)
			stride := nsets * nw
			for p := range active {
				a := buf[p*stride : (p+1)*stride]
				for q := p + 1; q < len(active); q++ {
					b := buf[q*stride : (q+1)*stride]
					var c Counts
					n := 0
					for i := range nw {
						by, bn, ba := b[i], b[nw+i], b[2*nw+i]
						for x := range 3 {
							ax := a[x*nw+i]
							if ax == 0 {
								continue
							}
							y := bits.OnesCount64(ax & by)
							no := bits.OnesCount64(ax & bn)
							ab := bits.OnesCount64(ax & ba)
							c[x][0] += int32(y)
							c[x][1] += int32(no)
							c[x][2] += int32(ab)
							n += y + no + ab
						}
						ax, bx := a[3*nw+i], b[3*nw+i]
						if ax|bx == 0 {
							continue
						}
						for x := range 3 {
							c[x][iAbsent] += int32(bits.OnesCount64(a[x*nw+i] & bx))
							c[iAbsent][x] += int32(bits.OnesCount64(ax & b[x*nw+i]))
						}
					}
					if n > 0 {
						pairs = append(pairs, Pair{A: states[active[p]], B: states[active[q]], N: n, Counts: c})
					}
				}
			}
			out[k] = Table{Window: ws[k], Pairs: pairs}
		}
	})
	return out, nil
}
