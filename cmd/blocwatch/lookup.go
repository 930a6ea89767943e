package main

import (
	"fmt"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/blocwatch/blocwatch/internal/query"
	"github.com/blocwatch/blocwatch/internal/registry"
	"github.com/blocwatch/blocwatch/internal/store"
	"github.com/blocwatch/blocwatch/internal/view"
)

func (a *app) voteCommand() *cobra.Command {
	var date string
	var id int64
	var breaks bool
	c := &cobra.Command{
		Use:   "vote SYMBOL",
		Short: "Show one roll call: tally, every member's vote, the UN Digital Library link",
		Long: `vote shows a roll call by its resolution symbol: the tally counted from the
member votes (and the official count where it differs), every member's vote,
the sources that hold it and the UN Digital Library link.

The JSON form is one object with resolution, date (YYYY-MM-DD), body (GA or
SC), title, tally {yes, no, abstain, non_voting}, and votes, a list of
{state (ISO3), name, vote (Y, N, A or X)}.

A symbol that names several roll calls (a draft voted twice the same day, or
paragraph votes) is refused with the list of candidates: choose with --date
or --id.

--breaks lists instead the states that voted otherwise than most of their
five closest partners of the year (by agreement over the roll calls of the
same body and year), as the resolution page and /api/v1/rollcalls/ID/breaks
do.`,
		Example: `  blocwatch vote A/RES/ES-11/1
  blocwatch vote A/RES/ES-11/1 --format json
  blocwatch vote A/76/L.14 --id 5391
  blocwatch vote A/RES/ES-11/1 --breaks`,
		Args: cobra.RangeArgs(0, 1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.checkFormat(); err != nil {
				return err
			}
			if len(args) == 0 && id == 0 {
				return usagef("give a resolution symbol or --id")
			}
			if date != "" {
				if _, err := time.Parse("2006-01-02", date); err != nil {
					return usagef("--date %q: want YYYY-MM-DD", date)
				}
			}
			s, err := a.openStore()
			if err != nil {
				return err
			}
			defer s.Close()
			var rc *store.RollCall
			if id != 0 {
				rc, err = s.RollCall(cmd.Context(), id)
			} else {
				rc, err = s.RollCallBySymbol(cmd.Context(), args[0], date)
				err = explainNotFound(cmd.Context(), s, args[0], err)
			}
			if err != nil {
				return err
			}
			if breaks {
				return a.writeBreaks(cmd.Context(), s, rc)
			}
			return a.write(view.RollCall{RollCall: rc})
		},
	}
	c.Flags().StringVar(&date, "date", "", "the roll call's date (YYYY-MM-DD), where a symbol names several")
	c.Flags().Int64Var(&id, "id", 0, "the roll call's id in the store")
	c.Flags().BoolVar(&breaks, "breaks", false, "list the states that broke with their closest partners of the year instead (as the resolution page does)")
	return c
}

func (a *app) votesCommand() *cobra.Command {
	var state, from, to, body string
	var year, limit int
	c := &cobra.Command{
		Use:   "votes --state STATE [--year YEAR]",
		Short: "List a state's votes",
		Long: `votes lists the roll calls on which a state has a recorded vote, newest first,
with its vote and the tally. The state is an ISO3 code, an ISO2 code, a
Correlates of War number or a name.`,
		Example: `  blocwatch votes --state PRK --year 2022
  blocwatch votes --state "South Korea" --from 2023-01-01 --format csv`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.checkFormat(); err != nil {
				return err
			}
			if state == "" {
				return usagef("--state is required")
			}
			st, err := registry.Default().Lookup(state)
			if err != nil {
				return usageError{err}
			}
			q, err := storeQuery(from, to, body, year)
			if err != nil {
				return err
			}
			q.State, q.Limit = st.Code, limit
			s, err := a.openStore()
			if err != nil {
				return err
			}
			defer s.Close()
			list, err := s.Search(cmd.Context(), q)
			if err != nil {
				return err
			}
			if len(list) == 0 {
				return noDataError{fmt.Errorf("no recorded votes of %s in that range", st.Code)}
			}
			return a.write(view.RollCalls{State: st.Code, List: list})
		},
	}
	c.Flags().StringVar(&state, "state", "", "the state (code or name)")
	addRangeFlags(c, &from, &to, &body, &year)
	c.Flags().IntVar(&limit, "limit", 0, "at most this many roll calls (0: all)")
	return c
}

func addRangeFlags(c *cobra.Command, from, to, body *string, year *int) {
	c.Flags().StringVar(from, "from", "", "first date, YYYY-MM-DD (or YYYY)")
	c.Flags().StringVar(to, "to", "", "last date, YYYY-MM-DD (or YYYY)")
	c.Flags().StringVar(body, "body", "", "GA or SC (default: both)")
	c.Flags().IntVar(year, "year", 0, "one calendar year")
}

