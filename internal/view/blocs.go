package view

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/blocwatch/blocwatch/internal/align"
	"github.com/blocwatch/blocwatch/internal/blocs"
	"github.com/blocwatch/blocwatch/internal/council"
	"github.com/blocwatch/blocwatch/internal/format"
	"github.com/blocwatch/blocwatch/internal/store"
)

// Blocs lists the blocs of each window: the header
// WINDOW,bloc,track,continues,jaccard,size,cohesion,anchor,p5,edge,members
// and one row per bloc. A single window's table is headed by its modularity
// and polarization.
type Blocs struct {
	By         string // year, session, window or period
	Partitions []blocs.Partition
}

// p5In returns the members of a bloc that ever held a permanent seat.
func p5In(members []string) string {
	p5 := council.P5()
	var out []string
	for _, s := range members {
		if p5.Has(s, "") {
			out = append(out, s)
		}
	}
	return strings.Join(out, " ")
}

// Rows writes one row per bloc.
func (v Blocs) Rows() *format.Rows {
	r := &format.Rows{Columns: []string{v.By, "bloc", "track", "continues", "jaccard", "size", "cohesion", "anchor", "p5", "edge", "members"}}
	if len(v.Partitions) == 1 {
		p := &v.Partitions[0]
		r.Heading = append(r.Heading, fmt.Sprintf("%s: %d states in %d blocs (%s weights, resolution %g); modularity Q %s, polarization %s",
			p.Label, len(p.Members), len(p.Blocs), p.Metric, p.Resolution, fixed(p.Modularity), fixed(p.Polarization)))
		if len(p.Unplaced) > 0 {
			r.Footer = append(r.Footer, "Not placed (too few roll calls in common with any state): "+strings.Join(p.Unplaced, " "))
		}
	}
	for k := range v.Partitions {
		p := &v.Partitions[k]
		key := windowKey(v.By, p.Window)
		for _, b := range p.Blocs {
			var cont, jac any
			if b.Continues > 0 {
				cont, jac = b.Continues, b.Jaccard
			}
			r.Data = append(r.Data, []any{key, b.ID, b.Track, cont, jac, len(b.Members), number(b.Cohesion), b.Anchor,
				p5In(b.Members), strings.Join(b.Edge, " "), strings.Join(b.Members, " ")})
		}
	}
	return r
}

func fixed(v align.Value) string {
	if !v.Defined {
		return "NA"
	}
	return strconv.FormatFloat(v.X, 'f', 3, 64)
}

