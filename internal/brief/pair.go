// Package brief assembles citable evidence briefs: for two states or groups
// (agreement now against a baseline, chance-corrected agreement, ranks among
// partners, ideal points, the roll calls that split and joined them, the
// Security Council record, camp context), and for one roll call (outcome,
// tally, who voted against and abstained, how the six voted, who broke with
// their usual partners, related votes). Every number is computed by the
// analysis packages the commands use (align, blocs, the stored ideal-point
// fit, the stored vetoes), so a brief shows exactly what `align`,
// `neighbours`, `ideal show` and `vetoes` print for the same window, and
// names the commands that reproduce it. Rendering to Markdown, HTML and JSON
// is in render.go.
package brief

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/blocwatch/blocwatch/internal/align"
	"github.com/blocwatch/blocwatch/internal/blocs"
	"github.com/blocwatch/blocwatch/internal/council"
	"github.com/blocwatch/blocwatch/internal/events"
	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/registry"
	"github.com/blocwatch/blocwatch/internal/store"
	"github.com/blocwatch/blocwatch/internal/votes"
)

// Bootstrap settings of every interval in a brief: the same as
// `align --bootstrap 1000 --seed 1`.
const (
	Replicates = 1000
	Seed       = 1
)

// Top is how many roll calls a brief lists as splitting and as joining.
const Top = 10

// Side is one side of a pair brief: the analysis side and how to name it.
type Side struct {
	align.Side
	Label string     // "PRK (Democratic People's Republic of Korea)" or "KOREA-EAST (PRK CHN RUS)"
	Camp  blocs.Camp // its members on a date
	State bool       // a single state (ranks and ideal points apply)
}

// PairInput is what a pair brief is built from.
type PairInput struct {
	M              *votes.Matrix
	Mask           votes.Mask // the universe of votes (General Assembly by default)
	Universe       string     // how the mask is described, e.g. "General Assembly roll calls"
	A, B           Side
	Period         align.Window
	Baseline       align.Window
	Events         []events.Event     // all events; the brief keeps those of its span
	Vetoes         []store.StoredVeto // all stored vetoes; the brief keeps those of its window
	Ideal          []store.Point      // the stored fit's points, or nil
	IdealFit       string             // the fit's name
	Presets        []blocs.Preset     // camp presets, for camp context
	Groups         func(code string) (blocs.Camp, bool)
	Coverage       func(from, to string) []string // the coverage of a window, in sentences; nil: from the matrix's dates
	Partial        func(from, to string) bool     // whether the data cover a window only in part; nil: from the matrix's dates
	CommandPrefix  string                         // "blocwatch" plus any global flags (--db ...)
	SelectionFlags string                         // flags that choose the universe, repeated in every command (e.g. "--body GA")
}

// Measure is a value with its n and bootstrap interval.
type Measure struct {
	Value   *float64 `json:"value"` // null when undefined
	Lo      *float64 `json:"lo"`
	Hi      *float64 `json:"hi"`
	N       int      `json:"n"`
	Agreed  int      `json:"agreed,omitempty"` // for agreement: roll calls with the same vote
	Command string   `json:"command"`
}

// Rank is one side's place among the other's partners.
type Rank struct {
	Of      string   `json:"of"`      // whose partners
	Partner string   `json:"partner"` // who is ranked
	Rank    int      `json:"rank"`    // 1 is the closest; 0 if not ranked
	Among   int      `json:"among"`   // states ranked
	Agree   *float64 `json:"agree"`
	N       int      `json:"n"`
	Command string   `json:"command"`
}

// IdealMove is a state's ideal point at the end of the baseline and of the
// period, with ±1.96 standard errors.
type IdealMove struct {
	State    string   `json:"state"`
	FromYear int      `json:"from_year"`
	From     *float64 `json:"from"`
	FromSE   *float64 `json:"from_se"`
	ToYear   int      `json:"to_year"`
	To       *float64 `json:"to"`
	ToSE     *float64 `json:"to_se"`
	Move     *float64 `json:"move"`
	Command  string   `json:"command"`
}

