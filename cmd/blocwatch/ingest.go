package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/blocwatch/blocwatch/internal/registry"
	"github.com/blocwatch/blocwatch/internal/store"
	"github.com/blocwatch/blocwatch/internal/undl"
)

func (a *app) ingestCommand() *cobra.Command {
	var strict bool
	var showProblems int
	c := &cobra.Command{
		Use:   "ingest PATH...",
		Short: "Add voting records from local files to the store",
		Long: `ingest reads voting records from files and adds them to the store in one
transaction: all of them land, or (on any error) none does and the store is
left exactly as it was.

Known layouts, recognised by their header:
  - the UN Digital Library bulk voting CSV (General Assembly and Security
    Council; the 2026 header and the older one without vote_note), plain or gzip;
  - the researchers' layout of Voeten's data (unvotes: votes, roll_calls and
    roll_call_issues CSVs; give the folder or the files);
  - the Security Council veto list, and user-added vetoes (see docs/).
A folder stands for the .csv and .csv.gz files in it.

Ingesting the same file again changes nothing and says so. A roll call held
by two sources is kept once; member votes on which they disagree are counted
and listed by 'blocwatch check --disagreements'. Rows naming no known state,
unknown vote codes and duplicate rows are reported with file:line and kept
out of analysis; with --strict they make the ingest fail instead.

One process writes to the store at a time. An ingest that finds another
ingest or update writing says so and waits for it, showing how long it has
waited, up to --wait (10 minutes unless told; a full ingest of the UN
Digital Library files takes about 10 s); then it gives up and changes
nothing.`,
		Example: `  blocwatch ingest ga_voting.csv.gz sc_voting.csv.gz
  blocwatch ingest ../shared/data/undl ../shared/data/unvotes ../shared/data/vetoes
  blocwatch --db /tmp/test.db ingest 2026_02_06_ga_voting.csv`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			a.strict = strict
			rep, err := a.ingest(cmd.Context(), args)
			if err != nil {
				return err
			}
			a.reportIngest(rep, showProblems)
			return nil
		},
	}
	c.Flags().BoolVar(&strict, "strict", false, "fail (and write nothing) if any row has a problem")
	c.Flags().DurationVar(&a.wait, "wait", defaultWait, "how long to wait for another ingest or update of the store to finish")
	c.Flags().IntVar(&showProblems, "problems", 20, "how many row problems to print per file (all: -1)")
	return c
}

// ingest reads the files completely, then writes them in one transaction.
func (a *app) ingest(ctx context.Context, paths []string) (*store.Report, error) {
	start := time.Now()
	bar := a.progress(-1, "reading", false)
	batches, err := store.Read(paths)
	bar.Finish()
	if err != nil {
		return nil, err
	}
	s, err := store.Open(a.dbPath)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	if err := a.waitWritable(ctx, s); err != nil {
		return nil, err
	}
	rep, err := s.Ingest(ctx, batches, registry.Default(), store.IngestOptions{Strict: a.strict})
	if store.IsBusy(err) {
		return nil, fmt.Errorf("%w: it took the store just before this one; run this one again when it is done (%v)", store.ErrBusy, err)
	}
	if err != nil {
		return nil, err
	}
	a.logf("ingested in %.1fs into %s (data version %d)", time.Since(start).Seconds(), s.Path(), rep.Version)
	return rep, nil
}

// defaultWait is how long an ingest waits for another one to finish.
const defaultWait = 10 * time.Minute

// waitWritable waits, saying so, while another process writes to s.
func (a *app) waitWritable(ctx context.Context, s *store.Store) error {
	limit := a.wait
	if limit == 0 {
		limit = defaultWait
	}
	var last time.Duration = -1
	return s.WaitWritable(ctx, limit, func(waited time.Duration) {
		switch {
		case last < 0:
			a.logf("another blocwatch ingest or update is writing to %s: waiting for it to finish (up to %v; --wait sets the limit)", s.Path(), limit)
		case waited-last >= 5*time.Second:
			a.logf("  still waiting after %v", waited.Round(time.Second))
		default:
			return
		}
		last = waited
	})
}

func (a *app) reportIngest(rep *store.Report, showProblems int) {
	for _, b := range rep.Batches {
		if b.Unchanged {
			a.logf("%s: unchanged: this exact file was ingested before as %s; nothing to do", b.Name, b.SameAs)
			continue
		}
		if b.Empty {
			a.logf("%s: no data rows (a header only); nothing to do", b.Name)
			continue
		}
		switch {
		case b.VetoesNew+b.VetoesSame > 0:
			a.logf("%s: %d vetoes (%d new, %d already stored)", b.Name, b.VetoesNew+b.VetoesSame, b.VetoesNew, b.VetoesSame)
		default:
			a.logf("%s: %d rows, %d roll calls: %d new, %d already stored (%d of them also held by another kind of source; %d matched by symbol and date or record, %d chosen by their votes among several records of one symbol, %d matched on session and number alone)",
				b.Name, b.Rows, b.RollCallsNew+b.RollCallsMatched, b.RollCallsNew, b.RollCallsMatched, b.CrossMatched,
				b.RollCallsMatched-b.Ambiguous-b.ByBase, b.Ambiguous, b.ByBase)
			a.logf("  member votes: %d new, %d confirmed, %d disagree with the store (%d replaced by this higher-priority source; the other value is kept on record)",
				b.VotesNew, b.VotesSame, b.VotesDisagree, b.VotesReplaced)
			if b.TotalsMismatch > 0 {
				a.logf("  %d roll calls whose official totals differ from their rows: kept and flagged (blocwatch check)", b.TotalsMismatch)
			}
		}
		if n := len(b.Problems); n > 0 {
			a.logf("  %d row problems (%d unknown states, %d duplicate rows, %d other), kept out of analysis:", n, b.UnknownStates, b.Duplicates, n-b.UnknownStates-b.Duplicates)
			for i, p := range b.Problems {
				if showProblems >= 0 && i >= showProblems {
					a.logf("    ... and %d more (blocwatch check lists them all)", n-i)
					break
				}
				a.logf("    %v", p)
			}
		}
	}
	if !rep.Changed {
		a.logf("the store is unchanged")
	}
}

