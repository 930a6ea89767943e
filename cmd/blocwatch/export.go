package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/blocwatch/blocwatch/internal/export"
	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/votes"
)

func (a *app) exportCommand() *cobra.Command {
	var out, formats, tables, from, to, body, layout, fit, include string
	var keepDuplicates bool
	c := &cobra.Command{
		Use:   "export --out DIR",
		Short: "Write the data set as Parquet or CSV files for R, Python, DuckDB and Spark",
		Long: `export writes blocwatch's data into the folder --out as a documented data
set: roll_calls, votes (one row per member per roll call), states, state_names,
groups, dyad_years (every pair of states in every year: n, the cross-table and
every alignment measure), ideal_points (from the stored fit), blocs, vetoes and
coverage, with a Frictionless datapackage.json that describes every table and
column and records the data version and the ingested files.

Parquet files are zstd-compressed with proper types (dates, dictionary strings,
nullable numbers); votes and dyad_years are partitioned by year in Hive style
(votes/year=2022/part-0.parquet). CSV files hold the same tables and columns
(RFC 4180, UTF-8), one file per table. --format parquet,csv writes both.

--layout unvotes writes instead the three tables of the unvotes R package
(votes.csv, roll_calls.csv, roll_call_issues.csv) with its columns and codes,
General Assembly only, extended to the newest data. docs/exports.md is the data
dictionary, with examples in R, Python and SQL.`,
		Example: `  blocwatch export --out un-votes
  blocwatch export --out un-votes-csv --format csv --tables roll_calls,votes
  blocwatch export --out dyads --tables dyad_years --from 2000 --body GA
  blocwatch export --out unvotes --layout unvotes`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" {
				return usagef("--out DIR is required")
			}
			fs, err := export.ParseFormats(formats)
			if err != nil {
				return usageError{err}
			}
			o := export.Options{Formats: fs, Fit: fit}
			if o.Universe, err = votes.ParseUniverse(include, keepDuplicates); err != nil {
				return usageError{err}
			}
			if tables != "" {
				for _, t := range strings.Split(tables, ",") {
					o.Tables = append(o.Tables, strings.TrimSpace(t))
				}
			}
			if from != "" {
				if o.From, err = parseDate(from, false); err != nil {
					return usageError{err}
				}
			}
			if to != "" {
				if o.To, err = parseDate(to, true); err != nil {
					return usageError{err}
				}
			}
			switch strings.ToUpper(body) {
			case "", "ALL":
			default:
				b, err := record.ParseBody(body)
				if err != nil {
					return usageError{err}
				}
				o.Body = b
			}
			s, err := a.openStore()
			if err != nil {
				return err
			}
			defer s.Close()
			start := time.Now()
			switch layout {
			case "", "blocwatch":
				for _, t := range o.Tables {
					if !isTable(t) {
						return usagef("--tables: unknown table %q (want %s)", t, strings.Join(export.Tables(), ", "))
					}
				}
				res, err := export.Export(cmd.Context(), s, out, o)
				if err != nil {
					return err
				}
				if !a.quiet {
					for _, t := range res.Tables {
						fmt.Fprintf(a.stderr, "%-13s %9d rows\n", t.Name, t.Rows)
					}
					fmt.Fprintf(a.stderr, "wrote %s (data version %d) in %.1f s\n", out, res.DataVersion, time.Since(start).Seconds())
				}
			case "unvotes":
				n, err := export.WriteUnvotes(cmd.Context(), s, out, export.UnvotesOptions{From: o.From, To: o.To})
				if err != nil {
					return err
				}
				if !a.quiet {
					fmt.Fprintf(a.stderr, "wrote %s in the unvotes layout: %d roll calls, %d votes, %d issue codes in %.1f s\n",
						out, n.RollCalls, n.Votes, n.Issues, time.Since(start).Seconds())
				}
			default:
				return usagef("--layout %q: want blocwatch or unvotes", layout)
			}
			return nil
		},
	}
	f := c.Flags()
	f.StringVar(&out, "out", "", "folder to write into (created if needed)")
	f.StringVar(&formats, "format", "parquet", "file format: parquet, csv, or parquet,csv")
	f.StringVar(&tables, "tables", "", "comma-separated tables (default every table: "+strings.Join(export.Tables(), ",")+")")
	f.StringVar(&from, "from", "", "first day: YYYY-MM-DD, YYYY-MM or YYYY")
	f.StringVar(&to, "to", "", "last day: YYYY-MM-DD, YYYY-MM or YYYY")
	f.StringVar(&body, "body", "all", "GA, SC or all")
	f.StringVar(&layout, "layout", "blocwatch", "blocwatch (every table) or unvotes (the unvotes R package's three tables)")
	f.StringVar(&fit, "fit", "default", "the stored ideal-point fit for ideal_points")
	f.StringVar(&include, "include", "", "add kinds of roll call to what dyad_years and blocs count: amendments, paragraphs, other, all")
	f.BoolVar(&keepDuplicates, "keep-duplicates", false, "dyad_years and blocs count every record, also several records of one vote")
	return c
}

func isTable(t string) bool {
	for _, n := range export.Tables() {
		if n == t {
			return true
		}
	}
	return false
}
