package main

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/blocwatch/blocwatch/internal/align"
	"github.com/blocwatch/blocwatch/internal/blocs"
	"github.com/blocwatch/blocwatch/internal/council"
	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/registry"
	"github.com/blocwatch/blocwatch/internal/store"
	"github.com/blocwatch/blocwatch/internal/view"
	"github.com/blocwatch/blocwatch/internal/votes"
)

// blocFlags are the options of community detection shared by blocs and
// camps.
type blocFlags struct {
	metric     string
	resolution float64
	minN       int
	seed       uint64
	edge       float64
}

func (f *blocFlags) options() (blocs.Options, error) {
	ms, err := parseMetrics(f.metric)
	if err != nil {
		return blocs.Options{}, err
	}
	if len(ms) != 1 {
		return blocs.Options{}, usagef("--metric: give one metric")
	}
	if !(f.resolution > 0) {
		return blocs.Options{}, usagef("--resolution %v: want a number above 0", f.resolution)
	}
	if f.minN < 1 {
		return blocs.Options{}, usagef("--min-n %d: want at least 1", f.minN)
	}
	if !(f.edge > 0) {
		return blocs.Options{}, usagef("--edge %v: want a number above 0", f.edge)
	}
	return blocs.Options{Metric: ms[0], Resolution: f.resolution, MinN: f.minN, Seed: f.seed, EdgeMargin: f.edge}, nil
}

func (a *app) blocsCommand() *cobra.Command {
	var sel selection
	var bf blocFlags
	var by, show, state string
	c := &cobra.Command{
		Use:   "blocs",
		Short: "Voting blocs: communities of the agreement graph, tracked over time",
		Long: `blocs divides the states into voting blocs in a year (--year), a period
(--from/--to) or each window of a series (--by year|session|window:N); by
default the latest year. States are the nodes of a graph whose edges carry
the alignment (--metric, default agree) of each pair of states with at least
--min-n common roll calls; the blocs are the communities that the Louvain
method finds maximising modularity at --resolution (gonum's
community.Modularize, seeded with --seed, so results are reproducible).

Each bloc has its members, its cohesion (mean value over pairs of members),
its anchor (the member closest to the rest), the permanent members of the
Security Council in it, and the states on its edge: members whose mean value
with another bloc is within --edge of that with their own. Over a series,
each bloc continues the bloc of the window before with which it shares the
most members (Jaccard overlap at least 0.3), and keeps its track number.

--show blocs (default) lists the blocs; --show years one row per window with
the modularity Q and the polarization index (the share of the variation in
the states' votes that the blocs explain); --show members every state's
place. --state STATE shows one state's bloc history.

Methods and formulas: docs/blocs.md. Agreement weights give a graph whose
edges differ little, so resolutions a little above 1 already break it into
many small blocs; kappa weights contrast more.`,
		Example: `  blocwatch blocs --year 1965
  blocwatch blocs --year 2023 --metric kappa --format json
  blocwatch blocs --by year --show years --format csv
  blocwatch blocs --by year --state TUR
  blocwatch blocs --from 2020 --to 2024 --resolution 1.02 --show members`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.checkFormat(); err != nil {
				return err
			}
			o, err := bf.options()
			if err != nil {
				return err
			}
			switch show {
			case "blocs", "years", "members":
			default:
				return usagef("--show %q: want blocs, years or members", show)
			}
			an, err := a.analysis(cmd.Context(), &sel)
			if err != nil {
				return err
			}
			var code string
			if state != "" {
				st, err := registry.Default().Lookup(state)
				if err != nil {
					return usageError{err}
				}
				code = st.Code
			}
			kind, ws, ok, err := an.chosenWindows(&sel, by)
			switch {
			case err != nil:
				return err
			case !ok && code != "":
				if kind, ws, err = an.windows("year", 5, false); err != nil {
					return err
				}
			case !ok:
				y := an.cov.LatestComplete(an.filter.Body)
				if y == 0 {
					return noDataError{fmt.Errorf("no complete year in the store (%s)", an.through())}
				}
				kind, ws = "year", []align.Window{align.Year(y)}
			}
			o.Mask = an.mask
			ps, err := blocs.Detect(an.m, ws, o)
			if err != nil {
				return err
			}
			if code != "" {
				steps, err := blocs.History(ps, code)
				if err != nil {
					return noDataError{err}
				}
				return a.write(view.BlocHistory{By: kind, State: code, Steps: steps})
			}
			switch show {
			case "years":
				return a.write(view.BlocYears{By: kind, Partitions: ps})
			case "members":
				return a.write(view.BlocMembers{By: kind, Partitions: ps})
			}
			return a.write(view.Blocs{By: kind, Partitions: ps})
		},
	}
	sel.flags(c, true)
	f := c.Flags()
	f.StringVar(&by, "by", "", "windows: year, session, window:N or period")
	f.StringVar(&show, "show", "blocs", "blocs, years (one summary row per window) or members (every state's place)")
	f.StringVar(&state, "state", "", "show this state's bloc in each window (default --by year)")
	bf.flags(c, true)
	return c
}