// Point is one year of the chart's series.
type Point struct {
	Year    int      `json:"year"`
	Agree   *float64 `json:"agree"`
	N       int      `json:"n"`
	Partial bool     `json:"partial"` // the data cover the year only in part
}

// Item is a roll call listed in a brief.
type Item struct {
	Index  int          `json:"-"`
	Symbol string       `json:"symbol"`
	Date   string       `json:"date"`
	Title  string       `json:"title"`
	VoteA  string       `json:"vote_a"`
	VoteB  string       `json:"vote_b"`
	Tally  record.Tally `json:"tally"`
	// Against is how telling the roll call is: joined, the mean distance of
	// the world's cast votes from the pair's (no = 0, abstain = ½, yes = 1);
	// split, the difference between those distances for the two sides.
	Against float64     `json:"telling"`
	Link    string      `json:"link"`
	Event   string      `json:"event,omitempty"` // the event that names this roll call, if any
	Six     []StateVote `json:"camp_votes,omitempty"`
}

// StateVote is one state's vote.
type StateVote struct {
	State string `json:"state"`
	Vote  string `json:"vote"`
}

// VetoItem is a veto cast by either side.
type VetoItem struct {
	Date    string   `json:"date"`
	Draft   string   `json:"draft"`
	Vetoers []string `json:"vetoed_by"`
	Topic   string   `json:"topic"`
	Link    string   `json:"link"`
	Source  string   `json:"source"`
}

// CampContext places the pair in a camps preset.
type CampContext struct {
	Preset  string      `json:"preset"`
	A       string      `json:"a"`
	B       string      `json:"b"`
	Exact   []ExactYear `json:"exact_splits"`
	Note    string      `json:"note"` // the closing sentence: exact splits over the whole span
	Command string      `json:"command"`
}

// ExactYear is one year of exact camp splits.
type ExactYear struct {
	Year  int     `json:"year"`
	N     int     `json:"n"`
	Exact int     `json:"exact"`
	Share float64 `json:"share"`
}

// Headline is one generated sentence with the command behind it.
type Headline struct {
	Text    string `json:"text"`
	Command string `json:"command"`
}

// Pair is a brief on two states or groups.
type Pair struct {
	A            string               `json:"a"`
	B            string               `json:"b"`
	ALabel       string               `json:"a_label"`
	BLabel       string               `json:"b_label"`
	Universe     string               `json:"universe"`
	Period       Span                 `json:"period"`
	Baseline     Span                 `json:"baseline"`
	Headlines    []Headline           `json:"headlines"`
	AgreeNow     Measure              `json:"agree_now"`
	AgreeBase    Measure              `json:"agree_baseline"`
	KappaNow     Measure              `json:"kappa_now"`
	KappaBase    Measure              `json:"kappa_baseline"`
	Test         align.ProportionTest `json:"-"`
	TestJSON     TestResult           `json:"test"`
	Ranks        []Rank               `json:"ranks"`
	Ideal        []IdealMove          `json:"ideal_points"`
	Series       []Point              `json:"series"`
	SeriesCmd    string               `json:"series_command"`
	Events       []events.Event       `json:"events"`
	Splits       []Item               `json:"split"`
	SplitCount   int                  `json:"split_count"`
	Joined       []Item               `json:"joined"`
	JoinedCount  int                  `json:"joined_count"`
	DivergeCmd   string               `json:"diverge_command"`
	Vetoes       []VetoItem           `json:"vetoes"`
	VetoCommands []string             `json:"veto_commands"`
	// CouncilSplits are the Security Council roll calls of the period on
	// which both sides voted and voted differently (both members then);
	// CouncilCommon counts those on which both voted.
	CouncilSplits []Item       `json:"council_splits"` // the latest Top of them
	CouncilSplitN int          `json:"council_split_count"`
	CouncilCommon int          `json:"council_common"`
	CouncilCmd    string       `json:"council_command"`
	Camp          *CampContext `json:"camp,omitempty"`
	Coverage      []string     `json:"coverage"`
	Method        []string     `json:"method"`
	Commands      []string     `json:"commands"`
}

