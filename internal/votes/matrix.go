// Package votes holds the vote matrix: every roll call by every state, in
// memory, as one bit set per state and vote value. Analyses read the matrix,
// never the database. A Matrix is immutable once built: an update builds a
// new one and swaps it in.
package votes

import (
	"fmt"
	"math/bits"
	"sort"
	"strings"

	"github.com/blocwatch/blocwatch/internal/record"
)

// RollCall is what the matrix keeps of a roll call.
type RollCall struct {
	ID         int64 // the store's id
	Body       record.Body
	Date       string // YYYY-MM-DD
	Year       int
	Session    int
	Resolution string
	Title      string
	Subjects   string // UNBIS subjects joined by "|"
	Amendment  bool
	Paragraph  bool
	Important  bool
	Issues     record.Issue // from Voeten's codes where present, else classified
	// IssuesClassified says that Issues are the classifier's, not Voeten's.
	IssuesClassified bool
	Tally            record.Tally // from the member rows
	Draft            string       // the draft put to the vote, where known
	Meeting          string       // the verbatim record of the meeting, where known
	Links            record.Links
	Outcome          record.Outcome
	VetoedBy         []string // for a vetoed draft, the permanent members that voted no
	Kind             Kind     // what was put to the vote: decides the universe it belongs to
	DupOf            int64    // the store id of the canonical record of the same vote; 0 if this is one
}

// Symbol returns the resolution symbol, else the draft put to the vote.
func (rc *RollCall) Symbol() string {
	if rc.Resolution != "" {
		return rc.Resolution
	}
	return rc.Draft
}

// Matrix is the in-memory vote matrix. Roll calls are sorted by date, then by
// store id; states by code. For each state and each vote value there is a bit
// set over roll calls.
type Matrix struct {
	rollCalls []RollCall
	states    []string
	index     map[string]int
	words     int
	// sets[v][s*words : (s+1)*words] is the bit set of roll calls on which
	// state s voted v; v indexes voteSlots.
	sets  [5][]uint64
	years []int // distinct years, ascending
	// yearLo[i], yearHi[i]: roll-call index range of years[i].
	yearLo, yearHi []int
}

// The slots of Matrix.sets. Cast is the union of yes, no and abstain.
const (
	slotYes = iota
	slotNo
	slotAbstain
	slotNonVoting
	slotCast
)

func slot(v record.Vote) int {
	switch v {
	case record.Yes:
		return slotYes
	case record.No:
		return slotNo
	case record.Abstain:
		return slotAbstain
	case record.NonVoting:
		return slotNonVoting
	}
	return -1
}

// RollCalls returns the roll calls in matrix order. The slice must not be
// modified.
func (m *Matrix) RollCalls() []RollCall { return m.rollCalls }

// RollCall returns roll call i.
func (m *Matrix) RollCall(i int) *RollCall { return &m.rollCalls[i] }

// NumRollCalls returns the number of roll calls.
func (m *Matrix) NumRollCalls() int { return len(m.rollCalls) }

// States returns the state codes in matrix order (sorted). The slice must not
// be modified.
func (m *Matrix) States() []string { return m.states }

// NumStates returns the number of states.
func (m *Matrix) NumStates() int { return len(m.states) }

// State returns the index of a state code.
func (m *Matrix) State(code string) (int, bool) {
	i, ok := m.index[code]
	return i, ok
}

// Words returns the length in 64-bit words of every bit set.
func (m *Matrix) Words() int { return m.words }

// Set returns the bit set of roll calls on which state s voted v. The
// pseudo-vote 0 returns the cast set (yes, no or abstain). The slice aliases
// the matrix and must not be modified.
func (m *Matrix) Set(s int, v record.Vote) []uint64 {
	k := slotCast
	if v != 0 {
		k = slot(v)
		if k < 0 {
			return nil
		}
	}
	return m.sets[k][s*m.words : (s+1)*m.words]
}

// Vote returns state s's vote on roll call rc, or 0 if the state has no
// record on it (not a member, or no row in any source).
func (m *Matrix) Vote(rc, s int) record.Vote {
	w, b := rc>>6, uint64(1)<<(rc&63)
	off := s*m.words + w
	switch {
	case m.sets[slotYes][off]&b != 0:
		return record.Yes
	case m.sets[slotNo][off]&b != 0:
		return record.No
	case m.sets[slotAbstain][off]&b != 0:
		return record.Abstain
	case m.sets[slotNonVoting][off]&b != 0:
		return record.NonVoting
	}
	return 0
}

