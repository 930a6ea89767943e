package blocs

import (
	"fmt"
	"sort"
	"strings"

	"github.com/blocwatch/blocwatch/internal/align"
	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/registry"
	"github.com/blocwatch/blocwatch/internal/votes"
)

// A Reference is what movers move toward or away from: a state, or a group
// of states that votes by its members' modal vote (docs/alignment.md).
type Reference struct {
	Name    string        // the state's code, or the group's code
	Members align.Members // the group's dated membership; nil for a state
}

// StateReference returns the reference of a state, by its code.
func StateReference(code string) Reference { return Reference{Name: code} }

// GroupReference returns the reference of a group with dated membership.
func GroupReference(name string, members align.Members) Reference {
	return Reference{Name: name, Members: members}
}

// Side returns the reference as a side of package align.
func (r Reference) Side() align.Side {
	if r.Members == nil {
		return align.State(r.Name)
	}
	return align.Group(r.Name, r.Members)
}

// votes returns the reference's vote on every roll call of m (0 where it
// cast none), by the rule of package align.
func (r Reference) votes(m *votes.Matrix) ([]record.Vote, error) {
	return align.Votes(m, r.Side())
}

// A Mover is a state whose alignment with the reference changed between two
// periods.
type Mover struct {
	State    string
	From, To align.Row // the state against the reference in each period (B is the state)
	Change   float64   // the metric in To minus that in From
	Switches []Switch  // the recurring roll calls on which it switched, most telling first
}

// A Switch is a recurring roll call (roll calls of the same normalised
// title, see TitleKey) on which a state voted as the reference in one
// period and not in the other. In each period, Match is the share of the
// title's roll calls on which both cast a vote and cast the same one; the
// state switched toward the reference if FromMatch < ½ < ToMatch, away if
// FromMatch > ½ > ToMatch.
type Switch struct {
	Key                string // the normalised title
	Title              string // the title of its last roll call
	Toward             bool   // toward the reference (else away)
	FromN, ToN         int    // roll calls of the title on which both voted, in each period
	FromMatch, ToMatch float64
	// The state's and the reference's votes on the title's last roll call
	// of each period, and that roll call's symbol.
	FromState, FromRef, ToState, ToRef record.Vote
	FromSymbol, ToSymbol               string
}

// Movers is the result of FindMovers.
type Movers struct {
	Reference string
	Metric    align.Metric
	From, To  align.Window
	Toward    []Mover // the largest rises first
	Away      []Mover // the largest falls first
}

// FindMovers measures every state against the reference in the periods
// from and to (with Options.Metric, over the roll calls of Options.Mask)
// and returns the top states whose value rose most (Toward) and fell most
// (Away), each with the recurring roll calls on which it switched. A state
// needs at least Options.MinN roll calls in common with the reference in
// each period; the reference itself is left out. top <= 0 returns all.
func FindMovers(m *votes.Matrix, ref Reference, from, to align.Window, top int, o Options) (*Movers, error) {
	o, err := o.withDefaults()
	if err != nil {
		return nil, err
	}
	ao := align.Options{Metrics: []align.Metric{o.Metric}, Mask: o.Mask, MinN: o.MinN}
	before, _, err := align.Neighbours(m, ref.Side(), from, 0, ao)
	if err != nil {
		return nil, err
	}
	after, _, err := align.Neighbours(m, ref.Side(), to, 0, ao)
	if err != nil {
		return nil, err
	}
	was := map[string]align.Row{}
	for _, r := range before {
		was[r.B] = r
	}
	var all []Mover
	for _, r := range after {
		b, ok := was[r.B]
		if !ok {
			continue
		}
		all = append(all, Mover{State: r.B, From: b, To: r, Change: r.Values[0].X - b.Values[0].X})
	}
	if len(all) == 0 {
		return nil, votes.NoVotes(fmt.Errorf("blocs: no state has %d roll calls in common with %s in both %s and %s", o.MinN, ref.Name, from, to))
	}
	res := &Movers{Reference: ref.Name, Metric: o.Metric, From: from, To: to}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].Change != all[j].Change {
			return all[i].Change > all[j].Change
		}
		return all[i].State < all[j].State
	})
	res.Toward, res.Away = ends(all, func(m Mover) float64 { return m.Change }, top)
	rv, err := ref.votes(m)
	if err != nil {
		return nil, err
	}
	sw := newSwitcher(m, rv, from, to, o.Mask)
	for k := range res.Toward {
		res.Toward[k].Switches = sw.switches(res.Toward[k].State, true)
	}
	for k := range res.Away {
		res.Away[k].Switches = sw.switches(res.Away[k].State, false)
	}
	return res, nil
}

// switcher finds the switches of states against one reference.
type switcher struct {
	m        *votes.Matrix
	ref      []record.Vote
	from, to []int           // roll calls of each period (in the mask)
	keys     map[int]string  // roll call → its title key, for recurring titles only
	titles   map[string]bool // keys present in both periods
}