// Span is a window's dates.
type Span struct {
	Label string `json:"label"`
	From  string `json:"from"`
	To    string `json:"to"`
}

// TestResult is the z-test of the change in agreement.
type TestResult struct {
	Name string   `json:"name"`
	Diff *float64 `json:"diff"`
	Lo   *float64 `json:"diff_lo"`
	Hi   *float64 `json:"diff_hi"`
	Z    *float64 `json:"z"`
	P    *float64 `json:"p"`
}

func ptr(v align.Value) *float64 {
	if !v.Defined || math.IsNaN(v.X) || math.IsInf(v.X, 0) {
		return nil
	}
	x := v.X
	return &x
}

func fptr(x float64) *float64 { return &x }

func span(w align.Window) Span { return Span{Label: w.Label, From: w.From, To: w.To} }

// years returns the first and last calendar year of a window.
func years(w align.Window) (int, int) { return record.YearOf(w.From), record.YearOf(w.To) }

// ErrNoCommon reports that the two sides have no roll call in common in the
// period.
var ErrNoCommon = errors.New("no roll calls in common")

// BuildPair assembles the brief on in.A and in.B.
func BuildPair(in PairInput) (*Pair, error) {
	m := in.M
	a, b := in.A, in.B
	p := &Pair{A: a.Name, B: b.Name, ALabel: a.Label, BLabel: b.Label, Universe: in.Universe,
		Period: span(in.Period), Baseline: span(in.Baseline)}
	cmd := func(format string, args ...any) string {
		s := in.CommandPrefix + " " + fmt.Sprintf(format, args...)
		if in.SelectionFlags != "" {
			s += " " + in.SelectionFlags
		}
		return s
	}
	ms := []align.Metric{align.Agree, align.Kappa}
	o := align.Options{Metrics: ms, Mask: in.Mask, Bootstrap: true, Replicates: Replicates, Seed: Seed}
	rows := map[string]align.Row{}
	for _, w := range []align.Window{in.Period, in.Baseline} {
		r, err := align.CompareWindow(m, a.Side, b.Side, w, o)
		if err != nil {
			r = align.Row{Window: w, Values: make([]align.Value, len(ms)), CI: make([]align.Interval, len(ms))}
		}
		rows[w.Label] = r
	}
	now, base := rows[in.Period.Label], rows[in.Baseline.Label]
	if now.N == 0 {
		return nil, fmt.Errorf("brief: %s and %s: %w in %s", a.Name, b.Name, ErrNoCommon, in.Period)
	}
	measure := func(r align.Row, k int, w align.Window) Measure {
		x := Measure{Value: ptr(r.Values[k]), N: r.N,
			Command: cmd("align %s %s --by period --from %s --to %s --metric agree,kappa --bootstrap %d --seed %d", a.Name, b.Name, w.From, w.To, Replicates, Seed)}
		if r.CI != nil && r.CI[k].Defined {
			x.Lo, x.Hi = fptr(r.CI[k].Lo), fptr(r.CI[k].Hi)
		}
		if ms[k] == align.Agree {
			x.Agreed = int(r.Counts[0][0] + r.Counts[1][1] + r.Counts[2][2])
		}
		return x
	}
	p.AgreeNow, p.KappaNow = measure(now, 0, in.Period), measure(now, 1, in.Period)
	p.AgreeBase, p.KappaBase = measure(base, 0, in.Baseline), measure(base, 1, in.Baseline)
	p.Test = align.TestProportions(p.AgreeBase.Agreed, base.N, p.AgreeNow.Agreed, now.N)
	p.TestJSON = TestResult{Name: "two-proportion z-test of agreement, period against baseline (docs/alignment.md)",
		Diff: ptr(p.Test.Diff), Lo: ptr(p.Test.Lo), Hi: ptr(p.Test.Hi), Z: ptr(p.Test.Z), P: ptr(p.Test.P)}

	// Ranks among each other's partners, as `neighbours` ranks them.
	for _, pair := range [][2]Side{{a, b}, {b, a}} {
		of, partner := pair[0], pair[1]
		if !partner.State {
			continue
		}
		most, _, err := align.Neighbours(m, of.Side, in.Period, 0, align.Options{Mask: in.Mask})
		if err != nil {
			continue
		}
		r := Rank{Of: of.Name, Partner: partner.Name, Among: len(most),
			Command: cmd("neighbours %s --from %s --to %s --top %d", of.Name, in.Period.From, in.Period.To, len(most))}
		for k, row := range most {
			if row.B == partner.Name {
				r.Rank, r.Agree, r.N = k+1, ptr(row.Values[0]), row.N
				break
			}
		}
		p.Ranks = append(p.Ranks, r)
	}

	// Ideal points at the end of the baseline and of the period.
	if in.Ideal != nil {
		_, by := years(in.Baseline)
		_, py := years(in.Period)
		for _, s := range []Side{a, b} {
			if !s.State {
				continue
			}
			mv := IdealMove{State: s.Name, FromYear: by, ToYear: py,
				Command: in.CommandPrefix + fmt.Sprintf(" ideal show %s --from %d --to %d", s.Name, by, py)}
			if in.IdealFit != "" && in.IdealFit != "default" {
				mv.Command += " --name " + in.IdealFit
			}
			// The last year with a point, at or before each end.
			for _, pt := range in.Ideal {
				if pt.State != s.Name {
					continue
				}
				if pt.Year <= by && pt.Year > 0 && (mv.From == nil || pt.Year >= mv.FromYear) {
					mv.FromYear, mv.From, mv.FromSE = pt.Year, fptr(pt.X), fptr(pt.SE)
				}
				if pt.Year <= py && pt.Year > by && (mv.To == nil || pt.Year >= mv.ToYear) {
					mv.ToYear, mv.To, mv.ToSE = pt.Year, fptr(pt.X), fptr(pt.SE)
				}
			}
			if mv.From == nil && mv.To == nil {
				continue
			}
			if mv.From != nil && mv.To != nil {
				mv.Move = fptr(*mv.To - *mv.From)
			}
			p.Ideal = append(p.Ideal, mv)
		}
	}

	// The yearly series over baseline and period.
	first, _ := years(in.Baseline)
	_, last := years(in.Period)
	var ws []align.Window
	for y := first; y <= last; y++ {
		ws = append(ws, align.Year(y))
	}
	p.SeriesCmd = cmd("align %s %s --by year --from %d --to %d --metric agree", a.Name, b.Name, first, last)
	partialFrom := ""
	if rcs := m.RollCalls(); len(rcs) > 0 {
		partialFrom = rcs[len(rcs)-1].Date
	}
	if ser, err := align.Compare(m, a.Side, b.Side, ws, align.Options{Mask: in.Mask}); err == nil {
		for _, r := range ser.Rows {
			partial := r.To > partialFrom
			if in.Partial != nil {
				partial = in.Partial(r.From, r.To)
			}
			p.Series = append(p.Series, Point{Year: r.Year, Agree: ptr(r.Values[0]), N: r.N, Partial: partial})
		}
	}
	p.Events = events.Between(in.Events, fmt.Sprintf("%04d-01-01", first), fmt.Sprintf("%04d-12-31", last))
	if p.Events == nil {
		p.Events = []events.Event{}
	}

	// The roll calls of the period that split and joined them.
	va, err := align.Votes(m, a.Side)
	if err != nil {
		return nil, err
	}
	vb, err := align.Votes(m, b.Side)
	if err != nil {
		return nil, err
	}
	camp := campOf(in, a, b)
	var six []string
	if camp != nil {
		if ca, ok := in.Groups(camp.A); ok {
			six = append(six, ca.MembersOn(in.Period.To)...)
		}
		if cb, ok := in.Groups(camp.B); ok {
			six = append(six, cb.MembersOn(in.Period.To)...)
		}
	}
	lo, hi := m.DateRange(in.Period.From, in.Period.To)
	for i := lo; i < hi; i++ {
		if in.Mask != nil && !in.Mask.Has(i) || va[i] == 0 || vb[i] == 0 {
			continue
		}
		rc := m.RollCall(i)
		cast := rc.Tally.Yes + rc.Tally.No + rc.Tally.Abstain
		if cast == 0 {
			continue
		}
		// dist is the mean distance of the world's cast votes from v, on
		// no = 0, abstain = ½, yes = 1.
		dist := func(v record.Vote) float64 {
			t := rc.Tally
			d := float64(t.Yes)*abs(1-pos(v)) + float64(t.Abstain)*abs(0.5-pos(v)) + float64(t.No)*abs(0-pos(v))
			return d / float64(cast)
		}
		it := Item{Index: i, Symbol: rc.Symbol(), Date: rc.Date, Title: cleanTitle(rc.Title), VoteA: va[i].String(), VoteB: vb[i].String(),
			Tally: rc.Tally}
		if va[i] == vb[i] {
			it.Against = dist(va[i])
			p.Joined = append(p.Joined, it)
		} else {
			it.Against = math.Abs(dist(va[i]) - dist(vb[i]))
			p.Splits = append(p.Splits, it)
		}
	}
	p.SplitCount, p.JoinedCount = len(p.Splits), len(p.Joined)
	// Roll calls that an event of the period names (its source is the
	// resolution) are listed whether or not they are among the most telling.
	named := map[string]string{}
	for _, e := range events.Between(in.Events, in.Period.From, in.Period.To) {
		if sym, ok := strings.CutPrefix(e.Source, "https://undocs.org/"); ok {
			named[strings.ToUpper(sym)] = e.Title
		}
	}
	for _, list := range []*[]Item{&p.Splits, &p.Joined} {
		l := *list
		sort.SliceStable(l, func(i, j int) bool {
			if l[i].Against != l[j].Against {
				return l[i].Against > l[j].Against
			}
			return l[i].Date > l[j].Date
		})
		for k := range l {
			l[k].Event = named[strings.ToUpper(strings.ReplaceAll(l[k].Symbol, " ", ""))]
		}
		if len(l) > Top {
			top := l[:Top:Top]
			for _, it := range l[Top:] {
				if it.Event != "" {
					top = append(top, it)
				}
			}
			l = top
		}
		for k := range l {
			l[k].Link = m.RollCall(l[k].Index).Links.Best()
			for _, st := range six {
				if s, ok := m.State(st); ok {
					l[k].Six = append(l[k].Six, StateVote{st, voteString(m.Vote(l[k].Index, s))})
				}
			}
		}
		if l == nil {
			l = []Item{}
		}
		*list = l
	}
	p.DivergeCmd = cmd("diverge %s %s --from %s --to %s --limit 0", a.Name, b.Name, in.Period.From, in.Period.To)

	// Security Council roll calls on which both voted and differed.
	p.CouncilSplits = []Item{}
	sc := m.Select(votes.Filter{Body: record.SC, From: in.Period.From, To: in.Period.To})
	for i := lo; i < hi; i++ {
		if !sc.Has(i) || va[i] == 0 || vb[i] == 0 {
			continue
		}
		p.CouncilCommon++
		if va[i] != vb[i] {
			rc := m.RollCall(i)
			p.CouncilSplits = append(p.CouncilSplits, Item{Index: i, Symbol: rc.Symbol(), Date: rc.Date, Title: cleanTitle(rc.Title),
				VoteA: va[i].String(), VoteB: vb[i].String(), Tally: rc.Tally, Link: rc.Links.Best()})
		}
	}
	p.CouncilSplitN = len(p.CouncilSplits)
	if len(p.CouncilSplits) > Top {
		p.CouncilSplits = p.CouncilSplits[len(p.CouncilSplits)-Top:]
	}
	p.CouncilCmd = in.CommandPrefix + fmt.Sprintf(" diverge %s %s --from %s --to %s --body SC --limit 0", a.Name, b.Name, in.Period.From, in.Period.To)

	// The Security Council record: vetoes cast by either side (or a member of
	// a group side) in the period.
	vetoers := map[string]bool{}
	for _, s := range []Side{a, b} {
		for _, c := range s.Camp.MembersOn(in.Period.To) {
			for _, h := range council.Holders(c) {
				vetoers[h] = true
			}
		}
	}
	p.Vetoes = []VetoItem{}
	for _, v := range in.Vetoes {
		if v.Date < in.Period.From || v.Date > in.Period.To {
			continue
		}
		hit := false
		for _, c := range v.Vetoers {
			hit = hit || vetoers[c]
		}
		if hit {
			p.Vetoes = append(p.Vetoes, VetoItem{Date: v.Date, Draft: v.Draft, Vetoers: v.Vetoers, Topic: v.Topic, Link: record.DocLink(v.Draft), Source: v.Source})
		}
	}
	var p5 []string
	for c := range vetoers {
		if council.P5().Has(c, in.Period.To) {
			p5 = append(p5, c)
		}
	}
	sort.Strings(p5)
	for _, c := range p5 {
		p.VetoCommands = append(p.VetoCommands, in.CommandPrefix+fmt.Sprintf(" vetoes --by %s --from %s --to %s", c, in.Period.From, in.Period.To))
	}

	if camp != nil {
		ca, _ := in.Groups(camp.A)
		cb, _ := in.Groups(camp.B)
		var cws []align.Window
		for y := first; y <= last; y++ {
			cws = append(cws, align.Year(y))
		}
		camp.Command = cmd("camps --preset %s --exact --from %d --to %d", camp.Preset, first, last)
		if rows, err := blocs.ExactSplits(m, ca, cb, cws, in.Mask); err == nil {
			n, x := 0, 0
			var parts []string
			for _, r := range rows {
				camp.Exact = append(camp.Exact, ExactYear{Year: r.Year, N: r.N, Exact: r.Exact, Share: r.Share.X})
				n, x = n+r.N, x+r.Exact
				parts = append(parts, fmt.Sprintf("%d %.1f%%", r.Year, 100*r.Share.X))
			}
			if n > 0 {
				camp.Note = fmt.Sprintf("In %d-%d, %s and %s voted as blocs against each other on %d of the %d roll calls on which both voted (%.1f%%); by year: %s.",
					rows[0].Year, rows[len(rows)-1].Year, camp.A, camp.B, x, n, 100*float64(x)/float64(n), strings.Join(parts, ", "))
			}
		}
		p.Camp = camp
	}

	// Coverage and method.
	if in.Coverage != nil {
		p.Coverage = in.Coverage(fmt.Sprintf("%04d-01-01", first), in.Period.To)
	} else {
		p.Coverage = defaultCoverage(m, fmt.Sprintf("%04d-01-01", first), in.Period.To)
	}
	p.Method = methodNote(in.Universe)
	p.headlines(in)
	p.Commands = []string{p.AgreeNow.Command, p.AgreeBase.Command, p.SeriesCmd, p.DivergeCmd}
	for _, r := range p.Ranks {
		p.Commands = append(p.Commands, r.Command)
	}
	for _, mv := range p.Ideal {
		p.Commands = append(p.Commands, mv.Command)
	}
	p.Commands = append(p.Commands, p.VetoCommands...)
	if p.Camp != nil {
		p.Commands = append(p.Commands, p.Camp.Command)
	}
	return p, nil
}

