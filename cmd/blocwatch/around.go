package main

import (
	"errors"
	"strings"

	"github.com/spf13/cobra"

	"github.com/blocwatch/blocwatch/internal/align"
	"github.com/blocwatch/blocwatch/internal/blocs"
	"github.com/blocwatch/blocwatch/internal/events"
	"github.com/blocwatch/blocwatch/internal/registry"
	"github.com/blocwatch/blocwatch/internal/view"
)

// aroundFlags are align's flags that compare the months before and after
// an event.
type aroundFlags struct {
	event  string
	months int
}

func (f *aroundFlags) flags(c *cobra.Command) {
	c.Flags().StringVar(&f.event, "around", "", "compare the --months before and after an event: a date YYYY-MM-DD or text of an event title (blocwatch events)")
	c.Flags().IntVar(&f.months, "months", 12, "months on each side of --around")
}

// alignAround runs `align A B --around EVENT --months N`: the two periods,
// each with its n, and the z-test of the change in agreement.
func (a *app) alignAround(cmd *cobra.Command, sel *selection, args []string, ms []align.Metric, f *aroundFlags) error {
	if sel.from != "" || sel.to != "" {
		return usagef("--around chooses the dates: leave out --from and --to")
	}
	if cmd.Flags().Changed("by") {
		return usagef("--around chooses the periods: leave out --by")
	}
	evs, err := a.storedEvents(cmd.Context())
	if err != nil {
		return err
	}
	ev, err := events.Find(evs, f.event)
	if err != nil {
		if errors.Is(err, events.ErrNotFound) {
			return noDataError{err}
		}
		return usagef("--around: %v", err)
	}
	if _, _, err := align.AroundWindows(ev.Date, f.months); err != nil {
		return usageError{err}
	}
	an, sa, sb, err := a.twoSides(cmd.Context(), sel, args)
	if err != nil {
		return err
	}
	r, err := align.CompareAround(an.m, sa, sb, ev.Date, f.months, align.Options{Metrics: ms, Mask: an.mask})
	if err != nil {
		return err
	}
	// Partial as the store's coverage says, not only the matrix's dates.
	r.Partial = [2]bool{an.partial(r.Before.Window), an.partial(r.After.Window)}
	return a.write(view.Around{Event: ev, Metrics: ms, Result: r})
}

// camp returns the members of a resolved side for exact splits: a group's
// members on each date, or the state itself.
func (an *analysis) camp(s align.Side) blocs.Camp {
	if g, ok := an.groups[strings.ToUpper(s.Name)]; ok {
		return blocs.Camp{Name: g.Code, MembersOn: g.MembersOn}
	}
	if g, err := registry.Default().Group(s.Name); err == nil {
		return blocs.Camp{Name: g.Code, MembersOn: g.MembersOn}
	}
	return blocs.StateCamp(s.Name)
}