// Years returns the distinct years with roll calls, ascending.
func (m *Matrix) Years() []int { return m.years }

// YearRange returns the half-open range [lo, hi) of roll-call indexes in a
// year; lo == hi if there are none.
func (m *Matrix) YearRange(year int) (lo, hi int) {
	i := sort.SearchInts(m.years, year)
	if i == len(m.years) || m.years[i] != year {
		return 0, 0
	}
	return m.yearLo[i], m.yearHi[i]
}

// DateRange returns the half-open range of roll-call indexes dated from..to
// inclusive (YYYY-MM-DD; an empty bound is open).
func (m *Matrix) DateRange(from, to string) (lo, hi int) {
	lo = 0
	if from != "" {
		lo = sort.Search(len(m.rollCalls), func(i int) bool { return m.rollCalls[i].Date >= from })
	}
	hi = len(m.rollCalls)
	if to != "" {
		hi = sort.Search(len(m.rollCalls), func(i int) bool { return m.rollCalls[i].Date > to })
	}
	if hi < lo {
		hi = lo
	}
	return lo, hi
}

// Count returns the number of roll calls on which state s voted v (0 for any
// cast vote) within mask (nil means all).
func (m *Matrix) Count(s int, v record.Vote, mask Mask) int {
	set := m.Set(s, v)
	n := 0
	if mask == nil {
		for _, w := range set {
			n += bits.OnesCount64(w)
		}
		return n
	}
	for i, w := range set {
		n += bits.OnesCount64(w & mask[i])
	}
	return n
}

// CountRange returns the number of roll calls with index in [lo, hi) on
// which state s voted v (0 for any cast vote) within mask (nil means all).
func (m *Matrix) CountRange(s int, v record.Vote, mask Mask, lo, hi int) int {
	set := m.Set(s, v)
	if set == nil || lo >= hi {
		return 0
	}
	n := 0
	for w := lo >> 6; w <= (hi-1)>>6; w++ {
		x := set[w]
		if mask != nil {
			x &= mask[w]
		}
		if w == lo>>6 {
			x &= ^uint64(0) << (lo & 63)
		}
		if w == (hi-1)>>6 && hi&63 != 0 {
			x &= 1<<(hi&63) - 1
		}
		n += bits.OnesCount64(x)
	}
	return n
}

// Mask is a set of roll calls, one bit per roll call in matrix order.
type Mask []uint64

// NewMask returns an empty mask for m.
func (m *Matrix) NewMask() Mask { return make(Mask, m.words) }

// Add sets bit i.
func (k Mask) Add(i int) { k[i>>6] |= 1 << (i & 63) }

// Has reports whether bit i is set.
func (k Mask) Has(i int) bool { return k[i>>6]&(1<<(i&63)) != 0 }

// Len returns the number of roll calls in the mask.
func (k Mask) Len() int {
	n := 0
	for _, w := range k {
		n += bits.OnesCount64(w)
	}
	return n
}

// Filter selects roll calls. The zero Filter selects every roll call.
type Filter struct {
	Body             record.Body  // "" for both bodies
	From, To         string       // YYYY-MM-DD, inclusive; empty is open
	Issues           record.Issue // any of these issues; 0 for all
	Text             string       // case-insensitive substring of title, resolution or subjects
	NoAmendments     bool         // leave out votes on amendments
	NoParagraphs     bool         // leave out separate votes on paragraphs
	ImportantOnly    bool         // only votes the US State Department marks important
	ExcludeUnanimous bool         // leave out roll calls without a single no or abstention
}

// Select returns the mask of roll calls that f selects.
func (m *Matrix) Select(f Filter) Mask {
	k := m.NewMask()
	lo, hi := m.DateRange(f.From, f.To)
	text := strings.ToLower(f.Text)
	for i := lo; i < hi; i++ {
		rc := &m.rollCalls[i]
		if f.Body != "" && rc.Body != f.Body {
			continue
		}
		if f.Issues != 0 && rc.Issues&f.Issues == 0 {
			continue
		}
		if f.NoAmendments && rc.Amendment || f.NoParagraphs && rc.Paragraph || f.ImportantOnly && !rc.Important {
			continue
		}
		if f.ExcludeUnanimous && rc.Tally.No == 0 && rc.Tally.Abstain == 0 {
			continue
		}
		if text != "" && !strings.Contains(strings.ToLower(rc.Title), text) &&
			!strings.Contains(strings.ToLower(rc.Subjects), text) &&
			!strings.Contains(strings.ToLower(rc.Resolution), text) {
			continue
		}
		k.Add(i)
	}
	return k
}

