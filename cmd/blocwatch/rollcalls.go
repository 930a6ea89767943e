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
	reg := registry.Default()
	name := func(code string) string {
		if st := reg.State(code); st != nil {
			return st.Name
		}
		return code
	}
	return a.write(view.NewBreaks(m, i, tabs[0].Pairs, name))
}
