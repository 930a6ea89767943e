package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/blocwatch/blocwatch/internal/align"
	"github.com/blocwatch/blocwatch/internal/coverage"
	"github.com/blocwatch/blocwatch/internal/format"
	"github.com/blocwatch/blocwatch/internal/query"
	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/registry"
	"github.com/blocwatch/blocwatch/internal/view"
	"github.com/blocwatch/blocwatch/internal/votes"
)

// noDataError reports a valid selection that holds no votes.
type noDataError struct{ err error }

func (e noDataError) Error() string { return e.err.Error() }
func (e noDataError) Unwrap() error { return e.err }

// selection holds the flags that choose roll calls, shared by the analysis
// commands.
type selection struct {
	from, to, body, text, groups string
	include                      string // kinds of roll call added to the default universe
	keepDuplicates               bool
	issues                       []string
	noAmend, noPara, important   bool
	year                         int
}

func (sel *selection) flags(c *cobra.Command, withYear bool) {
	f := c.Flags()
	f.StringVar(&sel.from, "from", "", "first date, YYYY-MM-DD, YYYY-MM or YYYY")
	f.StringVar(&sel.to, "to", "", "last date, YYYY-MM-DD, YYYY-MM or YYYY")
	if withYear {
		f.IntVar(&sel.year, "year", 0, "one calendar year")
	}
	f.StringVar(&sel.body, "body", "GA", "GA, SC or all")
	f.StringSliceVar(&sel.issues, "issue", nil, "only roll calls on these issues: me (Palestinian conflict), nu (nuclear), di (arms control), hr (human rights), co (colonialism), ec (development)")
	f.StringVar(&sel.text, "text", "", "only roll calls whose title, subjects or symbol contain this text")
	f.BoolVar(&sel.noAmend, "no-amendments", false, "leave out votes on amendments")
	f.BoolVar(&sel.noPara, "no-paragraphs", false, "leave out separate votes on paragraphs")
	f.BoolVar(&sel.important, "important", false, "only votes the US State Department marks important (1983-2019)")
	f.StringVar(&sel.groups, "groups", "", "a file of user-defined groups (docs/registry.md)")
	f.StringVar(&sel.include, "include", "", "add kinds of roll call to the default universe (whole resolutions): amendments, paragraphs, other, all")
	f.BoolVar(&sel.keepDuplicates, "keep-duplicates", false, "count every record, also several records of one vote (record-level counts)")
}

// filter turns the flags into a votes.Filter.
func (sel *selection) filter() (votes.Filter, error) {
	var f votes.Filter
	var err error
	if f.From, err = parseDate(sel.from, false); err != nil {
		return f, usagef("--from: %v", err)
	}
	if f.To, err = parseDate(sel.to, true); err != nil {
		return f, usagef("--to: %v", err)
	}
	if sel.year != 0 {
		if err := query.CheckYear(sel.year); err != nil {
			return f, usagef("--year: %v", err)
		}
		f.From, f.To = strconv.Itoa(sel.year)+"-01-01", strconv.Itoa(sel.year)+"-12-31"
	}
	if f.From != "" && f.To != "" && f.From > f.To {
		return f, usagef("--from %s is after --to %s", f.From, f.To)
	}
	if f.Body, err = query.Body(sel.body); err != nil {
		return f, usagef("--body: %v", err)
	}
	for _, s := range sel.issues {
		is, err := record.ParseIssue(s)
		if err != nil {
			return f, usageError{err}
		}
		f.Issues |= is
	}
	f.Text, f.NoAmendments, f.NoParagraphs, f.ImportantOnly = sel.text, sel.noAmend, sel.noPara, sel.important
	return f, nil
}

// analysis is what an analysis command works on.
type analysis struct {
	m        *votes.Matrix
	universe votes.Universe
	cov      *coverage.Report // what the store's data cover, whatever the universe
	mask     votes.Mask
	filter   votes.Filter
	groups   map[string]*registry.Group // user-defined, by upper-case code
}

