package main

import (
	"context"
	"errors"

	"github.com/spf13/cobra"

	"github.com/blocwatch/blocwatch/internal/coverage"
	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/store"
	"github.com/blocwatch/blocwatch/internal/view"
)

func (a *app) coverageCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "coverage",
		Short: "What the data in the store cover, and where they stop",
		Long: `coverage lists, for each body (GA, SC), the first and last date of its roll
calls and their number per year, and flags: partial years (the data end
before the year's last voting period, taken as 15 December), years with
unusually few roll calls against their neighbours (less than half the
median of up to three years on each side), bodies whose data stop early, and
a veto list that ends before the Council's votes. Each source is listed with
the dates it spans.

Every analysis marks a window that the data cover only in part (partial in
JSON and CSV, a note under tables), and defaults that pick "the latest year"
pick the latest complete one.`,
		Example: `  blocwatch coverage
  blocwatch coverage --format json`,
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
			cov, err := storeCoverage(cmd.Context(), s)
			if err != nil {
				return err
			}
			return a.write(view.Coverage{Report: cov})
		},
	}
}

// storeCoverage computes the coverage of the store's data.
func storeCoverage(ctx context.Context, s *store.Store) (*coverage.Report, error) {
	m, err := s.Matrix(ctx)
	if err != nil {
		return nil, err
	}
	spans, err := s.SourceSpans(ctx)
	if err != nil {
		return nil, err
	}
	return coverage.Of(m, spans), nil
}

// explainNotFound adds to a lookup that found nothing how far the data of
// the symbol's body go, so that a vote the data lack reads differently from
// a typo.
func explainNotFound(ctx context.Context, s *store.Store, symbol string, err error) error {
	var nf *store.NotFoundError
	if !errors.As(err, &nf) || nf.Hint != "" {
		return err
	}
	cov, cerr := storeCoverage(ctx, s)
	if cerr != nil {
		return err
	}
	nf.What += " is not in the store"
	nf.Hint = "(" + cov.Through(record.BodyOfSymbol(symbol)) + "; the data may lack it: blocwatch coverage lists known gaps, blocwatch search finds similar symbols)"
	return nf
}
