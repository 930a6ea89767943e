package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/blocwatch/blocwatch/internal/blocs"
	"github.com/blocwatch/blocwatch/internal/brief"
	"github.com/blocwatch/blocwatch/internal/coverage"
	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/registry"
	"github.com/blocwatch/blocwatch/internal/store"
	"github.com/blocwatch/blocwatch/internal/votes"
)

func (a *app) briefCommand() *cobra.Command {
	var from, to, baseline, groups, fitName, date string
	c := &cobra.Command{
		Use:   "brief A B | brief SYMBOL",
		Short: "A citable evidence brief on two states or groups, or on one roll call",
		Long: `brief A B assembles, for two states or groups, the evidence a story cites,
in this order: headline sentences generated from the numbers (agreement in the
period against the baseline with its n, 95% bootstrap interval and a z-test;
Cohen's kappa; the rank of each among the other's partners; ideal points and
their movement, from the stored fit), the yearly series with events marked
(an SVG chart in HTML), the General Assembly roll calls that split them and
that joined them, most telling first, with links, the Security Council vetoes
cast by either, the camp context where both belong to a camps preset (with
the exact-split share per year), a coverage note, a method note and the
commands that reproduce every number.

The period is --from..--to (default: the last 4 complete years of the record);
the baseline is --baseline YEAR-YEAR (default: the period of equal length just
before). --format md (default), html (a printable page) or json.

brief SYMBOL briefs one roll call: outcome, tally, who voted no and who
abstained by name, how the six around the peninsula voted, who broke with
their usual partners, the related votes on the same item, and links.

` + sidesHelp,
		Example: `  blocwatch brief PRK RUS
  blocwatch brief PRK RUS --from 2022 --baseline 2014-2017 --format json
  blocwatch brief KOREA-WEST KOREA-EAST --format html > brief.html
  blocwatch brief A/RES/ES-11/1`,
		Args: cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			kind := strings.ToLower(a.format)
			switch kind {
			case "table", "md", "markdown":
				kind = "md"
			case "html", "json":
			default:
				return usagef("--format %q: want md, html or json", a.format)
			}
			ctx := cmd.Context()
			s, err := a.openStore()
			if err != nil {
				return err
			}
			defer s.Close()
			m, err := s.Matrix(ctx)
			if err != nil {
				return err
			}
			if len(args) == 1 {
				if from != "" || to != "" || baseline != "" {
					return usagef("a roll-call brief takes no --from, --to or --baseline")
				}
				r, err := a.rollCallBrief(ctx, s, m, args[0], date)
				if err != nil {
					return err
				}
				return writeBrief(a.stdout, kind, r)
			}
			user := map[string]*registry.Group{}
			if groups != "" {
				fh, err := os.Open(groups)
				if err != nil {
					return usageError{err}
				}
				gs, err := registry.ParseGroups(fh, groups, registry.Default())
				fh.Close()
				if err != nil {
					return usageError{err}
				}
				for _, g := range gs {
					user[strings.ToUpper(g.Code)] = g
				}
			}
			in, err := a.pairInput(ctx, s, m, args, from, to, baseline, fitName, groups, user)
			if err != nil {
				return err
			}
			p, err := brief.BuildPair(*in)
			if err != nil {
				if errors.Is(err, brief.ErrNoCommon) {
					return noDataError{err}
				}
				return err
			}
			return writeBrief(a.stdout, kind, p)
		},
	}
	f := c.Flags()
	f.StringVar(&from, "from", "", "first date of the period, YYYY-MM-DD, YYYY-MM or YYYY")
	f.StringVar(&to, "to", "", "last date of the period, YYYY-MM-DD, YYYY-MM or YYYY")
	f.StringVar(&baseline, "baseline", "", "the period to compare with, YEAR-YEAR (default: the equal period before)")
	f.StringVar(&groups, "groups", "", "a file of user-defined groups (docs/registry.md)")
	f.StringVar(&fitName, "fit", "default", "the stored ideal-point fit to read positions from")
	f.StringVar(&date, "date", "", "SYMBOL brief: the date of the roll call, where a symbol names several")
	return c
}

// writeBrief writes a brief as Markdown, HTML or JSON.
func writeBrief(w io.Writer, kind string, b interface {
	Markdown(io.Writer) error
	HTML(io.Writer) error
}) error {
	switch kind {
	case "html":
		return b.HTML(w)
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(b)
	}
	return b.Markdown(w)
}