// open loads the vote matrix and applies the selection.
func (a *app) analysis(ctx context.Context, sel *selection) (*analysis, error) {
	f, err := sel.filter()
	if err != nil {
		return nil, err
	}
	u, err := votes.ParseUniverse(sel.include, sel.keepDuplicates)
	if err != nil {
		return nil, usageError{err}
	}
	an := &analysis{filter: f, universe: u, groups: map[string]*registry.Group{}}
	if sel.groups != "" {
		fh, err := os.Open(sel.groups)
		if err != nil {
			return nil, usageError{err}
		}
		gs, err := registry.ParseGroups(fh, sel.groups, registry.Default())
		fh.Close()
		if err != nil {
			return nil, usageError{err}
		}
		for _, g := range gs {
			an.groups[strings.ToUpper(g.Code)] = g
		}
	}
	s, err := a.openStore()
	if err != nil {
		return nil, err
	}
	defer s.Close()
	if an.m, err = s.Matrix(ctx); err != nil {
		return nil, err
	}
	spans, err := s.SourceSpans(ctx)
	if err != nil {
		return nil, err
	}
	an.cov = coverage.Of(an.m, spans)
	an.m = an.m.In(u)
	an.mask = an.m.Select(f)
	if an.mask.Len() == 0 {
		if whole := an.m.Select(votes.Filter{Body: f.Body, From: f.From, To: f.To}); whole.Len() == 0 {
			return nil, noDataError{errors.New(an.cov.Empty(f.Body, f.From, f.To))}
		}
		return nil, noDataError{fmt.Errorf("no roll calls match the selection (%s; universe %s; %s)", describe(f), u, an.through())}
	}
	return an, nil
}

func describe(f votes.Filter) string {
	var parts []string
	if f.Body != "" {
		parts = append(parts, "body "+string(f.Body))
	}
	if f.From != "" || f.To != "" {
		parts = append(parts, "dates "+f.From+".."+f.To)
	}
	if f.Issues != 0 {
		parts = append(parts, "issues "+strings.Join(f.Issues.Codes(), ","))
	}
	if f.Text != "" {
		parts = append(parts, fmt.Sprintf("text %q", f.Text))
	}
	if len(parts) == 0 {
		return "everything"
	}
	return strings.Join(parts, ", ")
}

// side resolves a state or a group: a user-defined group, then a built-in
// group, then a state.
func (an *analysis) side(name string) (align.Side, error) {
	if g, ok := an.groups[strings.ToUpper(name)]; ok {
		return align.Group(g.Code, g), nil
	}
	reg := registry.Default()
	if g, err := reg.Group(name); err == nil {
		return align.Group(g.Code, g), nil
	}
	st, err := reg.Lookup(name)
	if err != nil {
		var codes []string
		for _, g := range reg.Groups() {
			codes = append(codes, g.Code)
		}
		return align.Side{}, usagef("%v (groups: %s)", err, strings.Join(codes, ", "))
	}
	if _, ok := an.m.State(st.Code); !ok {
		return align.Side{}, noDataError{fmt.Errorf("%s (%s) has no recorded votes in the store", st.Code, st.Name)}
	}
	return align.State(st.Code), nil
}

// chosenWindows returns the windows a command's flags ask for: one year
// (--year), the windows of --by, or one period (--from/--to); ok is false
// when none of them is given.
func (an *analysis) chosenWindows(sel *selection, by string) (kind string, ws []align.Window, ok bool, err error) {
	switch {
	case sel.year != 0:
		return "year", []align.Window{align.Year(sel.year)}, true, nil
	case by != "":
		kind, ws, err = an.windows(by, 5, false)
		return kind, ws, err == nil, err
	case sel.from != "" || sel.to != "":
		return "period", []align.Window{align.Period(an.filter.From, an.filter.To)}, true, nil
	}
	return "", nil, false, nil
}

