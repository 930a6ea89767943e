package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/blocwatch/blocwatch/internal/events"
	"github.com/blocwatch/blocwatch/internal/view"
)

// storedEvents returns the starter events and the user's, or only the
// starter events when there is no database yet.
func (a *app) storedEvents(ctx context.Context) ([]events.Event, error) {
	if _, err := os.Stat(a.dbPath); errors.Is(err, os.ErrNotExist) {
		return events.Starter(), nil
	}
	s, err := a.openStore()
	if err != nil {
		return nil, err
	}
	defer s.Close()
	return s.Events(ctx)
}

func (a *app) eventsCommand() *cobra.Command {
	var state, from, to string
	c := &cobra.Command{
		Use:   "events",
		Short: "Dated events that frame the votes: summits, treaties, wars, vetoes",
		Long: `events lists the dated events that briefs and charts mark and that
'align --around' takes: the starter list shipped with blocwatch (each with a
source link; docs/events.md) and the events a user added with
'blocwatch events add FILE', which are marked user_added=true.

The CSV header is date,title,kind,states,source,user_added.`,
		Example: `  blocwatch events
  blocwatch events --state PRK --from 2018
  blocwatch events add my-events.csv`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.checkFormat(); err != nil {
				return err
			}
			evs, err := a.storedEvents(cmd.Context())
			if err != nil {
				return err
			}
			f, err := parseDate(from, false)
			if err != nil {
				return usagef("--from: %v", err)
			}
			t, err := parseDate(to, true)
			if err != nil {
				return usagef("--to: %v", err)
			}
			evs = events.Between(evs, f, t)
			if state != "" {
				evs = events.Involving(evs, strings.ToUpper(state))
			}
			if len(evs) == 0 {
				return noDataError{errors.New("no event matches")}
			}
			return a.write(view.Events(evs))
		},
	}
	c.Flags().StringVar(&state, "state", "", "only events involving this state or group code")
	c.Flags().StringVar(&from, "from", "", "first date, YYYY-MM-DD, YYYY-MM or YYYY")
	c.Flags().StringVar(&to, "to", "", "last date, YYYY-MM-DD, YYYY-MM or YYYY")
	c.AddCommand(a.eventsAddCommand())
	return c
}

func (a *app) eventsAddCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "add FILE",
		Short: "Add your own events from a CSV file (date,title,kind,states,source)",
		Long: `add reads a CSV file with the columns date,title,kind,states,source (any
order) and stores its events, marked as user-added. date is YYYY-MM-DD; kind
one lower-case word (summit, treaty, war, veto, ...); states codes separated
by spaces or ";"; source an http(s) link. A bad row refuses the whole file
with its file:line and column. An event with the date and title of one
already stored, or of a starter event, replaces it.`,
		Example: `  printf 'date,title,kind,states,source\n2025-05-09,Victory Day parade,other,RUS PRK,https://example.org/x\n' > ev.csv
  blocwatch events add ev.csv`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			fh, err := os.Open(args[0])
			if err != nil {
				return usageError{err}
			}
			defer fh.Close()
			evs, err := events.Parse(fh, args[0])
			if err != nil {
				return usageError{err}
			}
			if len(evs) == 0 {
				return usagef("%s: no events", args[0])
			}
			s, err := a.openStore()
			if err != nil {
				return err
			}
			defer s.Close()
			n, err := s.AddEvents(cmd.Context(), filepath.Base(args[0]), evs)
			if err != nil {
				return err
			}
			a.logf("%s: %d events added", args[0], n)
			return nil
		},
	}
}
