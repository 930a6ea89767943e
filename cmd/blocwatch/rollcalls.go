package main

import (
	"context"
	"fmt"
	"slices"

	"github.com/spf13/cobra"

	"github.com/blocwatch/blocwatch/internal/align"
	"github.com/blocwatch/blocwatch/internal/registry"
	"github.com/blocwatch/blocwatch/internal/store"
	"github.com/blocwatch/blocwatch/internal/view"
	"github.com/blocwatch/blocwatch/internal/votes"
)

// korea6 are the states contested lists show by default, as the home page
// does.
var korea6 = []string{"USA", "JPN", "KOR", "PRK", "CHN", "RUS"}

func (a *app) divisiveCommand() *cobra.Command {
	var sel selection
	var top int
	c := &cobra.Command{
		Use:   "divisive --year YEAR",
		Short: "The most divisive roll calls of a year, smallest margin first",
		Long: `divisive ranks the roll calls of a year that were not unanimous by their
margin |yes − (no + abstain)| from the official tally, smallest first, then
by the number of votes cast, then newest first: the list of the year page
and of /api/v1/years/YEAR/divisive. "total" counts every divided roll call
of the year in the selection; --top shows the first of them.`,
		Example: `  blocwatch divisive --year 2022
  blocwatch divisive --year 2017 --body all --top 5 --format json`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if err := a.checkFormat(); err != nil {
				return err
			}
			if sel.year == 0 {
				return usagef("give --year")
			}
			if top < 1 {
				return usagef("--top %d: want at least 1", top)
			}
			an, err := a.analysis(c.Context(), &sel)
			if err != nil {
				return err
			}
			return a.write(view.NewDivisive(an.m, an.mask, sel.year, an.filter.Body, top))
		},
	}
	sel.flags(c, true)
	c.Flags().IntVar(&top, "top", 20, "how many roll calls to list")
	return c
}

func (a *app) contestedCommand() *cobra.Command {
	var sel selection
	var top int
	c := &cobra.Command{
		Use:   "contested [STATE...]",
		Short: "The newest roll calls with no or abstain votes on which the states voted",
		Long: `contested lists, newest first, the roll calls with at least one no or
abstain vote on which at least one of the states cast a vote, with each
state's vote: the list of the home page and of /api/v1/contested. Without
states it shows the six of the home page: USA JPN KOR PRK CHN RUS.`,
		Example: `  blocwatch contested
  blocwatch contested USA CHN --body all --top 3 --format csv`,
		RunE: func(c *cobra.Command, args []string) error {
			if err := a.checkFormat(); err != nil {
				return err
			}
			if top < 1 {
				return usagef("--top %d: want at least 1", top)
			}
			states := korea6
			if len(args) > 0 {
				states = nil
				for _, q := range args {
					st, err := registry.Default().Lookup(q)
					if err != nil {
						return usageError{err}
					}
					states = append(states, st.Code)
				}
			}
			an, err := a.analysis(c.Context(), &sel)
			if err != nil {
				return err
			}
			v := view.NewContested(an.m, an.mask, states, an.filter.Body, top)
			if len(v.Votes) == 0 {
				return noDataError{fmt.Errorf("no contested roll call in %s on which %v voted", describe(an.filter), states)}
			}
			return a.write(v)
		},
	}
	sel.flags(c, true)
	c.Flags().IntVar(&top, "top", 20, "how many roll calls to list")
	return c
}

// writeBreaks writes the breaks analysis of rc (rollcalls.Breaks) over the
// pairs of states of its body and year.
func (a *app) writeBreaks(ctx context.Context, s *store.Store, rc *store.RollCall) error {
	m, err := s.Matrix(ctx)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(m.RollCalls(), func(r votes.RollCall) bool { return r.ID == rc.ID })
	if i < 0 {
		return noDataError{fmt.Errorf("roll call %d is not in the vote matrix", rc.ID)}
	}
	r := m.RollCall(i)
	tabs, err := align.AllPairs(m, []align.Window{align.Year(r.Year)}, m.Select(votes.Filter{Body: r.Body}))
	if err != nil {
		return err
	}
	return a.write(view.NewBreaks(m, i, tabs[0].Pairs, stateName))
}

func (a *app) partnersCommand() *cobra.Command {
	var sel selection
	var top int
	var metric string
	c := &cobra.Command{
		Use:   "partners STATE --year YEAR",
		Short: "A state's closest and farthest partners in a year, as the state page shows them",
		Long: `partners ranks the other states by their alignment with STATE over the roll
calls of one year (and body and issue), closest first, among the states with
at least min(10, half of STATE's roll calls) roll calls in common with it:
the list of the state page and of /api/v1/states/STATE/partners. Ties go to
the larger n, then to the state code. Farthest lists the worst first and
leaves out states already among the closest.`,
		Example: `  blocwatch partners PRK --year 2022
  blocwatch partners KOR --year 2023 --metric kappa --top 5 --format json`,
		Args: cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			if err := a.checkFormat(); err != nil {
				return err
			}
			if sel.year == 0 {
				return usagef("give --year")
			}
			if top < 1 {
				return usagef("--top %d: want at least 1", top)
			}
			ms, err := parseMetrics(metric)
			if err != nil {
				return err
			}
			if len(ms) != 1 {
				return usagef("--metric: give one metric")
			}
			st, err := registry.Default().Lookup(args[0])
			if err != nil {
				return usageError{err}
			}
			an, err := a.analysis(c.Context(), &sel)
			if err != nil {
				return err
			}
			tabs, err := align.AllPairs(an.m, []align.Window{align.Year(sel.year)}, an.mask)
			if err != nil {
				return err
			}
			_, by := align.ByState(tabs[0].Pairs)
			l := view.NewPartners(st.Code, sel.year, an.filter.Body, an.filter.Issues, ms[0], by[st.Code], stateName)
			if len(l.All) == 0 {
				return noDataError{fmt.Errorf("%s has no partner in %s", st.Code, describe(an.filter))}
			}
			return a.write(l.Top(top))
		},
	}
	sel.flags(c, true)
	c.Flags().IntVar(&top, "top", 10, "how many of the closest and of the farthest")
	c.Flags().StringVar(&metric, "metric", "agree", "the metric to rank by")
	return c
}

// stateName returns a state's name in the registry, or its code.
func stateName(code string) string {
	if st := registry.Default().State(code); st != nil {
		return st.Name
	}
	return code
}