// twoSides prepares a command that compares two sides: it checks the
// format, loads the selection and resolves args[0] and args[1].
func (a *app) twoSides(ctx context.Context, sel *selection, args []string) (*analysis, align.Side, align.Side, error) {
	if err := a.checkFormat(); err != nil {
		return nil, align.Side{}, align.Side{}, err
	}
	an, err := a.analysis(ctx, sel)
	if err != nil {
		return nil, align.Side{}, align.Side{}, err
	}
	sa, sb, err := an.sides(args[0], args[1])
	return an, sa, sb, err
}

// partial reports whether the store's data cover window w of the selected
// body only in part.
func (an *analysis) partial(w align.Window) bool { return an.cov.Partial(an.filter.Body, w.From, w.To) }

// through says how far the data of the selected body go.
func (an *analysis) through() string { return an.cov.Through(an.filter.Body) }

// series marks the windows of s that the data cover only in part and names
// the universe of votes.
func (an *analysis) series(kind string, s *align.Series) view.Series {
	v := view.Series{By: kind, Series: s, Universe: an.universe.String(), Through: an.through()}
	for _, r := range s.Rows {
		v.Partial = append(v.Partial, an.partial(r.Window))
	}
	return v
}

// sides resolves the two sides of a comparison.
func (an *analysis) sides(a, b string) (align.Side, align.Side, error) {
	sa, err := an.side(a)
	if err != nil {
		return align.Side{}, align.Side{}, err
	}
	sb, err := an.side(b)
	return sa, sb, err
}

// windows builds the windows named by --by.
func (an *analysis) windows(by string, width int, centered bool) (string, []align.Window, error) {
	kind, arg, _ := strings.Cut(strings.ToLower(by), ":")
	if strings.HasPrefix(kind, "window") && arg == "" && len(kind) > len("window") {
		kind, arg = "window", strings.TrimPrefix(kind, "window")
	}
	var ws []align.Window
	switch kind {
	case "year":
		ws = align.Years(an.m)
	case "session":
		ws = align.Sessions(an.m)
	case "window":
		if arg != "" {
			n, err := strconv.Atoi(arg)
			if err != nil {
				return "", nil, usagef("--by %q: want window:N with N years", by)
			}
			width = n
		}
		if width < 1 {
			return "", nil, usagef("--window %d: want at least 1 year", width)
		}
		var err error
		if ws, err = align.Rolling(an.m, width, centered); err != nil {
			return "", nil, usageError{err}
		}
	case "period":
		f := an.filter
		return "period", []align.Window{align.Period(f.From, f.To)}, nil
	default:
		return "", nil, usagef("--by %q: want year, session, window:N or period", by)
	}
	// Keep the windows that overlap the selected dates.
	f := an.filter
	var out []align.Window
	for _, w := range ws {
		if f.From != "" && w.To < f.From || f.To != "" && w.From > f.To {
			continue
		}
		out = append(out, w)
	}
	if len(out) == 0 {
		return "", nil, noDataError{fmt.Errorf("no %s windows in %s", kind, describe(f))}
	}
	return kind, out, nil
}

func parseMetrics(s string) ([]align.Metric, error) {
	ms, err := align.ParseMetrics(s)
	if err != nil {
		return nil, usageError{err}
	}
	return ms, nil
}

const sidesHelp = `A side is a state (ISO3 or ISO2 code, COW number or name) or a group: the
built-in P5, G7, EU, BRICS, NATO, NAM, SCO, KOREA-WEST (USA JPN KOR),
KOREA-EAST (PRK CHN RUS), KOREA6, or one defined in a file given with
--groups. Group membership is dated; a group's vote on a roll call is the
most common cast vote of its members on that day (no position on a tie).

Roll calls are General Assembly votes unless --body says otherwise.`