func (a *app) updateCommand() *cobra.Command {
	var base, dir string
	var bodies []string
	c := &cobra.Command{
		Use:   "update",
		Short: "Fetch the newest voting records from the UN Digital Library",
		Long: `update asks the UN Digital Library's file API for the newest bulk voting files
of the General Assembly (record 4060887) and the Security Council (record
4055387), downloads them with a progress bar (an interrupted download resumes
where it stopped), checks that each parses completely, and ingests them in one
transaction. On any failure the stored data is left as it was.

Without network access, download the files by hand and use 'blocwatch ingest'.`,
		Example: `  blocwatch update
  blocwatch update --body ga`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.update(cmd.Context(), base, dir, bodies)
		},
	}
	c.Flags().StringVar(&base, "source", undl.DefaultBase, "UN Digital Library address")
	c.Flags().StringVar(&dir, "downloads", "", "folder for downloaded files (default: beside the database)")
	c.Flags().StringSliceVar(&bodies, "body", []string{"ga", "sc"}, "bodies to update: ga, sc")
	return c
}

func (a *app) update(ctx context.Context, base, dir string, bodies []string) error {
	return a.updateWith(ctx, base, dir, bodies, nil)
}

// updateWith is update, telling report (if not nil) what it is doing.
func (a *app) updateWith(ctx context.Context, base, dir string, bodies []string, report func(string)) error {
	if report == nil {
		report = func(string) {}
	}
	if dir == "" {
		dir = filepath.Join(filepath.Dir(a.dbPath), "downloads")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	cl := &undl.Client{Base: base}
	var paths []string
	for _, b := range bodies {
		b = strings.ToLower(b)
		recid := map[string]int{"ga": undl.RecordGA, "sc": undl.RecordSC}[b]
		if recid == 0 {
			return usagef("unknown body %q (want ga or sc)", b)
		}
		report(fmt.Sprintf("asking for the files of record %d", recid))
		files, err := cl.Files(ctx, recid)
		if err != nil {
			return fmt.Errorf("%w\n%s", err, undl.OfflineAdvice(a.self()+" ingest"))
		}
		f, ok := undl.Newest(files, b)
		if !ok {
			return fmt.Errorf("record %d lists no %s bulk voting file (files like 2026_02_06_%s_voting.csv)", recid, strings.ToUpper(b), b)
		}
		dest := filepath.Join(dir, filepath.Base(f.Name))
		if _, err := os.Stat(dest); err == nil {
			a.logf("%s: already downloaded", f.Name)
		} else {
			bar := a.progress(-1, "downloading "+f.Name, true)
			err := cl.Download(ctx, f.URL, dest, func(done, total int64) {
				if total > 0 && bar.GetMax64() != total {
					bar.ChangeMax64(total)
				}
				bar.Set64(done)
				if total > 0 {
					report(fmt.Sprintf("downloading %s: %.1f of %.1f MB", f.Name, float64(done)/1e6, float64(total)/1e6))
				} else {
					report(fmt.Sprintf("downloading %s: %.1f MB", f.Name, float64(done)/1e6))
				}
			})
			bar.Finish()
			if err != nil {
				return err
			}
			a.logf("%s: downloaded", f.Name)
		}
		paths = append(paths, dest)
	}
	report("reading and ingesting " + strings.Join(names(paths), ", "))
	rep, err := a.ingest(ctx, paths)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			return err
		}
		return fmt.Errorf("%w (the downloaded files stay in %s; the stored data is unchanged)", err, dir)
	}
	a.reportIngest(rep, 20)
	if !rep.Changed {
		a.logf("already up to date")
	}
	return nil
}

func names(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = filepath.Base(p)
	}
	return out
}

// self returns the command line that runs blocwatch on this store as the
// user ran it, for advice in messages: "go run ./cmd/blocwatch" under go
// run (the binary then lives in a go-build temporary folder), else
// "blocwatch"; with --db unless it is the default.
func (a *app) self() string {
	cmd := "blocwatch"
	if exe, err := os.Executable(); err == nil && strings.Contains(filepath.ToSlash(exe), "/go-build") {
		cmd = "go run ./cmd/blocwatch"
	}
	if a.dbPath != store.DefaultPath() {
		cmd += " --db " + shellQuote(a.dbPath)
	}
	return cmd
}

// shellQuote quotes s for a POSIX shell if it needs it.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+,:@=") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
