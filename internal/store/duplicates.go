package store

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/blocwatch/blocwatch/internal/record"
)

// One vote, one roll call. The record can hold one vote several times: a
// symbol written two ways (A/76/L.14 twice), a whole resolution and its parts
// voted the same day with identical votes (A/RES/75/254A-C and its parts [A],
// [B], [C]; the fourteen parts of A/RES/50/38), a draft-symbol record and the
// resolution record of the same vote (A/76/L.14 and A/RES/76/10). Lookups
// find every record; analyses count the vote once.
//
// The rule: two roll calls are records of one vote when they were held by
// the same body on the same date, neither is a vote on an amendment or a
// paragraph, every member's vote is the same in both (an absent member
// counts as not voting), and their symbols are related:
//
//   - the same symbol, as written or normalised (SymbolKey);
//   - the same session and number, one the whole resolution and the other a
//     part of it (A/RES/75/254A-C and A/RES/75/254[B]), or one a part and the
//     other a section of that part (A/RES/50/38[B] and [B-III]); sibling
//     parts (A and B) voted with identical votes stay apart, as
//     near-duplicates, since nothing in the record says they were one vote;
//   - one is named by a resolution symbol and the other only by a draft
//     symbol that the first does not contradict (its draft, where named, is
//     that symbol).
//
// Of a group of records of one vote, the canonical record is the one with a
// resolution symbol, then the whole resolution rather than a part, then the
// record of the UN Digital Library, then the oldest in the store. Related
// records of one day whose votes differ in a few members (at most
// nearMembers) are near-duplicates: kept apart, and listed by check.

// nearMembers is the most member votes in which two related records of one
// day may differ to be listed as near-duplicates.
const nearMembers = 5

// dupRow is what the rule needs of a roll call.
type dupRow struct {
	id                 int64
	body               record.Body
	date               string
	resolution, draft  string
	amendPara          bool
	priority           int
	packed             string // state+vote units, sorted by state
	symkey, base       string
	isResolution, part bool
}

func newDupRow(id int64, body record.Body, date, resolution, draft string, amendPara bool, priority int, packed string) dupRow {
	r := dupRow{id: id, body: body, date: date, resolution: resolution, draft: draft, amendPara: amendPara, priority: priority}
	// Non-voting units are dropped: absent and not voting are the same here.
	var b strings.Builder
	for k := 0; k+4 <= len(packed); k += 4 {
		if packed[k+3] != 'X' {
			b.WriteString(packed[k : k+4])
		}
	}
	r.packed = b.String()
	up := strings.ToUpper(resolution)
	r.isResolution = strings.Contains(up, "/RES/")
	r.symkey = SymbolKey(resolution)
	if r.symkey != "" {
		r.base = symbolBase(r.symkey)
		suffix := r.symkey[len(r.base):]
		r.part = suffix != "" && !isRange(suffix)
	}
	return r
}

// related reports whether the symbols of a and b name the same item.
func related(a, b *dupRow) bool {
	sa, sb := a.resolution, b.resolution
	if sa == "" {
		sa = a.draft
	}
	if sb == "" {
		sb = b.draft
	}
	switch {
	case sa != "" && strings.EqualFold(sa, sb):
		return true
	case a.symkey != "" && a.symkey == b.symkey:
		return true
	case a.base != "" && a.base == b.base:
		return partOf(a.symkey[len(a.base):], b.symkey[len(b.base):]) || partOf(b.symkey[len(b.base):], a.symkey[len(a.base):])
	}
	// A resolution record and a record named only by a draft symbol.
	draftOnly := func(r *dupRow) bool { return !r.isResolution && (r.resolution != "" || r.draft != "") }
	check := func(res, dr *dupRow) bool {
		if !res.isResolution || !draftOnly(dr) {
			return false
		}
		sym := dr.resolution
		if sym == "" {
			sym = dr.draft
		}
		if res.body == record.SC {
			// The Council's failed drafts and its resolutions are never one vote.
			return strings.EqualFold(res.draft, sym)
		}
		return res.draft == "" || strings.EqualFold(res.draft, sym)
	}
	return check(a, b) || check(b, a)
}