func (a *app) alignCommand() *cobra.Command {
	var sel selection
	var by, metrics string
	var width, boot int
	var centered, rollcalls bool
	var seed uint64
	var around aroundFlags
	c := &cobra.Command{
		Use:   "align A B",
		Short: "How closely two states or groups vote together, over time",
		Long: `align measures the alignment of two sides in each window: by calendar year,
GA session, rolling windows of N years, or one period (--from/--to).

Metrics (docs/alignment.md): agree (share of common roll calls with the same
vote), agree-half (yes-abstain counts half; the US State Department's voting
coincidence 2017-2021), coincidence (the State Department's rule up to 2016:
identical over identical plus opposite yes/no votes), coincidence-absent-half
(its rule from 2022: agree-half with an absence counting half, over every roll
call on which one side voted), statedept (the rule of the window's years; NA
for a window across rule changes), s (Signorino & Ritter's S on no < abstain
< yes), kappa and pi (chance-corrected, Häge 2011), kappa-w and pi-w
(distance-weighted).

The CSV header is WINDOW,a,b,n,METRIC... where WINDOW is year, session,
window or period, and n is the number of roll calls on which both cast a
yes, no or abstain vote. A window where a measure is undefined prints an
empty cell (null in JSON), never NaN.

` + sidesHelp,
		Example: `  blocwatch align PRK RUS --by year --metric agree --format csv
  blocwatch align KOR USA --by window:5 --metric agree,kappa --from 1991
  blocwatch align JPN KOREA-EAST --issue hr --by session
  blocwatch align KOREA-WEST KOREA-EAST --by year --bootstrap 1000
  blocwatch align USA CHN --by period --from 2020 --to 2025 --metric s,kappa,pi
  blocwatch align PRK RUS --around 2023-09-13 --months 24 --metric agree,kappa`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			ms, err := parseMetrics(metrics)
			if err != nil {
				return err
			}
			if around.event != "" {
				return a.alignAround(cmd, &sel, args, ms, &around)
			}
			an, sa, sb, err := a.twoSides(cmd.Context(), &sel, args)
			if err != nil {
				return err
			}
			kind, ws, err := an.windows(by, width, centered)
			if err != nil {
				return err
			}
			o := align.Options{Metrics: ms, Mask: an.mask, Bootstrap: boot > 0, Replicates: boot, Seed: seed}
			if rollcalls {
				return a.writeBehind(an, args[0], args[1], sa, sb, ws, o)
			}
			s, err := align.Compare(an.m, sa, sb, ws, o)
			if err != nil {
				return err
			}
			return a.write(an.series(kind, s))
		},
	}
	sel.flags(c, false)
	c.Flags().StringVar(&by, "by", "year", "windows: year, session, window:N (rolling N years) or period")
	c.Flags().IntVar(&width, "window", 5, "years in a rolling window (--by window)")
	c.Flags().BoolVar(&centered, "centered", false, "centre rolling windows on their year (default: trailing)")
	c.Flags().StringVar(&metrics, "metric", "agree", "comma-separated: agree, agree-half, coincidence, s, kappa, pi, kappa-w, pi-w, coincidence-absent-half, statedept")
	c.Flags().IntVar(&boot, "bootstrap", 0, "bootstrap confidence intervals (95%) over roll calls with this many replicates")
	c.Flags().Uint64Var(&seed, "seed", 1, "random seed of the bootstrap")
	around.flags(c)
	c.Flags().BoolVar(&rollcalls, "rollcalls", false, "list the roll calls behind each figure (symbol, date, each side's vote, title, link) instead of the figures")
	return c
}

// figure names one alignment figure: two sides in a window.
type figure struct {
	a, b   string
	sa, sb align.Side
	w      align.Window
}

// writeBehind lists the roll calls behind the figures of a and b in each
// window: the n of each figure is the number of rows of its window.
func (a *app) writeBehind(an *analysis, na, nb string, sa, sb align.Side, ws []align.Window, o align.Options) error {
	var figs []figure
	for _, w := range ws {
		figs = append(figs, figure{strings.ToUpper(na), strings.ToUpper(nb), sa, sb, w})
	}
	return a.writeFigures(an, figs, o)
}

