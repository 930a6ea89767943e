package server

import (
	"fmt"
	"math"
	"sort"

	"github.com/blocwatch/blocwatch/internal/align"
	"github.com/blocwatch/blocwatch/internal/format"
	"github.com/blocwatch/blocwatch/internal/record"
)

// matrixCell is one pair of an agreement matrix.
type matrixCell struct {
	A     string `json:"a"`
	B     string `json:"b"`
	N     int    `json:"n"`
	Value value  `json:"v"`
}

// orderedState is a state in the order of an agreement matrix.
type orderedState struct {
	State    string  `json:"state"`
	Name     string  `json:"name"`
	Position float64 `json:"position"` // ideal point, or first axis
	Mean     value   `json:"mean"`     // mean of the metric with the other states
	N        int     `json:"n"`        // roll calls on which it cast a vote
}

// yearMatrix is the agreement matrix of a year, states ordered.
type yearMatrix struct {
	Year    int            `json:"year"`
	Body    string         `json:"body"`
	Issue   string         `json:"issue,omitempty"`
	Metric  string         `json:"metric"`
	OrderBy string         `json:"order_by"` // "ideal point" or "first axis of the agreement matrix"
	States  []orderedState `json:"states"`
	Cells   []matrixCell   `json:"cells"` // both (a, b) and (b, a); not a state with itself
}

// Rows writes one pair a row.
func (y *yearMatrix) Rows() *format.Rows {
	r := &format.Rows{Columns: []string{"year", "a", "b", "n", y.Metric}}
	for _, c := range y.Cells {
		r.Data = append(r.Data, []any{y.Year, c.A, c.B, c.N, cell(c.Value)})
	}
	return r
}

// minYearVotes is the least number of cast votes a state needs in a year to
// appear in its matrix.
const minYearVotes = 5

// yearMatrix builds the agreement matrix of a year.
func (s *Server) yearMatrix(sn *snapshot, year int, body record.Body, issue record.Issue, m align.Metric) (*yearMatrix, error) {
	key := fmt.Sprintf("yearmatrix|%d|%s|%d|%s", year, body, issue, m)
	return cached(sn.cache, key, func() (*yearMatrix, error) {
		t, err := sn.pairs(year, body, issue)
		if err != nil {
			return nil, err
		}
		out := &yearMatrix{Year: year, Body: bodyParam(body), Issue: issueCode(issue), Metric: m.String(), States: []orderedState{}, Cells: []matrixCell{}}
		mask := sn.mask(body, issue, "", "")
		lo, hi := sn.m.YearRange(year)
		var codes []string
		cast := map[string]int{}
		for _, c := range t.states {
			k, _ := sn.m.State(c)
			n := sn.m.CountRange(k, 0, mask, lo, hi)
			if n >= minYearVotes {
				codes = append(codes, c)
				cast[c] = n
			}
		}
		idx := map[string]int{}
		for i, c := range codes {
			idx[c] = i
		}
		n := len(codes)
		agree := make([]float64, n*n) // NaN where undefined
		for i := range agree {
			agree[i] = math.NaN()
		}
		for pair, c := range t.counts {
			i, ok1 := idx[pair[0]]
			j, ok2 := idx[pair[1]]
			if !ok1 || !ok2 {
				continue
			}
			cc := c
			v := cc.Measure(m)
			var x value
			if v.Defined {
				x = valueOf(v)
			}
			out.Cells = append(out.Cells,
				matrixCell{A: pair[0], B: pair[1], N: cc.N(), Value: x},
				matrixCell{A: pair[1], B: pair[0], N: cc.N(), Value: x})
			if a := cc.Agree(); a.Defined {
				agree[i*n+j], agree[j*n+i] = a.X, a.X
			}
		}
		sort.Slice(out.Cells, func(i, j int) bool {
			if out.Cells[i].A != out.Cells[j].A {
				return out.Cells[i].A < out.Cells[j].A
			}
			return out.Cells[i].B < out.Cells[j].B
		})
		pos := make([]float64, n)
		out.OrderBy = "first axis of the agreement matrix"
		if st := sn.ideal.Load(); st.Status == idealReady && body != record.SC {
			found := 0
			for i, c := range codes {
				if p, ok := st.point(c, year); ok {
					pos[i] = p.X
					found++
				} else {
					pos[i] = math.NaN()
				}
			}
			if found == n {
				out.OrderBy = "ideal point"
			}
		}
		if out.OrderBy != "ideal point" {
			pos = align.FirstAxis(agree, n, idx["USA"])
		}
		sums := map[string]float64{}
		counts := map[string]int{}
		for _, c := range out.Cells {
			if c.Value != nil {
				sums[c.A] += *c.Value
				counts[c.A]++
			}
		}
		for i, c := range codes {
			os := orderedState{State: c, Name: s.stateName(c), Position: pos[i], N: cast[c]}
			if counts[c] > 0 {
				mv := sums[c] / float64(counts[c])
				os.Mean = &mv
			}
			out.States = append(out.States, os)
		}
		sort.SliceStable(out.States, func(i, j int) bool {
			if out.States[i].Position != out.States[j].Position {
				return out.States[i].Position < out.States[j].Position
			}
			return out.States[i].State < out.States[j].State
		})
		return out, nil
	})
}