func (f *blocFlags) flags(c *cobra.Command, graph bool) {
	fl := c.Flags()
	fl.StringVar(&f.metric, "metric", "agree", "the alignment measure (docs/alignment.md)")
	fl.IntVar(&f.minN, "min-n", blocs.DefaultMinN, "the least number of common roll calls for a pair of states to count")
	if graph {
		fl.Float64Var(&f.resolution, "resolution", 1, "modularity resolution γ: above 1 finds smaller blocs, below 1 larger")
		fl.Uint64Var(&f.seed, "seed", 1, "seed of the Louvain method's random order")
		fl.Float64Var(&f.edge, "edge", blocs.DefaultEdgeMargin, "a member is on its bloc's edge if its mean value with its own bloc exceeds that with another by less than this")
	} else {
		f.resolution, f.edge = 1, blocs.DefaultEdgeMargin
	}
}

func (a *app) campsCommand() *cobra.Command {
	var sel selection
	var bf blocFlags
	var by, preset string
	var exact, list bool
	var rollcalls bool
	var presets []string
	for _, p := range blocs.Presets {
		presets = append(presets, fmt.Sprintf("%s (%s against %s)", p.Name, p.A, p.B))
	}
	c := &cobra.Command{
		Use:   "camps [A B]",
		Short: "Two camps checked against each other over time: cohesion, distance, spread",
		Long: `camps checks two sides (groups or states) against each other in each window
(--by year by default): the cohesion of each camp (mean --metric over the
dyads of its members), the agreement between them (over dyads of a member of
each), their distance (1 − between), the world's spread (mean 1 − metric over
every pair of states that voted), the ratio distance / spread, and the
separation (mean cohesion − between) / spread. A window is split when each
camp agrees more within itself than with the other and the ratio is above 1.
The table ends with the runs of split windows.

--exact counts instead, in each window, the roll calls on which the camps
voted as blocs against each other: every member of each camp that cast a vote
cast the same one, and the two camps' votes differ (opposed: one yes, the
other no), over the roll calls on which both camps cast a vote (n). --list
names those roll calls.

Presets: ` + strings.Join(presets, ", ") + `. Any two groups of the registry or
of a --groups file, or states, may be given instead.

` + sidesHelp,
		Example: `  blocwatch camps --preset korea --by year
  blocwatch camps --preset nato-sco --format csv
  blocwatch camps EU BRICS --from 2010 --metric kappa
  blocwatch camps QUAD SCO --groups my.groups
  blocwatch camps --preset korea --exact --from 2014 --to 2025
  blocwatch camps --preset korea --exact --list --year 2023`,
		Args: cobra.MaximumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.checkFormat(); err != nil {
				return err
			}
			switch {
			case preset != "" && len(args) > 0:
				return usagef("give --preset or two sides, not both")
			case preset == "" && len(args) != 2:
				return usagef("give two sides, or --preset %s", strings.Join(presetNames(), "|"))
			}
			if preset != "" {
				p, err := blocs.LookupPreset(preset)
				if err != nil {
					return usageError{err}
				}
				args = []string{p.A, p.B}
			}
			o, err := bf.options()
			if err != nil {
				return err
			}
			an, err := a.analysis(cmd.Context(), &sel)
			if err != nil {
				return err
			}
			sa, sb, err := an.sides(args[0], args[1])
			if err != nil {
				return err
			}
			kind, ws, err := an.windows(by, 5, false)
			if err != nil {
				return err
			}
			if exact {
				rows, err := blocs.ExactSplits(an.m, an.camp(sa), an.camp(sb), ws, an.mask)
				if err != nil {
					return err
				}
				v := view.Exact{By: kind, Windows: rows, M: an.m, List: list}
				for _, r := range rows {
					v.Partial = append(v.Partial, an.partial(r.Window))
				}
				return a.write(v)
			}
			o.Mask = an.mask
			if rollcalls {
				// Each camp's vote is its members' most common cast vote.
				return a.writeBehind(an, args[0], args[1], sa, sb, ws, align.Options{Mask: an.mask})
			}
			rows, err := blocs.Camps(an.m, sa, sb, ws, o)
			if err != nil {
				return err
			}
			v := view.Camps{By: kind, Camps: rows, Universe: an.universe.String(), Through: an.through()}
			for _, r := range rows {
				v.Partial = append(v.Partial, an.partial(r.Window))
			}
			return a.write(v)
		},
	}
	sel.flags(c, false)
	c.Flags().StringVar(&by, "by", "year", "windows: year, session, window:N or period")
	c.Flags().StringVar(&preset, "preset", "", "a named pair of camps: "+strings.Join(presetNames(), ", "))
	c.Flags().BoolVar(&exact, "exact", false, "count the roll calls on which the camps voted as blocs against each other")
	c.Flags().BoolVar(&list, "list", false, "with --exact, list those roll calls")
	c.Flags().BoolVar(&rollcalls, "rollcalls", false, "list the roll calls behind each window's figures, with each camp's vote (its members' most common cast vote)")
	bf.flags(c, false)
	return c
}