// writeFigures lists the roll calls behind each figure, one row each.
func (a *app) writeFigures(an *analysis, figs []figure, o align.Options) error {
	var out *format.Rows
	total := 0
	for _, f := range figs {
		list, err := align.RollCalls(an.m, f.sa, f.sb, f.w, o)
		if err != nil {
			return err
		}
		total += len(list)
		rows := view.RollCallsBehind{M: an.m, A: f.a, B: f.b, Window: f.w.Label, Universe: an.universe.String(), List: list}.Rows()
		if out == nil {
			out = rows
			out.Footer = nil
		} else {
			out.Data = append(out.Data, rows.Data...)
		}
		if len(figs) <= 12 {
			out.Footer = append(out.Footer, rows.Footer...)
		}
	}
	if total == 0 {
		return noDataError{fmt.Errorf("no roll call behind the figures: the sides cast no vote on a common roll call in the selection (%s)", an.through())}
	}
	out.Footer = append(out.Footer, fmt.Sprintf("%d rows for %d figures; universe %s; %s.", total, len(figs), an.universe, an.through()))
	return a.write(out)
}

func (a *app) neighboursCommand() *cobra.Command {
	var sel selection
	var metric string
	var top, minN int
	var rollcalls bool
	c := &cobra.Command{
		Use:     "neighbours STATE",
		Aliases: []string{"neighbors"},
		Short:   "Who votes most like a state or group, and least",
		Long: `neighbours ranks every state by its alignment with STATE over the selected
roll calls (--year, or --from/--to; default: the latest year the data cover
in full, see blocwatch coverage), and prints the top most similar and the
top least similar with n, the roll calls in common. Partners with fewer
than --min-n common roll calls (default 20) are left out: a perfect score on
nine votes is no evidence.

` + sidesHelp,
		Example: `  blocwatch neighbours PRK --year 2023
  blocwatch neighbours KOR --from 2020 --to 2025 --metric kappa --top 15`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.checkFormat(); err != nil {
				return err
			}
			ms, err := parseMetrics(metric)
			if err != nil {
				return err
			}
			if len(ms) != 1 {
				return usagef("--metric: give one metric")
			}
			if top < 1 {
				return usagef("--top %d: want at least 1", top)
			}
			an, err := a.analysis(cmd.Context(), &sel)
			if err != nil {
				return err
			}
			s, err := an.side(args[0])
			if err != nil {
				return err
			}
			w := align.Period(an.filter.From, an.filter.To)
			if sel.year == 0 && sel.from == "" && sel.to == "" {
				y := an.cov.LatestComplete(an.filter.Body)
				if y == 0 {
					return noDataError{fmt.Errorf("no complete year in the store (%s)", an.through())}
				}
				w = align.Year(y)
			}
			most, least, err := align.Neighbours(an.m, s, w, top, align.Options{Metrics: ms, Mask: an.mask, MinN: minN})
			if err != nil {
				return err
			}
			if rollcalls {
				var figs []figure
				for _, r := range append(append([]align.Row(nil), most...), least...) {
					figs = append(figs, figure{strings.ToUpper(args[0]), r.B, s, align.State(r.B), w})
				}
				return a.writeFigures(an, figs, align.Options{Mask: an.mask})
			}
			partial := an.partial(w)
			a.logf("%s, %s (%s%s; universe %s; partners with at least %d common roll calls)", args[0], w.String(), an.through(), map[bool]string{true: "; PARTIAL window", false: ""}[partial], an.universe, minN)
			return a.write(view.Neighbours{Metric: ms[0], Most: most, Least: least, Window: w.Label, Partial: partial, Universe: an.universe.String(), MinN: minN})
		},
	}
	sel.flags(c, true)
	c.Flags().StringVar(&metric, "metric", "agree", "the metric to rank by")
	c.Flags().IntVar(&top, "top", 10, "how many of the most and of the least similar")
	c.Flags().IntVar(&minN, "min-n", align.DefaultMinN, "leave out partners with fewer common roll calls than this")
	c.Flags().BoolVar(&rollcalls, "rollcalls", false, "list the roll calls behind each partner's figure instead of the ranking")
	return c
}