// campOf returns the camps preset where a and b are the two camps, or each
// belongs to one of them, or nil.
func campOf(in PairInput, a, b Side) *CampContext {
	if in.Groups == nil {
		return nil
	}
	for _, ps := range in.Presets {
		ca, ok1 := in.Groups(ps.A)
		cb, ok2 := in.Groups(ps.B)
		if !ok1 || !ok2 {
			continue
		}
		in := func(s Side, c blocs.Camp) bool {
			if s.Name == c.Name {
				return true
			}
			if !s.State {
				return false
			}
			for _, x := range c.MembersOn(in.Period.To) {
				if x == s.Name {
					return true
				}
			}
			return false
		}
		if (in(a, ca) || in(a, cb)) && (in(b, ca) || in(b, cb)) {
			return &CampContext{Preset: ps.Name, A: ps.A, B: ps.B}
		}
	}
	return nil
}

// pos places a vote on the scale no = 0, abstain = ½, yes = 1.
func pos(v record.Vote) float64 {
	switch v {
	case record.Yes:
		return 1
	case record.Abstain:
		return 0.5
	}
	return 0
}

func voteString(v record.Vote) string {
	if v == 0 {
		return "-"
	}
	return v.String()
}

// cleanTitle drops the UN Digital Library's " : resolution / adopted by ..."
// tail of a title.
func cleanTitle(t string) string {
	if i := strings.Index(t, " : resolution"); i > 0 {
		t = t[:i]
	}
	return strings.TrimSpace(t)
}

