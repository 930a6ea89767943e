// Command blocwatch measures who stands with whom at the United Nations,
// from the recorded votes of the General Assembly and the Security Council.
//
// Run `blocwatch help` for the commands, `blocwatch COMMAND --help` for one.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/blocwatch/blocwatch/internal/format"
	"github.com/blocwatch/blocwatch/internal/store"
	"github.com/blocwatch/blocwatch/internal/votes"
)

// Exit codes.
const (
	exitOK       = 0
	exitFailure  = 1 // the command could not do its work: bad data, I/O, a failed download
	exitUsage    = 2 // the command line is wrong: unknown flag, bad argument, unknown state
	exitNotFound = 3 // a lookup found nothing, or the selection holds no votes
)

// usageError marks errors in what the user asked for.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, a ...any) error { return usageError{fmt.Errorf(format, a...)} }

// app holds what every command shares.
type app struct {
	dbPath string
	format string
	stdout io.Writer
	stderr io.Writer
	quiet  bool
	strict bool
	wait   time.Duration // how long an ingest waits for another to finish (0: defaultWait)
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run runs blocwatch with args and returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	a := &app{stdout: stdout, stderr: stderr}
	root := a.rootCommand()
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	fmt.Fprintln(stderr, "blocwatch:", err)
	var nf *store.NotFoundError
	var ue usageError
	var amb *store.AmbiguousError
	var nd noDataError
	switch {
	case errors.As(err, &nf), errors.As(err, &nd), errors.Is(err, votes.ErrNoVotes):
		return exitNotFound
	case errors.As(err, &ue), errors.As(err, &amb):
		return exitUsage
	}
	return exitFailure
}

// flagError rewords a flag value that does not parse as a number, which
// pflag reports with strconv's text.
func flagError(err error) error {
	var iv *pflag.InvalidValueError
	var ne *strconv.NumError
	if !errors.As(err, &iv) || !errors.As(err, &ne) {
		return err
	}
	want := "a number"
	switch iv.GetFlag().Value.Type() {
	case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64":
		want = "a whole number"
	}
	if errors.Is(ne.Err, strconv.ErrRange) {
		want += " in range"
	}
	return fmt.Errorf("--%s %s: want %s", iv.GetFlag().Name, iv.GetValue(), want)
}

// usageArgs makes the errors of every command's argument check, and of an
// unknown command, usage errors; flag errors are made so by the root's
// SetFlagErrorFunc. Cobra's own errors carry no type to tell them apart.
func usageArgs(c *cobra.Command) {
	if check := c.Args; check != nil {
		c.Args = func(c *cobra.Command, args []string) error {
			if err := check(c, args); err != nil {
				return usageError{err}
			}
			return nil
		}
	}
	for _, sub := range c.Commands() {
		usageArgs(sub)
	}
}

// unknownCommand is the root's action: help without arguments, a usage
// error naming the closest commands otherwise.
func unknownCommand(c *cobra.Command, args []string) error {
	if len(args) == 0 {
		return c.Help()
	}
	msg := fmt.Sprintf("unknown command %q for %q", args[0], c.CommandPath())
	if s := c.SuggestionsFor(args[0]); len(s) > 0 {
		msg += "; did you mean " + strings.Join(s, " or ") + "?"
	}
	return usagef("%s", msg)
}

func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "blocwatch",
		Short: "Who stands with whom at the UN: alignment measured from recorded votes",
		Long: `blocwatch turns the United Nations' voting record (General Assembly and
Security Council roll calls, from the UN Digital Library) into measurements of
alignment between states: who voted how, how closely two states or groups agree
and how that changed.

Data goes to stdout, messages to stderr. Exit codes: 0 success, 1 failure
(bad data, I/O, network), 2 usage error (bad flag, argument, state, group or
metric), 3 not found (or no votes in the selection).`,
		Example: `  blocwatch update                      # fetch the newest records from the UN Digital Library
  blocwatch ingest ga_voting.csv.gz     # or ingest files you downloaded
  blocwatch vote A/RES/ES-11/1
  blocwatch votes --state PRK --year 2022
  blocwatch search "nuclear" --from 2017-01-01 --body GA`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.PersistentFlags().StringVar(&a.dbPath, "db", store.DefaultPath(), "database file (env BLOCWATCH_DB)")
	root.PersistentFlags().StringVar(&a.format, "format", "table", "output format: table, json or csv")
	root.PersistentFlags().BoolVarP(&a.quiet, "quiet", "q", false, "no progress bars or summaries on stderr")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageError{flagError(err)} })
	root.AddCommand(
		a.ingestCommand(),
		a.updateCommand(),
		a.voteCommand(),
		a.votesCommand(),
		a.searchCommand(),
		a.statesCommand(),
		a.checkCommand(),
		a.coverageCommand(),
		a.alignCommand(),
		a.neighboursCommand(),
		a.matrixCommand(),
		a.divergeCommand(),
		a.positionsCommand(),
		a.blocsCommand(),
		a.campsCommand(),
		a.moversCommand(),
		a.vetoesCommand(),
		a.councilCommand(),
		a.idealCommand(),
		a.serveCommand(),
		a.divisiveCommand(),
		a.contestedCommand(),
		a.partnersCommand(),
		a.briefCommand(),
		a.eventsCommand(),
		a.exportCommand(),
		a.versionCommand(),
	)
	root.Args = cobra.ArbitraryArgs
	root.RunE = unknownCommand
	root.SuggestionsMinimumDistance = 2
	usageArgs(root)
	return root
}

// openStore opens the database, which must exist.
func (a *app) openStore() (*store.Store, error) {
	return store.OpenExisting(a.dbPath)
}

// write writes v to stdout in the chosen format.
func (a *app) write(v any) error {
	f, err := format.Parse(a.format)
	if err != nil {
		return usageError{err}
	}
	return format.Write(a.stdout, f, v)
}

// checkFormat fails early on an unknown --format.
func (a *app) checkFormat() error {
	if _, err := format.Parse(a.format); err != nil {
		return usageError{err}
	}
	return nil
}

// logf writes a message to stderr unless --quiet.
func (a *app) logf(format string, args ...any) {
	if !a.quiet {
		fmt.Fprintf(a.stderr, format+"\n", args...)
	}
}

// interactive reports whether progress bars should be drawn.
func (a *app) interactive() bool {
	if a.quiet {
		return false
	}
	f, ok := a.stderr.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// progress returns a progress bar on stderr, or a silent one when stderr is
// not a terminal.
func (a *app) progress(max int64, desc string, bytes bool) *progressbar.ProgressBar {
	opts := []progressbar.Option{
		progressbar.OptionSetWriter(a.stderr),
		progressbar.OptionSetDescription(desc),
		progressbar.OptionSetVisibility(a.interactive()),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetWidth(30),
		progressbar.OptionShowCount(),
	}
	if bytes {
		opts = append(opts, progressbar.OptionShowBytes(true))
	}
	return progressbar.NewOptions64(max, opts...)
}