func (a *app) matrixCommand() *cobra.Command {
	var sel selection
	var by, metrics string
	c := &cobra.Command{
		Use:   "matrix",
		Short: "Alignment of every pair of states at once",
		Long: `matrix computes the alignment of every pair of states (a < b in code order) in
one year (--year), one period (--from/--to), or every year (--by year), from
the in-memory vote matrix in one pass on all cores. A pair appears in a window
only if both cast a vote on at least one common roll call there.

The CSV header is year,a,b,n,METRIC... (period,a,b,... for a period).`,
		Example: `  blocwatch matrix --year 2022 --metric kappa
  blocwatch matrix --by year --metric agree --format csv > agreement.csv`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.checkFormat(); err != nil {
				return err
			}
			ms, err := parseMetrics(metrics)
			if err != nil {
				return err
			}
			an, err := a.analysis(cmd.Context(), &sel)
			if err != nil {
				return err
			}
			kind, ws, ok, err := an.chosenWindows(&sel, by)
			if err != nil {
				return err
			}
			if !ok {
				return usagef("choose --year YEAR, --by year|session|window:N, or --from/--to")
			}
			tables, err := align.AllPairs(an.m, ws, an.mask)
			if err != nil {
				return err
			}
			n := 0
			for _, t := range tables {
				n += len(t.Pairs)
			}
			if n == 0 {
				return noDataError{fmt.Errorf("no pair of states has a roll call in common in %s", describe(an.filter))}
			}
			return a.write(view.Matrix{By: kind, Metrics: ms, Tables: tables})
		},
	}
	sel.flags(c, true)
	c.Flags().StringVar(&by, "by", "", "windows: year, session or window:N")
	c.Flags().StringVar(&metrics, "metric", "agree", "comma-separated metrics (see blocwatch align --help)")
	return c
}

func (a *app) divergeCommand() *cobra.Command {
	var sel selection
	var limit int
	c := &cobra.Command{
		Use:   "diverge A B",
		Short: "The roll calls on which two states or groups split, most contested first",
		Long: `diverge lists the roll calls on which A and B cast different votes (yes, no,
abstain), most contested first (the smallest margin between yes and no plus
abstain in the tally), then by date; with each side's vote and the tally.

` + sidesHelp,
		Example: `  blocwatch diverge KOR PRK --from 2022
  blocwatch diverge JPN CHN --issue hr --limit 20 --format csv`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			an, sa, sb, err := a.twoSides(cmd.Context(), &sel, args)
			if err != nil {
				return err
			}
			splits, err := align.Diverge(an.m, sa, sb, an.mask)
			if err != nil {
				return err
			}
			if len(splits) == 0 {
				a.logf("%s and %s never split on the selected roll calls", sa.Name, sb.Name)
			}
			if limit > 0 && len(splits) > limit {
				splits = splits[:limit]
			}
			return a.write(view.Splits{A: sa.Name, B: sb.Name, Splits: splits})
		},
	}
	sel.flags(c, true)
	c.Flags().IntVar(&limit, "limit", 50, "at most this many roll calls (0: all)")
	return c
}

func (a *app) positionsCommand() *cobra.Command {
	var sel selection
	c := &cobra.Command{
		Use:   "positions A B",
		Short: "The cross-table of two sides' votes (Y/N/A by Y/N/A)",
		Long: `positions counts the roll calls on which both sides cast a vote, by A's vote
(rows) and B's vote (columns).

` + sidesHelp,
		Example: `  blocwatch positions USA RUS --year 2023
  blocwatch positions KOREA-WEST KOREA-EAST --from 2014 --format json`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			an, sa, sb, err := a.twoSides(cmd.Context(), &sel, args)
			if err != nil {
				return err
			}
			counts, err := align.Positions(an.m, sa, sb, an.mask)
			if err != nil {
				return err
			}
			if counts.N() == 0 {
				return noDataError{fmt.Errorf("%s and %s have no roll call in common in %s", sa.Name, sb.Name, describe(an.filter))}
			}
			return a.write(view.Positions{A: sa.Name, B: sb.Name, Counts: counts})
		},
	}
	sel.flags(c, true)
	return c
}