// storeQuery builds a store query from the range flags.
func storeQuery(from, to, body string, year int) (store.Query, error) {
	var q store.Query
	var err error
	if q.From, err = parseDate(from, false); err != nil {
		return q, usagef("--from: %v", err)
	}
	if q.To, err = parseDate(to, true); err != nil {
		return q, usagef("--to: %v", err)
	}
	if year != 0 {
		if err := query.CheckYear(year); err != nil {
			return q, usagef("--year: %v", err)
		}
		q.From, q.To = strconv.Itoa(year)+"-01-01", strconv.Itoa(year)+"-12-31"
	}
	if q.Body, err = query.Body(body); err != nil {
		return q, usagef("--body: %v", err)
	}
	return q, nil
}

// parseDate reads a date flag by the rules of the API (query.Date).
func parseDate(s string, end bool) (string, error) { return query.Date(s, end) }

func (a *app) searchCommand() *cobra.Command {
	var from, to, body string
	var year, limit int
	c := &cobra.Command{
		Use:   "search TEXT",
		Short: "Find roll calls by words in their title, agenda, subjects or symbol",
		Long: `search lists the roll calls whose title, agenda item, UNBIS subjects or
symbol contain every word of TEXT (case-insensitive), newest first.`,
		Example: `  blocwatch search "Korea"
  blocwatch search "nuclear test" --from 2017 --to 2024 --body GA
  blocwatch search Ukraine --body SC --format json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.checkFormat(); err != nil {
				return err
			}
			q, err := storeQuery(from, to, body, year)
			if err != nil {
				return err
			}
			q.Text, q.Limit = args[0], limit
			s, err := a.openStore()
			if err != nil {
				return err
			}
			defer s.Close()
			list, err := s.Search(cmd.Context(), q)
			if err != nil {
				return err
			}
			if len(list) == 0 {
				return noDataError{fmt.Errorf("no roll calls match %q in that range", args[0])}
			}
			return a.write(view.RollCalls{List: list})
		},
	}
	addRangeFlags(c, &from, &to, &body, &year)
	c.Flags().IntVar(&limit, "limit", 100, "at most this many roll calls (0: all)")
	return c
}

func (a *app) checkCommand() *cobra.Command {
	var cases, dups bool
	c := &cobra.Command{
		Use:   "check",
		Short: "List what does not add up: totals that disagree with rows, unknown states, source disagreements",
		Long: `check lists the sources in the store, the roll calls whose official totals
(yes-no-abstain) disagree with their member rows (kept and flagged, e.g.
A/RES/77/293), the rows kept out of analysis (names of no known state,
duplicate rows) with file:line, and the member votes on which two sources
disagree (counted; listed with --disagreements).

--duplicates lists instead every vote that the record holds several times
(a symbol written two ways, a whole resolution and its parts voted the same
day with identical votes, a draft-symbol record and the resolution record of
the same vote), with the canonical record that analyses count, and the
near-duplicates left apart (related records of one day whose votes differ
in a few members). docs/data.md states the rule.`,
		Example: `  blocwatch check
  blocwatch check --disagreements --format json
  blocwatch check --duplicates`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.checkFormat(); err != nil {
				return err
			}
			s, err := a.openStore()
			if err != nil {
				return err
			}
			defer s.Close()
			if dups {
				groups, near, err := s.Duplicates(cmd.Context())
				if err != nil {
					return err
				}
				return a.write(view.Duplicates{Groups: groups, Near: near})
			}
			c, err := s.Check(cmd.Context(), cases)
			if err != nil {
				return err
			}
			return a.write(view.Check{Check: c})
		},
	}
	c.Flags().BoolVar(&cases, "disagreements", false, "list every member vote on which sources disagree")
	c.Flags().BoolVar(&dups, "duplicates", false, "list the votes the record holds several times, and near-duplicates left apart")
	return c
}

func (a *app) statesCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "states [STATE...]",
		Short: "List the registry: codes, names over time, succession",
		Long: `states lists every state the registry knows: its identity code (ISO 3166-1
alpha-3, or ISO 3166-3 style for former states, TWN for the Republic of China's
seat until 1971), ISO2 and Correlates of War codes, UN membership, the seat it
continues, and every name it has voted under with the dates of use. With
arguments, only those states (codes or names). See docs/registry.md.`,
		Example: `  blocwatch states
  blocwatch states RUS SUN "Burma" --format json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.checkFormat(); err != nil {
				return err
			}
			reg := registry.Default()
			list := reg.States()
			if len(args) > 0 {
				list = nil
				for _, q := range args {
					st, err := reg.Lookup(q)
					if err != nil {
						return usageError{err}
					}
					list = append(list, st)
				}
			}
			return a.write(view.States(list))
		},
	}
}