func presetNames() []string {
	var out []string
	for _, p := range blocs.Presets {
		out = append(out, p.Name)
	}
	return out
}

// periodRe matches a period written YEAR or YEAR-YEAR.
var periodRe = regexp.MustCompile(`^(\d{4})(?:-(\d{4}))?$`)

// parsePeriod reads a period written YEAR or YEAR-YEAR.
func parsePeriod(flag, s string) (align.Window, error) {
	m := periodRe.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return align.Window{}, usagef("--%s %q: want a period YEAR-YEAR, such as 2010-2013, or one YEAR", flag, s)
	}
	lo, _ := strconv.Atoi(m[1])
	hi := lo
	if m[2] != "" {
		hi, _ = strconv.Atoi(m[2])
	}
	if hi < lo {
		return align.Window{}, usagef("--%s %q: the period ends before it starts", flag, s)
	}
	w := align.Period(fmt.Sprintf("%04d-01-01", lo), fmt.Sprintf("%04d-12-31", hi))
	w.Label = strconv.Itoa(lo)
	if hi != lo {
		w.Label += "-" + strconv.Itoa(hi)
	}
	return w, nil
}

// filterFlags adds the selection flags other than dates.
func (sel *selection) filterFlags(c *cobra.Command) {
	f := c.Flags()
	f.StringVar(&sel.body, "body", "GA", "GA, SC or all")
	f.StringSliceVar(&sel.issues, "issue", nil, "only roll calls on these issues: me, nu, di, hr, co, ec")
	f.StringVar(&sel.text, "text", "", "only roll calls whose title, subjects or symbol contain this text")
	f.BoolVar(&sel.noAmend, "no-amendments", false, "leave out votes on amendments")
	f.BoolVar(&sel.noPara, "no-paragraphs", false, "leave out separate votes on paragraphs")
	f.BoolVar(&sel.important, "important", false, "only votes the US State Department marks important (1983-2019)")
	f.StringVar(&sel.groups, "groups", "", "a file of user-defined groups (docs/registry.md)")
}