// MarshalJSON writes one object per window with its blocs as a list.
func (v Blocs) MarshalJSON() ([]byte, error) {
	type bloc struct {
		Bloc      int      `json:"bloc"`
		Track     int      `json:"track"`
		Continues *int     `json:"continues"`
		Jaccard   *float64 `json:"jaccard"`
		Size      int      `json:"size"`
		Cohesion  any      `json:"cohesion"`
		Anchor    string   `json:"anchor"`
		P5        []string `json:"p5"`
		Edge      []string `json:"edge"`
		Members   []string `json:"members"`
	}
	type window struct {
		Window       any      `json:"window"`
		From         string   `json:"from"`
		To           string   `json:"to"`
		Metric       string   `json:"metric"`
		Resolution   float64  `json:"resolution"`
		States       int      `json:"states"`
		Modularity   any      `json:"modularity"`
		Polarization any      `json:"polarization"`
		Unplaced     []string `json:"unplaced"`
		Blocs        []bloc   `json:"blocs"`
	}
	out := make([]window, 0, len(v.Partitions))
	for k := range v.Partitions {
		p := &v.Partitions[k]
		w := window{Window: windowKey(v.By, p.Window), From: p.From, To: p.To, Metric: p.Metric.String(), Resolution: p.Resolution, States: len(p.Members),
			Modularity: number(p.Modularity), Polarization: number(p.Polarization), Unplaced: nonNil(p.Unplaced)}
		for _, b := range p.Blocs {
			bj := bloc{Bloc: b.ID, Track: b.Track, Size: len(b.Members), Cohesion: number(b.Cohesion), Anchor: b.Anchor,
				P5: nonNil(strings.Fields(p5In(b.Members))), Edge: nonNil(b.Edge), Members: b.Members}
			if b.Continues > 0 {
				c, j := b.Continues, b.Jaccard
				bj.Continues, bj.Jaccard = &c, &j
			}
			w.Blocs = append(w.Blocs, bj)
		}
		out = append(out, w)
	}
	return json.Marshal(out)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// BlocYears summarises each window's partition in one row:
// WINDOW,states,blocs,modularity,polarization,sizes.
type BlocYears struct {
	By         string
	Partitions []blocs.Partition
}

// Rows writes one row per window.
func (v BlocYears) Rows() *format.Rows {
	r := &format.Rows{Columns: []string{v.By, "states", "blocs", "modularity", "polarization", "sizes"}}
	for k := range v.Partitions {
		p := &v.Partitions[k]
		sizes := make([]string, len(p.Blocs))
		for i, b := range p.Blocs {
			sizes[i] = strconv.Itoa(len(b.Members))
		}
		r.Data = append(r.Data, []any{windowKey(v.By, p.Window), len(p.Members), len(p.Blocs), number(p.Modularity), number(p.Polarization), strings.Join(sizes, " ")})
	}
	return r
}

// MarshalJSON writes the rows as objects.
func (v BlocYears) MarshalJSON() ([]byte, error) { return json.Marshal(v.Rows().Objects()) }

// BlocMembers lists every placed state of each window:
// WINDOW,state,bloc,track,own,nearest,other,margin,edge.
type BlocMembers struct {
	By         string
	Partitions []blocs.Partition
}

// Rows writes one row per state and window.
func (v BlocMembers) Rows() *format.Rows {
	r := &format.Rows{Columns: []string{v.By, "state", "bloc", "track", "own", "nearest", "other", "margin", "edge"}}
	for k := range v.Partitions {
		p := &v.Partitions[k]
		key := windowKey(v.By, p.Window)
		for _, m := range p.Members {
			var nearest any
			if m.Nearest > 0 {
				nearest = m.Nearest
			}
			r.Data = append(r.Data, []any{key, m.State, m.Bloc, p.Bloc(m.Bloc).Track, number(m.Own), nearest, number(m.Other), number(m.Margin), m.Edge})
		}
	}
	return r
}

// MarshalJSON writes the rows as objects.
func (v BlocMembers) MarshalJSON() ([]byte, error) { return json.Marshal(v.Rows().Objects()) }

// BlocHistory is a state's bloc in each window:
// WINDOW,state,bloc,track,size,anchor,own,margin,edge.
type BlocHistory struct {
	By    string
	State string
	Steps []blocs.Step
}

// Rows writes one row per window.
func (v BlocHistory) Rows() *format.Rows {
	r := &format.Rows{Columns: []string{v.By, "state", "bloc", "track", "size", "anchor", "own", "margin", "edge"}}
	for _, s := range v.Steps {
		r.Data = append(r.Data, []any{windowKey(v.By, s.Window), v.State, s.Bloc, s.Track, s.Size, s.Anchor, number(s.Member.Own), number(s.Member.Margin), s.Member.Edge})
	}
	return r
}

// MarshalJSON writes the rows as objects.
func (v BlocHistory) MarshalJSON() ([]byte, error) { return json.Marshal(v.Rows().Objects()) }

// Camps checks two camps against each other in each window:
// WINDOW,a,b,n,cohesion_a,cohesion_b,between,distance,spread,ratio,separation,split.
type Camps struct {
	By       string
	Camps    []blocs.CampRow
	Universe string // the universe of votes; "" leaves out the partial and universe columns
	Through  string
	Partial  []bool // per row: the data cover the window only in part
}

// Rows writes one row per window; the table ends with the runs of windows
// in which the camps were split.
func (v Camps) Rows() *format.Rows {
	r := &format.Rows{Columns: []string{v.By, "a", "b", "n", "cohesion_a", "cohesion_b", "between", "distance", "spread", "ratio", "separation", "split"}}
	if v.Universe != "" {
		r.Columns = append(r.Columns, "partial", "universe")
	}
	complete := v.Camps
	for i, c := range v.Camps {
		d := []any{windowKey(v.By, c.Window), c.A, c.B, c.N, number(c.CohesionA), number(c.CohesionB), number(c.Between),
			number(c.Distance), number(c.Spread), number(c.Ratio), number(c.Separation), c.Split}
		if v.Universe != "" {
			p := i < len(v.Partial) && v.Partial[i]
			d = append(d, p, v.Universe)
		}
		r.Data = append(r.Data, d)
	}
	// The verdict reads the windows the data cover in full: a partial last
	// year says nothing yet.
	for len(complete) > 0 && len(v.Partial) >= len(complete) && v.Partial[len(complete)-1] {
		complete = complete[:len(complete)-1]
	}
	if n := len(complete); n >= 1 && len(v.Camps) > 1 {
		r.Footer = append(r.Footer, "", "Split: "+splitRuns(v.By, complete))
		if k := blocs.SplitSince(complete); k >= 0 {
			r.Footer = append(r.Footer, fmt.Sprintf("Split without a break since %v.", windowKey(v.By, complete[k].Window)))
		} else {
			r.Footer = append(r.Footer, fmt.Sprintf("Not split in the last complete window (%v).", windowKey(v.By, complete[n-1].Window)))
		}
	}
	if v.Universe != "" {
		r.Footer = append(r.Footer, "Universe: "+v.Universe+". "+v.Through+".")
		if len(complete) < len(v.Camps) {
			r.Footer = append(r.Footer, fmt.Sprintf("The last %d window(s) are covered by the data only in part (partial=true) and are left out of the verdict.", len(v.Camps)-len(complete)))
		}
	}
	return r
}

// splitRuns writes the runs of consecutive split rows, as "1971-1986, 1994".
func splitRuns(by string, rows []blocs.CampRow) string {
	var runs []string
	for i := 0; i < len(rows); i++ {
		if !rows[i].Split {
			continue
		}
		j := i
		for j+1 < len(rows) && rows[j+1].Split {
			j++
		}
		a := fmt.Sprint(windowKey(by, rows[i].Window))
		if j > i {
			a += "–" + fmt.Sprint(windowKey(by, rows[j].Window))
		}
		runs = append(runs, a)
		i = j
	}
	if len(runs) == 0 {
		return "never"
	}
	return strings.Join(runs, ", ")
}

// MarshalJSON writes the rows as objects.
func (v Camps) MarshalJSON() ([]byte, error) { return json.Marshal(v.Rows().Objects()) }

// Movers lists the states that moved most toward and away from a reference:
// rank,direction,state,from_n,from,to_n,to,change,switches. The table ends
// with up to Examples switched roll calls of each mover.
type Movers struct {
	Result   *blocs.Movers
	Examples int
}

func (v Movers) each(f func(rank int, dir string, m *blocs.Mover)) {
	for i := range v.Result.Toward {
		f(i+1, "toward", &v.Result.Toward[i])
	}
	for i := range v.Result.Away {
		f(i+1, "away", &v.Result.Away[i])
	}
}

// Rows writes one row per mover.
func (v Movers) Rows() *format.Rows {
	res := v.Result
	r := &format.Rows{Columns: []string{"rank", "direction", "state", "from_n", "from", "to_n", "to", "change", "switches"}}
	r.Heading = append(r.Heading, fmt.Sprintf("Alignment (%s) with %s: %s against %s", res.Metric, res.Reference, res.From.Label, res.To.Label))
	v.each(func(rank int, dir string, m *blocs.Mover) {
		r.Data = append(r.Data, []any{rank, dir, m.State, m.From.N, number(m.From.Values[0]), m.To.N, number(m.To.Values[0]), m.Change, len(m.Switches)})
		if v.Examples <= 0 {
			return
		}
		for k, s := range m.Switches {
			if k == v.Examples {
				break
			}
			if k == 0 {
				r.Footer = append(r.Footer, "", fmt.Sprintf("%s (%s %s):", m.State, dir, res.Reference))
			}
			r.Footer = append(r.Footer, "  "+switchLine(res.Reference, m.State, &s))
		}
	})
	return r
}

func switchLine(ref, state string, s *blocs.Switch) string {
	dir := "away"
	if s.Toward {
		dir = "toward"
	}
	return fmt.Sprintf("%-6s %s: %s %s %s, %s %s (%.0f%% the same) → %s %s %s, %s %s (%.0f%%)",
		dir, s.Title, s.FromSymbol, state, s.FromState, ref, s.FromRef, 100*s.FromMatch,
		s.ToSymbol, state, s.ToState, ref, s.ToRef, 100*s.ToMatch)
}

// MarshalJSON writes one object per mover with its switches.
func (v Movers) MarshalJSON() ([]byte, error) {
	type mover struct {
		Rank      int            `json:"rank"`
		Direction string         `json:"direction"`
		State     string         `json:"state"`
		FromN     int            `json:"from_n"`
		From      any            `json:"from"`
		ToN       int            `json:"to_n"`
		To        any            `json:"to"`
		Change    float64        `json:"change"`
		Switches  []switchObject `json:"switches"`
	}
	res := v.Result
	out := struct {
		Reference string  `json:"reference"`
		Metric    string  `json:"metric"`
		From      string  `json:"from"`
		To        string  `json:"to"`
		Movers    []mover `json:"movers"`
	}{Reference: res.Reference, Metric: res.Metric.String(), From: res.From.Label, To: res.To.Label, Movers: []mover{}}
	v.each(func(rank int, dir string, m *blocs.Mover) {
		mj := mover{Rank: rank, Direction: dir, State: m.State, FromN: m.From.N, From: number(m.From.Values[0]),
			ToN: m.To.N, To: number(m.To.Values[0]), Change: m.Change, Switches: []switchObject{}}
		for _, s := range m.Switches {
			mj.Switches = append(mj.Switches, newSwitchObject(&s))
		}
		out.Movers = append(out.Movers, mj)
	})
	return json.Marshal(out)
}

type switchObject struct {
	Direction  string  `json:"direction"`
	Title      string  `json:"title"`
	FromN      int     `json:"from_n"`
	FromMatch  float64 `json:"from_match"`
	ToN        int     `json:"to_n"`
	ToMatch    float64 `json:"to_match"`
	FromSymbol string  `json:"from_symbol"`
	FromVote   string  `json:"from_vote"`
	FromRef    string  `json:"from_reference_vote"`
	ToSymbol   string  `json:"to_symbol"`
	ToVote     string  `json:"to_vote"`
	ToRef      string  `json:"to_reference_vote"`
}

func newSwitchObject(s *blocs.Switch) switchObject {
	dir := "away"
	if s.Toward {
		dir = "toward"
	}
	return switchObject{dir, s.Title, s.FromN, s.FromMatch, s.ToN, s.ToMatch, s.FromSymbol, s.FromState.String(), s.FromRef.String(),
		s.ToSymbol, s.ToState.String(), s.ToRef.String()}
}

// MoverSwitches lists the switched roll calls of every mover:
// state,direction,title,from_n,from_match,to_n,to_match,from_symbol,
// from_vote,from_reference_vote,to_symbol,to_vote,to_reference_vote.
type MoverSwitches struct{ Result *blocs.Movers }

// Rows writes one row per mover and switched title.
func (v MoverSwitches) Rows() *format.Rows {
	r := &format.Rows{Columns: []string{"state", "direction", "title", "from_n", "from_match", "to_n", "to_match",
		"from_symbol", "from_vote", "from_reference_vote", "to_symbol", "to_vote", "to_reference_vote"}}
	Movers{Result: v.Result}.each(func(_ int, _ string, m *blocs.Mover) {
		for _, s := range m.Switches {
			o := newSwitchObject(&s)
			r.Data = append(r.Data, []any{m.State, o.Direction, o.Title, o.FromN, o.FromMatch, o.ToN, o.ToMatch,
				o.FromSymbol, o.FromVote, o.FromRef, o.ToSymbol, o.ToVote, o.ToRef})
		}
	})
	return r
}

// MarshalJSON writes the rows as objects.
func (v MoverSwitches) MarshalJSON() ([]byte, error) { return json.Marshal(v.Rows().Objects()) }

// Vetoes lists Security Council vetoes:
// date,draft,meeting,vetoed_by,agenda,topic,region,user_added,source. A
// user-added veto has user_added true and its source link; a veto of the
// published list names the file and line it was read from.
type Vetoes struct{ List []store.StoredVeto }

// Rows writes one row per veto, oldest first.
func (v Vetoes) Rows() *format.Rows {
	r := &format.Rows{Columns: []string{"date", "draft", "meeting", "vetoed_by", "agenda", "topic", "region", "user_added", "source"}}
	user := 0
	for _, x := range v.List {
		src := x.Source
		if !x.UserAdded {
			src = fmt.Sprintf("%s:%d", x.File, x.Line)
		} else {
			user++
		}
		r.Data = append(r.Data, []any{x.Date, x.Draft, x.Meeting, strings.Join(x.Vetoers, " "), x.Agenda, x.Topic, x.Region, x.UserAdded, src})
	}
	r.Footer = append(r.Footer, fmt.Sprintf("%d vetoes, %d of them user-added (not in the published list; see their source).", len(v.List), user))
	return r
}

// MarshalJSON writes the rows as objects.
func (v Vetoes) MarshalJSON() ([]byte, error) { return json.Marshal(v.Rows().Objects()) }

// CouncilYears summarises the Security Council by year:
// year,roll_calls,members,elected,p5_agree,p5_unanimous,vetoes.
type CouncilYears struct {
	Years    []council.Year
	P5       []council.P5Row
	Vetoes   map[int]int // vetoes by year
	Failed   map[int]int // roll calls that adopted nothing (vetoed, or short of votes), by year
	Universe string
	Through  string
}

// Rows writes one row per year with roll calls or vetoes.
func (v CouncilYears) Rows() *format.Rows {
	r := &format.Rows{Columns: []string{"year", "roll_calls", "not_adopted", "members", "elected", "p5_agree", "p5_unanimous", "vetoes"}}
	p5 := map[int]*council.P5Row{}
	for i := range v.P5 {
		p5[v.P5[i].Year] = &v.P5[i]
	}
	years := map[int]*council.Year{}
	var all []int
	for i := range v.Years {
		years[v.Years[i].Year] = &v.Years[i]
		all = append(all, v.Years[i].Year)
	}
	for y := range v.Vetoes {
		if years[y] == nil {
			all = append(all, y)
		}
	}
	sort.Ints(all)
	for _, y := range all {
		row := []any{y, 0, v.Failed[y], nil, nil, nil, nil, v.Vetoes[y]}
		if c := years[y]; c != nil {
			row[1], row[3], row[4] = c.RollCalls, len(c.Seats), c.Elected()
		}
		if p := p5[y]; p != nil {
			row[5], row[6] = number(p.Agreement), number(p.Unanimous)
		}
		r.Data = append(r.Data, row)
	}
	if v.Universe != "" {
		r.Footer = append(r.Footer, "roll_calls counts the drafts that adopted nothing (not_adopted: vetoed or short of nine votes) unless --adopted-only; vetoes counts the veto list's records.",
			"Universe: "+v.Universe+". "+v.Through+".")
	}
	return r
}

// MarshalJSON writes the rows as objects.
func (v CouncilYears) MarshalJSON() ([]byte, error) { return json.Marshal(v.Rows().Objects()) }

// CouncilSeats lists the members of the Council in one year:
// year,state,seat,roll_calls,yes,no,abstain,non_voting. The table ends with
// the agreement of each pair of permanent members.
type CouncilSeats struct {
	Year council.Year
	P5   *council.P5Row // nil if none
}

// Rows writes one row per member, permanent members first.
func (v CouncilSeats) Rows() *format.Rows {
	r := &format.Rows{Columns: []string{"year", "state", "seat", "roll_calls", "yes", "no", "abstain", "non_voting"}}
	for _, s := range v.Year.Seats {
		seat := "elected"
		if s.Permanent {
			seat = "permanent"
		}
		r.Data = append(r.Data, []any{v.Year.Year, s.State, seat, s.RollCalls, s.Yes, s.No, s.Abstain, s.NonVoting})
	}
	if p := v.P5; p != nil {
		r.Footer = append(r.Footer, "", fmt.Sprintf("Permanent members on %d roll calls: mean agreement %s, all five the same on %s of them.",
			p.RollCalls, fixed(p.Agreement), percent(p.Unanimous)))
		for _, pr := range p.Pairs {
			r.Footer = append(r.Footer, fmt.Sprintf("  %s %s  n %d  agree %s", pr.A, pr.B, pr.N, fixed(pr.Counts.Agree())))
		}
	}
	return r
}

func percent(v align.Value) string {
	if !v.Defined {
		return "NA"
	}
	return strconv.FormatFloat(100*v.X, 'f', 1, 64) + "%"
}

// MarshalJSON writes the rows as objects.
func (v CouncilSeats) MarshalJSON() ([]byte, error) { return json.Marshal(v.Rows().Objects()) }

// P5Pairs lists the agreement of each pair of permanent members on Security
// Council roll calls in each window: WINDOW,a,b,n,agree.
type P5Pairs struct {
	By    string
	Years []council.P5Row
}

// Rows writes one row per pair and window.
func (v P5Pairs) Rows() *format.Rows {
	r := &format.Rows{Columns: []string{v.By, "a", "b", "n", "agree"}}
	for _, p := range v.Years {
		for _, pr := range p.Pairs {
			r.Data = append(r.Data, []any{windowKey(v.By, p.Window), pr.A, pr.B, pr.N, number(pr.Counts.Agree())})
		}
	}
	return r
}

// MarshalJSON writes the rows as objects.
func (v P5Pairs) MarshalJSON() ([]byte, error) { return json.Marshal(v.Rows().Objects()) }

// PoleMovers ranks states by their move along the ideal-point dimension.
type PoleMovers struct {
	Result *blocs.PoleMoves
	Fit    string // the stored fit's name
}

// Rows writes one row per mover: its mean ideal point in each period (and
// the years behind each mean) and the change toward the pole.
func (v PoleMovers) Rows() *format.Rows {
	res := v.Result
	pole := "the positive pole (the United States' side)"
	if res.Pole < 0 {
		pole = "the negative pole"
	}
	r := &format.Rows{Columns: []string{"rank", "direction", "state", "from_years", "from", "to_years", "to", "change"}}
	r.Heading = append(r.Heading, fmt.Sprintf("Mean ideal point (fit %q), %s against %s, moves toward %s", v.Fit, res.From.Label, res.To.Label, pole))
	add := func(dir string, list []blocs.PoleMove) {
		for i, m := range list {
			r.Data = append(r.Data, []any{i + 1, dir, m.State, m.YearsFrom, m.From, m.YearsTo, m.To, m.Change})
		}
	}
	add("toward", res.Toward)
	add("away", res.Away)
	return r
}

// MarshalJSON writes the rows as objects.
func (v PoleMovers) MarshalJSON() ([]byte, error) { return json.Marshal(v.Rows().Objects()) }