// Builder collects roll calls and votes and builds a Matrix.
type Builder struct {
	rollCalls []RollCall
	states    map[string]int
	codes     []string
	cells     []cell
}

type cell struct {
	rc, state int32
	v         record.Vote
}

// NewBuilder returns an empty builder.
func NewBuilder() *Builder { return &Builder{states: map[string]int{}} }

// AddRollCall adds a roll call and returns its builder index, to be passed
// to Add.
func (b *Builder) AddRollCall(rc RollCall) int {
	if rc.Year == 0 {
		rc.Year = record.YearOf(rc.Date)
	}
	b.rollCalls = append(b.rollCalls, rc)
	return len(b.rollCalls) - 1
}

// Add records state's vote v on roll call rc (a builder index). A later vote
// for the same cell replaces an earlier one.
func (b *Builder) Add(rc int, state string, v record.Vote) error {
	if rc < 0 || rc >= len(b.rollCalls) {
		return fmt.Errorf("votes: roll call %d out of range", rc)
	}
	if slot(v) < 0 {
		return fmt.Errorf("votes: unknown vote %q for %s", v, state)
	}
	s, ok := b.states[state]
	if !ok {
		s = len(b.codes)
		b.states[state] = s
		b.codes = append(b.codes, state)
	}
	b.cells = append(b.cells, cell{int32(rc), int32(s), v})
	return nil
}

// Build sorts roll calls by date and states by code and returns the matrix.
// The builder must not be used afterwards.
func (b *Builder) Build() *Matrix {
	order := make([]int, len(b.rollCalls))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool {
		a, c := &b.rollCalls[order[i]], &b.rollCalls[order[j]]
		if a.Date != c.Date {
			return a.Date < c.Date
		}
		return a.ID < c.ID
	})
	rcPos := make([]int, len(order))
	m := &Matrix{rollCalls: make([]RollCall, len(order))}
	for pos, i := range order {
		rcPos[i] = pos
		m.rollCalls[pos] = b.rollCalls[i]
	}
	m.states = append([]string(nil), b.codes...)
	sort.Strings(m.states)
	m.index = make(map[string]int, len(m.states))
	for i, c := range m.states {
		m.index[c] = i
	}
	statePos := make([]int, len(b.codes))
	for i, c := range b.codes {
		statePos[i] = m.index[c]
	}
	m.words = (len(m.rollCalls) + 63) / 64
	for k := range m.sets {
		m.sets[k] = make([]uint64, m.words*len(m.states))
	}
	for _, c := range b.cells {
		rc, s := rcPos[c.rc], statePos[c.state]
		w, bit := s*m.words+rc>>6, uint64(1)<<(rc&63)
		for k := slotYes; k <= slotNonVoting; k++ { // a later vote replaces
			m.sets[k][w] &^= bit
		}
		m.sets[slot(c.v)][w] |= bit
	}
	for i := range m.sets[slotCast] {
		m.sets[slotCast][i] = m.sets[slotYes][i] | m.sets[slotNo][i] | m.sets[slotAbstain][i]
	}
	for i := range m.rollCalls {
		var t record.Tally
		for s := range m.states {
			if v := m.Vote(i, s); v != 0 {
				t.Add(v)
			}
		}
		m.rollCalls[i].Tally = t
	}
	m.indexYears()
	*b = Builder{}
	return m
}

// indexYears lists the distinct years of the roll calls (in date order)
// and the range of roll-call indexes of each.
func (m *Matrix) indexYears() {
	m.years, m.yearLo, m.yearHi = nil, nil, nil
	for i := range m.rollCalls {
		y := m.rollCalls[i].Year
		if n := len(m.years); n == 0 || m.years[n-1] != y {
			m.years = append(m.years, y)
			m.yearLo = append(m.yearLo, i)
			m.yearHi = append(m.yearHi, i)
		}
		m.yearHi[len(m.yearHi)-1] = i + 1
	}
}