// partOf reports whether the part written p (the symbol's suffix after
// session and number: "B", "B-III") belongs to the whole written w: the
// whole resolution (""), a range of parts ("A-C" holds A, B, C and their
// sections), or a part whose sections p is ("B" holds "B-III"). Sibling
// parts (A and B) are not one vote: nothing in the record says they were.
func partOf(w, p string) bool {
	switch {
	case p == "" || w == p:
		return false
	case w == "":
		return true
	case isRange(w):
		return p[0] >= w[0] && p[0] <= w[2]
	case len(w) == 1:
		return strings.HasPrefix(p, w+"-")
	}
	return false
}

func isLetter(c byte) bool { return c >= 'A' && c <= 'Z' }

// isRange reports whether a part suffix is a range of parts ("A-C"), not a
// section of a part ("B-I" is section I of part B: a range is short).
func isRange(w string) bool {
	return len(w) == 3 && w[1] == '-' && isLetter(w[0]) && isLetter(w[2]) && w[0] < w[2] && w[2]-w[0] <= 6
}

// diff counts the members whose votes differ between two packed vote lists.
func diff(a, b string) int {
	n, i, j := 0, 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j >= len(b) || i < len(a) && a[i:i+3] < b[j:j+3]:
			n++
			i += 4
		case i >= len(a) || b[j:j+3] < a[i:i+3]:
			n++
			j += 4
		default:
			if a[i+3] != b[j+3] {
				n++
			}
			i += 4
			j += 4
		}
	}
	return n
}

// better reports whether a is a better canonical record than b.
func better(a, b *dupRow) bool {
	if a.isResolution != b.isResolution {
		return a.isResolution
	}
	if a.part != b.part {
		return !a.part
	}
	if a.part && a.base == b.base && len(a.symkey) != len(b.symkey) {
		return len(a.symkey) < len(b.symkey) // a part rather than its sections
	}
	if a.priority != b.priority {
		return a.priority > b.priority
	}
	return a.id < b.id
}

// A DuplicateGroup is one vote held as several records: the canonical record
// that analyses count and the others.
type DuplicateGroup struct {
	Body      record.Body    `json:"body"`
	Date      string         `json:"date"`
	Canonical DuplicateRef   `json:"canonical"`
	Others    []DuplicateRef `json:"duplicates"`
}

// A NearDuplicate is two related records of one day whose votes differ in a
// few members: kept apart.
type NearDuplicate struct {
	Body    record.Body  `json:"body"`
	Date    string       `json:"date"`
	A       DuplicateRef `json:"a"`
	B       DuplicateRef `json:"b"`
	Members int          `json:"members_differ"`
}

// DuplicateRef names one record.
type DuplicateRef struct {
	ID     int64  `json:"id"`
	Symbol string `json:"symbol"`
}

func (r *dupRow) ref() DuplicateRef {
	s := r.resolution
	if s == "" {
		s = r.draft
	}
	return DuplicateRef{ID: r.id, Symbol: s}
}