// defaultCoverage says how far the matrix's dates reach into a window.
func defaultCoverage(m *votes.Matrix, from, to string) []string {
	rcs := m.RollCalls()
	if len(rcs) == 0 {
		return []string{"The store holds no roll calls."}
	}
	first, last := rcs[0].Date, rcs[len(rcs)-1].Date
	out := []string{fmt.Sprintf("The stored record runs from %s to %s.", first, last)}
	if to > last {
		out = append(out, fmt.Sprintf("The window %s..%s reaches beyond the last stored roll call (%s): %d is covered only in part.", from, to, last, record.YearOf(last)))
	}
	out = append(out, "Years with rows are not necessarily complete: the data files may lack votes of recent years (docs/data.md); `blocwatch check` lists known gaps.")
	return out
}

func methodNote(universe string) []string {
	return []string{
		"Universe of votes: " + universe + ", on which both sides cast yes, no or abstain; absences and non-voting are left out. As in `align`, a vote the sources record more than once (the same roll call held twice or in parts) counts once (docs/data.md).",
		"Agreement: the share of those roll calls on which both cast the same vote. Kappa: Cohen's chance-corrected agreement on the 3×3 table of yes/no/abstain (docs/alignment.md).",
		fmt.Sprintf("Intervals: 95%% percentile bootstrap over roll calls, %d replicates, seed %d. Change in agreement: two-proportion z-test (pooled), two-sided; roll calls are not independent draws, so read p as a guide.", Replicates, Seed),
		"A group votes by the most common cast vote of its members on the day (no position on a tie). Ranks order every state with a roll call in common by agreement, ties to the larger n, then the code (as `neighbours`).",
		"Ideal points: the stored dynamic ordinal IRT fit (docs/ideal.md), US side positive; ± is 1.96 standard errors.",
		"Most telling roll calls: each vote is placed at no = 0, abstain = ½, yes = 1, and the world's distance from a vote is the mean distance of all cast votes in the tally from it. Joined: the largest distance of the world from the pair's common vote first (1 = the world voted the opposite way to a state). Split: the largest difference between the world's distances from the two sides' votes first (one voted with the world, the other against it).",
	}
}

// ParseSide resolves a state or group for a brief from the registry.
func ParseSide(reg *registry.Registry, m *votes.Matrix, name string, user map[string]*registry.Group) (Side, error) {
	if g, ok := user[strings.ToUpper(name)]; ok {
		return groupSide(g), nil
	}
	if g, err := reg.Group(name); err == nil {
		return groupSide(g), nil
	}
	st, err := reg.Lookup(name)
	if err != nil {
		return Side{}, err
	}
	if _, ok := m.State(st.Code); !ok {
		return Side{}, fmt.Errorf("%s (%s) has no recorded votes in the store", st.Code, st.Name)
	}
	return Side{Side: align.State(st.Code), Label: st.Code + " (" + st.Name + ")", Camp: blocs.StateCamp(st.Code), State: true}, nil
}

func groupSide(g *registry.Group) Side {
	return Side{Side: align.Group(g.Code, g), Label: g.Code + " (" + strings.Join(g.MembersOn(""), " ") + ")",
		Camp: blocs.Camp{Name: g.Code, MembersOn: g.MembersOn}}
}