// reference resolves a state or group as a reference for movers, in the
// order of analysis.side.
func (an *analysis) reference(name string) (blocs.Reference, error) {
	if g, ok := an.groups[strings.ToUpper(name)]; ok {
		return blocs.GroupReference(g.Code, g), nil
	}
	if g, err := registry.Default().Group(name); err == nil {
		return blocs.GroupReference(g.Code, g), nil
	}
	s, err := an.side(name)
	if err != nil {
		return blocs.Reference{}, err
	}
	return blocs.StateReference(s.Name), nil
}

func (a *app) moversCommand() *cobra.Command {
	var sel selection
	var bf blocFlags
	var toward, from, to, fit string
	var top, examples int
	var switches bool
	c := &cobra.Command{
		Use:   "movers --toward REF --from YEAR-YEAR --to YEAR-YEAR",
		Short: "The states whose alignment with a state or group changed most between two periods",
		Long: `movers measures every state's alignment (--metric, default agree) with a
reference state or group in two periods and lists the --top states whose
value rose most (toward) and fell most (away), with the recurring roll calls
that moved them: roll calls of the same normalised title in both periods on
which the state voted as the reference on more than half in one period and
on less than half in the other. --switches lists all of them as rows.

A state needs --min-n roll calls in common with the reference in each
period.

--toward pole+ (the positive end of the ideal-point dimension, the United
States' side) or pole- (the other end) ranks states instead by the change of
their mean ideal point between the periods, from the stored fit (--fit,
default "default"; run 'blocwatch ideal fit' first).

` + sidesHelp,
		Example: `  blocwatch movers --toward RUS --from 2010-2013 --to 2022-2025
  blocwatch movers --toward USA --from 2010-2013 --to 2022-2025 --top 5 --format json
  blocwatch movers --toward BRICS --from 2005-2009 --to 2020-2024 --switches --format csv
  blocwatch movers --toward pole+ --from 2010-2013 --to 2022-2025`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.checkFormat(); err != nil {
				return err
			}
			if toward == "" || from == "" || to == "" {
				return usagef("give --toward, --from and --to")
			}
			wf, err := parsePeriod("from", from)
			if err != nil {
				return err
			}
			wt, err := parsePeriod("to", to)
			if err != nil {
				return err
			}
			if top < 1 {
				return usagef("--top %d: want at least 1", top)
			}
			if pole := strings.ToLower(toward); pole == "pole+" || pole == "pole-" {
				return a.poleMovers(cmd.Context(), fit, map[string]int{"pole+": 1, "pole-": -1}[pole], wf, wt, top)
			}
			o, err := bf.options()
			if err != nil {
				return err
			}
			an, err := a.analysis(cmd.Context(), &sel)
			if err != nil {
				return err
			}
			ref, err := an.reference(toward)
			if err != nil {
				return err
			}
			o.Mask = an.mask
			res, err := blocs.FindMovers(an.m, ref, wf, wt, top, o)
			if err != nil {
				return err
			}
			if switches {
				return a.write(view.MoverSwitches{Result: res})
			}
			return a.write(view.Movers{Result: res, Examples: examples})
		},
	}
	sel.filterFlags(c)
	f := c.Flags()
	f.StringVar(&toward, "toward", "", "the reference: a state, a group, or an ideal-point pole (pole+ or pole-)")
	f.StringVar(&fit, "fit", "default", "the stored ideal-point fit, for --toward pole+/pole-")
	f.StringVar(&from, "from", "", "the first period, YEAR-YEAR")
	f.StringVar(&to, "to", "", "the second period, YEAR-YEAR")
	f.IntVar(&top, "top", 10, "how many states moved toward and how many away")
	f.IntVar(&examples, "examples", 3, "switched roll calls shown per state below the table")
	f.BoolVar(&switches, "switches", false, "list every switched roll call of the movers, one a row")
	bf.flags(c, false)
	return c
}

