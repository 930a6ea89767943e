package server

import (
	"slices"
	"sort"

	"github.com/blocwatch/blocwatch/internal/format"
	"github.com/blocwatch/blocwatch/internal/registry"
	"github.com/blocwatch/blocwatch/internal/web"
)

// shapeChains maps each country shape of the world map (ISO 3166-1 numeric
// id) to the registry codes that may stand for it, in order: the state
// that holds the seat today, then the former states whose territory it was
// (Kazakhstan: KAZ, then SUN; Croatia: HRV, then YUG). A former state with
// a shape of its own (TWN) is never a stand-in. On a map of one date or
// year, a shape takes the first code in its chain that has a value.
func shapeChains(reg *registry.Registry) map[string][]string {
	shapes := web.Shapes()
	ownShape := map[string]bool{}
	for _, c := range shapes {
		ownShape[c] = true
	}
	preds := map[string][]string{} // state → former states it succeeded
	for _, st := range reg.States() {
		if !st.Former {
			continue
		}
		for _, succ := range st.Successors {
			preds[succ] = append(preds[succ], st.Code)
		}
	}
	var chain func(code string, seen []string) []string
	chain = func(code string, seen []string) []string {
		if slices.Contains(seen, code) {
			return seen
		}
		seen = append(seen, code)
		ps := preds[code]
		sort.Strings(ps)
		for _, p := range ps {
			if !ownShape[p] {
				seen = chain(p, seen)
			}
		}
		return seen
	}
	out := make(map[string][]string, len(shapes))
	for id, code := range shapes {
		out[id] = chain(code, nil)
	}
	return out
}

// mapRow is one shape of a map: the state it stands for and its value or
// category.
type mapRow struct {
	ID    string `json:"id"`   // the shape's ISO 3166-1 numeric id
	State string `json:"code"` // the registry code whose value it shows
	Name  string `json:"name"`
	Value value  `json:"v,omitempty"`
	Cat   string `json:"c,omitempty"` // Yes, No, Abstain, Not voting
	N     int    `json:"n,omitempty"`
}

// mapData is a world map's data, one row per shape with a value.
type mapData struct {
	Shapes []mapRow `json:"shapes"`
}

// Rows writes one shape a row.
func (d *mapData) Rows() *format.Rows {
	r := &format.Rows{Columns: []string{"shape", "state", "name", "value", "category", "n"}}
	for _, m := range d.Shapes {
		r.Data = append(r.Data, []any{m.ID, m.State, m.Name, cell(m.Value), m.Cat, m.N})
	}
	return r
}

// buildMap returns one row per shape whose chain has a code for which
// lookup has a row.
func (s *Server) buildMap(lookup func(code string) (mapRow, bool)) *mapData {
	d := &mapData{Shapes: []mapRow{}}
	for id, chain := range s.shapes {
		for _, code := range chain {
			if r, ok := lookup(code); ok {
				r.ID, r.State = id, code
				if r.Name == "" {
					r.Name = s.stateName(code)
				}
				d.Shapes = append(d.Shapes, r)
				break
			}
		}
	}
	sort.Slice(d.Shapes, func(i, j int) bool { return d.Shapes[i].ID < d.Shapes[j].ID })
	return d
}

var voteCategory = map[string]string{"Y": "Yes", "N": "No", "A": "Abstain", "X": "Not voting"}

// agreementMap colours every state by its alignment with l.State.
func (s *Server) agreementMap(l *partnerList) *mapData {
	byCode := map[string]partner{}
	for _, p := range l.All {
		byCode[p.State] = p
	}
	return s.buildMap(func(code string) (mapRow, bool) {
		if code == l.State {
			return mapRow{Name: s.stateName(code) + " (itself)"}, true
		}
		p, ok := byCode[code]
		if !ok {
			return mapRow{}, false
		}
		return mapRow{Name: p.Name, Value: p.Value, N: p.N}, true
	})
}
