package votes

import (
	"fmt"
	"strings"
)

// Kind is what a roll call put to the vote, as far as the sources say.
type Kind uint8

// The kinds of roll call. KindResolution is a vote on a whole resolution,
// decision or draft, as the UN Digital Library records them (for the
// Security Council, drafts that failed or were vetoed too). KindOther is a
// vote that only another source records and that it flags as neither an
// amendment nor a paragraph vote (in Voeten's data: procedural votes, early
// votes without a resolution number).
const (
	KindResolution Kind = iota
	KindAmendment
	KindParagraph
	KindOther
)

var kindNames = [...]string{"resolutions", "amendments", "paragraphs", "other"}

// String names the kind as --include spells it.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", k)
}

// Universe says which roll calls an analysis counts. The zero Universe is
// the default: every recorded vote on a whole resolution, decision or draft,
// each vote counted once; the same kind of roll call in every year, so that
// series stay comparable when a source that adds other votes is ingested.
type Universe struct {
	Amendments     bool // add votes on amendments
	Paragraphs     bool // add separate votes on paragraphs
	Other          bool // add other votes that only a secondary source records
	KeepDuplicates bool // count every record, also several records of one vote
}

// ParseUniverse reads --include (a comma-separated list of amendments,
// paragraphs, other, or all) and --keep-duplicates.
func ParseUniverse(include string, keepDuplicates bool) (Universe, error) {
	u := Universe{KeepDuplicates: keepDuplicates}
	for _, w := range strings.Split(include, ",") {
		switch strings.ToLower(strings.TrimSpace(w)) {
		case "":
		case "amendments", "amendment":
			u.Amendments = true
		case "paragraphs", "paragraph":
			u.Paragraphs = true
		case "other":
			u.Other = true
		case "all":
			u.Amendments, u.Paragraphs, u.Other = true, true, true
		case "resolutions":
		default:
			return u, fmt.Errorf("unknown kind of roll call %q in --include (want amendments, paragraphs, other or all)", w)
		}
	}
	return u, nil
}

// String names the universe: "resolutions", or the kinds added with "+",
// and "; duplicate records kept" when they are.
func (u Universe) String() string {
	s := "resolutions"
	if u.Amendments {
		s += "+amendments"
	}
	if u.Paragraphs {
		s += "+paragraphs"
	}
	if u.Other {
		s += "+other"
	}
	if u.KeepDuplicates {
		s += "; duplicate records kept"
	}
	return s
}

// Has reports whether the universe counts rc.
func (u Universe) Has(rc *RollCall) bool {
	if rc.DupOf != 0 && !u.KeepDuplicates {
		return false
	}
	switch rc.Kind {
	case KindAmendment:
		return u.Amendments
	case KindParagraph:
		return u.Paragraphs
	case KindOther:
		return u.Other
	}
	return true
}

// In returns the matrix of the roll calls the universe counts: m itself if
// it counts them all.
func (m *Matrix) In(u Universe) *Matrix {
	return m.Subset(func(rc *RollCall) bool { return u.Has(rc) })
}

// Subset returns the matrix of the roll calls keep accepts, with the same
// states: m itself if it accepts them all.
func (m *Matrix) Subset(keep func(*RollCall) bool) *Matrix {
	var idx []int
	for i := range m.rollCalls {
		if keep(&m.rollCalls[i]) {
			idx = append(idx, i)
		}
	}
	if len(idx) == len(m.rollCalls) {
		return m
	}
	out := &Matrix{
		rollCalls: make([]RollCall, len(idx)),
		states:    m.states,
		index:     m.index,
		words:     (len(idx) + 63) / 64,
	}
	for k := range out.sets {
		out.sets[k] = make([]uint64, out.words*len(m.states))
	}
	for j, i := range idx {
		out.rollCalls[j] = m.rollCalls[i]
		w, bit := i>>6, uint64(1)<<(i&63)
		ow, obit := j>>6, uint64(1)<<(j&63)
		for s := range m.states {
			for k := range m.sets {
				if m.sets[k][s*m.words+w]&bit != 0 {
					out.sets[k][s*out.words+ow] |= obit
				}
			}
		}
	}
	out.indexYears()
	return out
}