// poleMovers ranks states by their move along the stored ideal-point fit.
func (a *app) poleMovers(ctx context.Context, name string, pole int, from, to align.Window, top int) error {
	s, err := a.openStore()
	if err != nil {
		return err
	}
	defer s.Close()
	_, pts, err := s.Fit(ctx, name)
	if err != nil {
		return err
	}
	ips := make([]blocs.IdealPoint, len(pts))
	for i, p := range pts {
		ips[i] = blocs.IdealPoint{State: p.State, Year: p.Year, X: p.X}
	}
	res, err := blocs.PoleMovers(ips, pole, from, to, top)
	if err != nil {
		return noDataError{err}
	}
	return a.write(view.PoleMovers{Result: res, Fit: name})
}

// storedVetoes reads every veto: the built-in list and the store's.
func (a *app) storedVetoes(ctx context.Context) ([]store.StoredVeto, error) {
	return a.allVetoes(ctx)
}

func (a *app) vetoesCommand() *cobra.Command {
	var by, topic, from, to string
	var year int
	c := &cobra.Command{
		Use:   "vetoes",
		Short: "Security Council vetoes: by member, topic or country concerned, and dates",
		Long: `vetoes lists the vetoes cast in the Security Council, oldest first: the
published list (1946 to 2025, built into blocwatch: no file to ingest) and
the vetoes a user added with 'blocwatch ingest FILE.csv' (layout user-vetoes:
date,draft,meeting,agenda,topic,vetoed_by,source), which are marked
user_added=true with their source link. Published records name the file and
line they were read from. A published list ingested by hand (a newer
edition, say) stands in for the built-in one.

--by keeps the vetoes of one permanent member, counting its seat's earlier
holders: RUS includes the USSR, CHN the Republic of China (SUN or TWN alone
name only those). --topic keeps the vetoes whose agenda item, topic, region
or draft symbol contain the text (case and accents ignored; DPRK, North Korea
and the full name match each other).

The CSV header is date,draft,meeting,vetoed_by,agenda,topic,region,user_added,source.`,
		Example: `  blocwatch vetoes --by RUS --from 2011
  blocwatch vetoes --topic korea
  blocwatch vetoes --topic DPRK --format json
  blocwatch vetoes --year 2022 --format csv`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.checkFormat(); err != nil {
				return err
			}
			q := council.VetoQuery{Topic: topic}
			var err error
			if q.From, err = parseDate(from, false); err != nil {
				return usagef("--from: %v", err)
			}
			if q.To, err = parseDate(to, true); err != nil {
				return usagef("--to: %v", err)
			}
			if year != 0 {
				q.From, q.To = fmt.Sprintf("%04d-01-01", year), fmt.Sprintf("%04d-12-31", year)
			}
			if by != "" {
				st, err := registry.Default().Lookup(by)
				if err != nil {
					return usageError{err}
				}
				if !council.P5().Has(st.Code, "") {
					return usagef("--by %s: %s (%s) never held a permanent seat", by, st.Code, st.Name)
				}
				q.By = st.Code
			}
			all, err := a.storedVetoes(cmd.Context())
			if err != nil {
				return err
			}
			if len(all) == 0 {
				return noDataError{errors.New("no vetoes known")}
			}
			match := q.Matcher()
			var list []store.StoredVeto
			for i := range all {
				if match(&all[i].Veto) {
					list = append(list, all[i])
				}
			}
			if len(list) == 0 {
				return noDataError{errors.New("no veto matches the query")}
			}
			return a.write(view.Vetoes{List: list})
		},
	}
	f := c.Flags()
	f.StringVar(&by, "by", "", "vetoes cast by this permanent member (RUS includes the USSR)")
	f.StringVar(&topic, "topic", "", "text in the agenda item, topic, region or draft symbol")
	f.StringVar(&from, "from", "", "first date, YYYY-MM-DD, YYYY-MM or YYYY")
	f.StringVar(&to, "to", "", "last date, YYYY-MM-DD, YYYY-MM or YYYY")
	f.IntVar(&year, "year", 0, "one calendar year")
	return c
}