// findDuplicates applies the rule to rows and returns the groups of records
// of one vote and the near-duplicates, both in date order.
func findDuplicates(rows []dupRow) ([]DuplicateGroup, []NearDuplicate) {
	byDay := map[string][]int{}
	var days []string
	for i := range rows {
		r := &rows[i]
		if r.amendPara {
			continue
		}
		k := string(r.body) + "|" + r.date
		if _, ok := byDay[k]; !ok {
			days = append(days, k)
		}
		byDay[k] = append(byDay[k], i)
	}
	// By date, then body: a key is "GA|2020-12-31".
	sort.Slice(days, func(i, j int) bool {
		if days[i][3:] != days[j][3:] {
			return days[i][3:] < days[j][3:]
		}
		return days[i] < days[j]
	})
	var groups []DuplicateGroup
	var near []NearDuplicate
	for _, k := range days {
		idx := byDay[k]
		if len(idx) < 2 {
			continue
		}
		// Union of identical related records.
		parent := make([]int, len(idx))
		for i := range parent {
			parent[i] = i
		}
		find := func(i int) int {
			for parent[i] != i {
				parent[i] = parent[parent[i]]
				i = parent[i]
			}
			return i
		}
		for i := 0; i < len(idx); i++ {
			for j := i + 1; j < len(idx); j++ {
				a, b := &rows[idx[i]], &rows[idx[j]]
				same := a.packed == b.packed && a.packed != ""
				if !related(a, b) {
					// Sibling parts of one resolution with identical votes
					// stay apart, listed.
					if same && a.base != "" && a.base == b.base {
						near = append(near, NearDuplicate{Body: a.body, Date: a.date, A: a.ref(), B: b.ref()})
					}
					continue
				}
				if same {
					parent[find(j)] = find(i)
				} else if d := diff(a.packed, b.packed); d <= nearMembers {
					near = append(near, NearDuplicate{Body: a.body, Date: a.date, A: a.ref(), B: b.ref(), Members: d})
				}
			}
		}
		sets := map[int][]int{}
		for i := range idx {
			sets[find(i)] = append(sets[find(i)], idx[i])
		}
		for _, members := range sets {
			if len(members) < 2 {
				continue
			}
			best := members[0]
			for _, m := range members[1:] {
				if better(&rows[m], &rows[best]) {
					best = m
				}
			}
			g := DuplicateGroup{Body: rows[best].body, Date: rows[best].date, Canonical: rows[best].ref()}
			for _, m := range members {
				if m != best {
					g.Others = append(g.Others, rows[m].ref())
				}
			}
			sort.Slice(g.Others, func(i, j int) bool { return g.Others[i].ID < g.Others[j].ID })
			groups = append(groups, g)
		}
	}
	sort.SliceStable(groups, func(i, j int) bool {
		if groups[i].Date != groups[j].Date {
			return groups[i].Date < groups[j].Date
		}
		return groups[i].Canonical.ID < groups[j].Canonical.ID
	})
	// A near-duplicate pair whose records ended up in one group through
	// others is not near: drop it.
	in := map[int64]int64{}
	for _, g := range groups {
		in[g.Canonical.ID] = g.Canonical.ID
		for _, o := range g.Others {
			in[o.ID] = g.Canonical.ID
		}
	}
	kept := near[:0]
	for _, n := range near {
		ca, oka := in[n.A.ID]
		cb, okb := in[n.B.ID]
		if oka && okb && ca == cb {
			continue
		}
		kept = append(kept, n)
	}
	return groups, kept
}

// Duplicates returns the records that hold one vote several times (each
// group with its canonical record) and the near-duplicates left apart.
func (s *Store) Duplicates(ctx context.Context) ([]DuplicateGroup, []NearDuplicate, error) {
	rows, err := s.dupRows(ctx)
	if err != nil {
		return nil, nil, err
	}
	g, n := findDuplicates(rows)
	return g, n, nil
}

func (s *Store) dupRows(ctx context.Context) ([]dupRow, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, body, date, resolution, draft, amendment OR paragraph, priority, packed FROM rollcall`)
	if err != nil {
		return nil, fmt.Errorf("store: duplicates: %w", err)
	}
	defer rows.Close()
	var out []dupRow
	for rows.Next() {
		var id int64
		var body, date, res, draft, packed string
		var ap bool
		var prio int
		if err := rows.Scan(&id, &body, &date, &res, &draft, &ap, &prio, &packed); err != nil {
			return nil, err
		}
		out = append(out, newDupRow(id, record.Body(body), date, res, draft, ap, prio, packed))
	}
	return out, rows.Err()
}

// canonicalOf maps each duplicate record's id to its canonical record's id.
func canonicalOf(groups []DuplicateGroup) map[int64]int64 {
	m := map[int64]int64{}
	for _, g := range groups {
		for _, o := range g.Others {
			m[o.ID] = g.Canonical.ID
		}
	}
	return m
}