// pairInput resolves the sides and windows of a pair brief and loads what
// it needs from the store.
func (a *app) pairInput(ctx context.Context, s *store.Store, m *votes.Matrix, args []string, from, to, baseline, fitName, groupsFile string, user map[string]*registry.Group) (*brief.PairInput, error) {
	reg := registry.Default()
	// The same universe and coverage as align: whole resolutions, each
	// vote once; coverage of everything stored.
	spans, err := s.SourceSpans(ctx)
	if err != nil {
		return nil, err
	}
	cov := coverage.Of(m, spans)
	u := votes.Universe{}
	m = m.In(u)
	mask := m.Select(votes.Filter{Body: record.GA})
	var sides [2]brief.Side
	for i, name := range args {
		sd, err := brief.ParseSide(reg, m, name, user)
		if err != nil {
			var codes []string
			for _, g := range reg.Groups() {
				codes = append(codes, g.Code)
			}
			if strings.Contains(err.Error(), "no recorded votes") {
				return nil, noDataError{err}
			}
			return nil, usagef("%v (groups: %s)", err, strings.Join(codes, ", "))
		}
		sides[i] = sd
	}
	f, err := parseDate(from, false)
	if err != nil {
		return nil, usagef("--from: %v", err)
	}
	t, err := parseDate(to, true)
	if err != nil {
		return nil, usagef("--to: %v", err)
	}
	last := cov.LatestComplete(record.GA)
	if last == 0 {
		last = brief.LastCompleteYear(m, mask)
	}
	period, base, err := brief.Windows(last, f, t, baseline)
	if err != nil {
		return nil, usagef("%v", err)
	}
	in := &brief.PairInput{M: m, Mask: mask, Universe: "General Assembly roll calls on whole resolutions", A: sides[0], B: sides[1],
		Coverage: func(from, to string) []string { return briefCoverage(cov, from, to) },
		Partial:  func(from, to string) bool { return cov.Partial(record.GA, from, to) },
		Period:   period, Baseline: base, Presets: blocs.Presets, CommandPrefix: "blocwatch",
		Groups: func(code string) (blocs.Camp, bool) {
			if g, ok := user[strings.ToUpper(code)]; ok {
				return blocs.Camp{Name: g.Code, MembersOn: g.MembersOn}, true
			}
			g, err := reg.Group(code)
			if err != nil {
				return blocs.Camp{}, false
			}
			return blocs.Camp{Name: g.Code, MembersOn: g.MembersOn}, true
		},
	}
	if len(user) > 0 {
		in.SelectionFlags = "--groups " + groupsFile
	}
	if in.Events, err = s.Events(ctx); err != nil {
		return nil, err
	}
	if in.Vetoes, err = s.Vetoes(ctx); err != nil {
		return nil, err
	}
	if _, pts, err := s.Fit(ctx, fitName); err == nil {
		in.Ideal, in.IdealFit = pts, fitName
	}
	return in, nil
}

// rollCallBrief builds the brief on the roll call a symbol names.
func (a *app) rollCallBrief(ctx context.Context, s *store.Store, m *votes.Matrix, symbol, date string) (*brief.RollCallBrief, error) {
	vetoes, err := s.Vetoes(ctx)
	if err != nil {
		return nil, err
	}
	rc, err := s.RollCallBySymbol(ctx, symbol, date)
	var nf *store.NotFoundError
	if errors.As(err, &nf) {
		if b, ok := brief.VetoedDraft(symbol, vetoes, "blocwatch"); ok {
			return b, nil
		}
	}
	if err != nil {
		return nil, err
	}
	reg := registry.Default()
	var six []string
	if g, err := reg.Group("KOREA6"); err == nil {
		six = g.MembersOn(rc.Date)
	}
	return brief.BuildRollCall(brief.RollCallInput{M: m, RollCall: rc, Reg: reg, Six: six, Vetoes: vetoes, CommandPrefix: "blocwatch"})
}

// briefCoverage states what the General Assembly data cover of from..to: how
// far they go, and the years they cover only in part or thinly.
func briefCoverage(cov *coverage.Report, from, to string) []string {
	out := []string{cov.Through(record.GA) + " (blocwatch coverage)."}
	if b := cov.Body(record.GA); b != nil {
		for _, y := range b.Years {
			if y.Year < record.YearOf(from) || y.Year > record.YearOf(to) {
				continue
			}
			switch {
			case y.Partial:
				out = append(out, fmt.Sprintf("%d is covered only in part (%d roll calls); it is drawn hollow.", y.Year, y.RollCalls))
			case y.Low:
				out = append(out, fmt.Sprintf("%d has unusually few roll calls (%d) against the years around it: the data may lack some.%s", y.Year, y.RollCalls, note(y.Note)))
			}
		}
	}
	if cov.Partial(record.GA, from, to) {
		out = append(out, fmt.Sprintf("The window %s..%s reaches beyond the data.", from, to))
	}
	return out
}

func note(s string) string {
	if s == "" {
		return ""
	}
	return " " + s
}