func newSwitcher(m *votes.Matrix, ref []record.Vote, from, to align.Window, mask votes.Mask) *switcher {
	sw := &switcher{m: m, ref: ref, keys: map[int]string{}}
	in := func(w align.Window) ([]int, map[string]bool) {
		lo, hi := m.DateRange(w.From, w.To)
		var idx []int
		seen := map[string]bool{}
		for i := lo; i < hi; i++ {
			if mask != nil && !mask.Has(i) || ref[i] == 0 {
				continue
			}
			k := TitleKey(m.RollCall(i).Title)
			if k == "" {
				continue
			}
			idx = append(idx, i)
			sw.keys[i] = k
			seen[k] = true
		}
		return idx, seen
	}
	var a, b map[string]bool
	sw.from, a = in(from)
	sw.to, b = in(to)
	sw.titles = map[string]bool{}
	for k := range a {
		if b[k] {
			sw.titles[k] = true
		}
	}
	return sw
}

// switches returns the state's switches, those in the direction of its
// move (toward if toward) first, each group by the size of the change,
// then by the number of roll calls, then by title.
func (sw *switcher) switches(state string, toward bool) []Switch {
	s, ok := sw.m.State(state)
	if !ok {
		return nil
	}
	type tally struct {
		n, same   int
		last      int // index of the last roll call
		state, rv record.Vote
	}
	count := func(idx []int) map[string]*tally {
		out := map[string]*tally{}
		for _, i := range idx {
			k := sw.keys[i]
			if !sw.titles[k] {
				continue
			}
			v := sw.m.Vote(i, s)
			if !v.Cast() {
				continue
			}
			t := out[k]
			if t == nil {
				t = &tally{}
				out[k] = t
			}
			t.n++
			if v == sw.ref[i] {
				t.same++
			}
			t.last, t.state, t.rv = i, v, sw.ref[i]
		}
		return out
	}
	before, after := count(sw.from), count(sw.to)
	var out []Switch
	for k, a := range before {
		b, ok := after[k]
		if !ok {
			continue
		}
		fm, tm := float64(a.same)/float64(a.n), float64(b.same)/float64(b.n)
		if !(fm < 0.5 && tm > 0.5 || fm > 0.5 && tm < 0.5) {
			continue
		}
		out = append(out, Switch{
			Key: k, Title: shortTitle(sw.m.RollCall(b.last).Title), Toward: tm > fm,
			FromN: a.n, ToN: b.n, FromMatch: fm, ToMatch: tm,
			FromState: a.state, FromRef: a.rv, ToState: b.state, ToRef: b.rv,
			FromSymbol: sw.m.RollCall(a.last).Resolution, ToSymbol: sw.m.RollCall(b.last).Resolution,
		})
	}
	sort.Slice(out, func(i, j int) bool {
		x, y := out[i], out[j]
		if x.Toward != y.Toward {
			return x.Toward == toward
		}
		dx, dy := abs(x.ToMatch-x.FromMatch), abs(y.ToMatch-y.FromMatch)
		if dx != dy {
			return dx > dy
		}
		if x.FromN+x.ToN != y.FromN+y.ToN {
			return x.FromN+x.ToN > y.FromN+y.ToN
		}
		return x.Key < y.Key
	})
	return out
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// TitleKey returns the form of a roll call's title under which recurring
// roll calls are recognised: the title without the UN Digital Library's
// suffix (" : resolution / adopted by the General Assembly"), folded as
// registry.Fold folds names (capitals, no accents or apostrophes, words
// joined by single spaces), without the words that contain a digit (years,
// session numbers).
func TitleKey(title string) string {
	var words []string
	for _, w := range strings.Fields(registry.Fold(shortTitle(title))) {
		if !strings.ContainsAny(w, "0123456789") {
			words = append(words, w)
		}
	}
	return strings.Join(words, " ")
}

// shortTitle cuts the UN Digital Library's suffix from a title.
func shortTitle(t string) string {
	low := strings.ToLower(t)
	for _, suffix := range []string{" : resolution", " / adopted by", ": resolution"} {
		if i := strings.LastIndex(low, suffix); i > 0 {
			t, low = t[:i], low[:i]
		}
	}
	return strings.TrimSpace(t)
}

// ends splits a list sorted by change, largest first, into the top states
// with a positive change (largest first) and the top with a negative change
// (most negative first); top <= 0 keeps all.
func ends[T any](all []T, change func(T) float64, top int) (toward, away []T) {
	for _, mv := range all {
		if change(mv) > 0 && (top <= 0 || len(toward) < top) {
			toward = append(toward, mv)
		}
	}
	for i := len(all) - 1; i >= 0; i-- {
		if change(all[i]) < 0 && (top <= 0 || len(away) < top) {
			away = append(away, all[i])
		}
	}
	return toward, away
}