func (a *app) councilCommand() *cobra.Command {
	var sel selection
	var p5, adoptedOnly bool
	c := &cobra.Command{
		Use:   "council",
		Short: "The Security Council by year: members, permanent-member agreement, vetoes",
		Long: `council shows the Security Council as its roll calls record it (the UN
Digital Library's Security Council file: adopted resolutions, 1946-2021).

Without --year: one row per year with the number of roll calls, members
(every state with a recorded vote) and elected members, the mean agreement
of the pairs of permanent members (p5_agree), the share of roll calls on
which every permanent member cast the same vote (p5_unanimous), and the
vetoes in the store. With --year: that year's members, permanent or elected,
with their votes; the table ends with each pair of permanent members'
agreement. --p5 lists the pairs of permanent members for every year (or the
year given): year,a,b,n,agree.

Permanent members are those of the registry's P5 group on the day of the
vote (the Republic of China until 25 October 1971, the USSR until
24 December 1991). Definitions: docs/council.md.`,
		Example: `  blocwatch council
  blocwatch council --year 2017
  blocwatch council --p5 --from 1992 --format csv`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.checkFormat(); err != nil {
				return err
			}
			sel.body = "SC"
			an, err := a.analysis(cmd.Context(), &sel)
			if err != nil {
				return err
			}
			if adoptedOnly {
				an.m = an.m.Subset(func(rc *votes.RollCall) bool { return rc.Outcome == record.OutcomeAdopted })
				an.mask = an.m.Select(an.filter)
				if an.mask.Len() == 0 {
					return noDataError{errors.New(an.cov.Empty(record.SC, an.filter.From, an.filter.To))}
				}
			}
			_, ws, err := an.windows("year", 1, false)
			if err != nil {
				return err
			}
			rows, err := council.P5Agreement(an.m, ws, an.mask, nil)
			if err != nil {
				return noDataError{err}
			}
			if p5 {
				return a.write(view.P5Pairs{By: "year", Years: rows})
			}
			years := council.Members(an.m, an.mask, nil)
			if sel.year != 0 {
				for _, y := range years {
					if y.Year == sel.year {
						var pr *council.P5Row
						for i := range rows {
							if rows[i].Year == y.Year {
								pr = &rows[i]
							}
						}
						return a.write(view.CouncilSeats{Year: y, P5: pr})
					}
				}
				return noDataError{fmt.Errorf("no Security Council roll calls in %d", sel.year)}
			}
			vs, err := a.storedVetoes(cmd.Context())
			if err != nil {
				return err
			}
			byYear := map[int]int{}
			f := an.filter
			for _, v := range vs {
				if (f.From == "" || v.Date >= f.From) && (f.To == "" || v.Date <= f.To) {
					byYear[record.YearOf(v.Date)]++
				}
			}
			failed := map[int]int{}
			for i, rc := range an.m.RollCalls() {
				if an.mask.Has(i) && (rc.Outcome == record.OutcomeVetoed || rc.Outcome == record.OutcomeNotAdopted) {
					failed[rc.Year]++
				}
			}
			return a.write(view.CouncilYears{Years: years, P5: rows, Vetoes: byYear, Failed: failed, Universe: an.universe.String(), Through: an.cov.Through(record.SC)})
		},
	}
	f := c.Flags()
	f.StringVar(&sel.from, "from", "", "first date, YYYY-MM-DD, YYYY-MM or YYYY")
	f.StringVar(&sel.to, "to", "", "last date, YYYY-MM-DD, YYYY-MM or YYYY")
	f.IntVar(&sel.year, "year", 0, "one calendar year: its members")
	f.BoolVar(&p5, "p5", false, "the agreement of each pair of permanent members, by year")
	f.BoolVar(&adoptedOnly, "adopted-only", false, "leave out drafts that were vetoed or short of votes (counted by default)")
	f.StringVar(&sel.include, "include", "", "add kinds of roll call: amendments (the Council's votes on amendments), all")
	f.BoolVar(&sel.keepDuplicates, "keep-duplicates", false, "count every record, also several records of one vote")
	return c
}
