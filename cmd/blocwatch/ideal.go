package main

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/blocwatch/blocwatch/internal/format"
	"github.com/blocwatch/blocwatch/internal/ideal"
	"github.com/blocwatch/blocwatch/internal/registry"
	"github.com/blocwatch/blocwatch/internal/store"
)

// defaultChain links the seat whose holder changed code but not path: the
// Russian Federation continues the USSR. The Chinese seat is not chained:
// the Republic of China and the People's Republic are different
// governments. Serbia and Montenegro and Serbia both voted in 2006, so they
// cannot be one path of yearly positions.
const defaultChain = "SUN=RUS"

func parseChain(s string) (map[string]string, error) {
	if s == "" || strings.EqualFold(s, "none") {
		return nil, nil
	}
	reg := registry.Default()
	out := map[string]string{}
	for _, pair := range strings.Split(s, ",") {
		a, b, ok := strings.Cut(strings.TrimSpace(pair), "=")
		if !ok {
			return nil, usagef("--chain %q: want PRED=SUCC pairs such as SUN=RUS", pair)
		}
		sa, err := reg.Lookup(a)
		if err != nil {
			return nil, usagef("--chain: %v", err)
		}
		sb, err := reg.Lookup(b)
		if err != nil {
			return nil, usagef("--chain: %v", err)
		}
		out[sa.Code] = sb.Code
	}
	return out, nil
}

func (a *app) idealCommand() *cobra.Command {
	c := &cobra.Command{
		Use:   "ideal",
		Short: "Ideal points: where every state stands each year on one scale",
		Long: `ideal fits and shows ideal points: one position per state per year on the main
dimension of UN voting, from a dynamic ordinal item-response model (no <
abstain < yes, roll-call cut points and discrimination, a random walk per
state, parameters shared by roll calls that repeat an earlier resolution),
after Bailey, Strezhnev & Voeten (2017). The United States' side is positive.
See docs/ideal.md.`,
		Example: `  blocwatch ideal fit
  blocwatch ideal show USA PRK KOR --year 2023
  blocwatch ideal show --format csv > ideal.csv
  blocwatch ideal fit --issue hr --name human-rights
  blocwatch ideal fit --static --year 2023 --name y2023`,
	}
	c.AddCommand(a.idealFitCommand(), a.idealShowCommand(), a.idealListCommand(), a.idealMovedCommand())
	return c
}

func (a *app) idealFitCommand() *cobra.Command {
	var sel selection
	var name, reference, chain, universe string
	var static, noBridge, estimate, noHold bool
	var boot, dims int
	var evolution float64
	var seed int64
	c := &cobra.Command{
		Use:   "fit",
		Short: "Fit ideal points and store them with their settings and data version",
		Long: `fit estimates ideal points from the selected roll calls (by default every
General Assembly roll call) and stores them under --name (default "default",
the fit that 'ideal show' and the web app use). A fit on a subset (dates,
issue, text, static) needs its own --name. A progress bar shows the
iterations when stderr is a terminal.

Uncertainty: se is the posterior standard deviation of the fit; --bootstrap N
replaces it by the standard deviation over N parametric-bootstrap refits.`,
		Example: `  blocwatch ideal fit
  blocwatch ideal fit --bootstrap 50
  blocwatch ideal fit --universe comparable --name comparable
  blocwatch ideal fit --from 1991 --issue nu,di --name arms-since-1991
  blocwatch ideal fit --static --year 2023 --name y2023`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			switch universe {
			case "all":
			case "comparable":
				sel.noAmend, sel.noPara = true, true
			default:
				return usagef("--universe %q: want all or comparable", universe)
			}
			subset := sel.from != "" || sel.to != "" || sel.year != 0 || len(sel.issues) > 0 || sel.text != "" ||
				!strings.EqualFold(sel.body, "GA") || sel.noAmend || sel.noPara || sel.important || static
			if subset && name == "default" {
				return usagef("a fit on a subset needs its own --name (the default fit is on every General Assembly roll call)")
			}
			if dims != 1 && dims != 2 {
				return usagef("--dims %d: want 1 or 2", dims)
			}
			if dims == 2 && (!static || !cmd.Flags().Changed("name")) {
				return usagef("--dims 2 needs --static and --name (it stores NAME and NAME-dim2)")
			}
			if dims == 2 && boot > 0 {
				return usagef("--dims 2 has no --bootstrap")
			}
			ch, err := parseChain(chain)
			if err != nil {
				return err
			}
			an, err := a.analysis(cmd.Context(), &sel)
			if err != nil {
				return err
			}
			o := ideal.DefaultOptions()
			o.Mask, o.Dynamic, o.Bridge, o.Chain = an.mask, !static, !noBridge, ch
			o.Dims = dims
			if reference != "" {
				st, err := registry.Default().Lookup(reference)
				if err != nil {
					return usageError{err}
				}
				o.Reference = st.Code
			}
			if evolution > 0 {
				o.EvolutionVar = evolution
			}
			o.EstimateEvolution, o.HoldScale = estimate, !noHold
			max := o.MaxIter
			if max == 0 {
				max = 2000
			}
			bar := a.progress(int64(max), "fitting", false)
			o.Progress = func(iter int, delta float64) {
				bar.Describe(fmt.Sprintf("fitting (change %.1e)", delta))
				bar.Set(iter)
			}
			start := time.Now()
			res, err := ideal.FitContext(cmd.Context(), an.m, o)
			bar.Finish()
			if err != nil {
				return err
			}
			if boot > 0 {
				bar := a.progress(-1, fmt.Sprintf("bootstrap (%d refits)", boot), false)
				err := res.BootstrapContext(cmd.Context(), an.m, boot, seed)
				bar.Finish()
				if err != nil {
					return err
				}
			}
			secs := time.Since(start).Seconds()
			dimensions := res.Dimensions(an.m, 10)
			for _, d := range dimensions {
				a.logf("dimension %d: %.0f%% of the variance of the roll calls' predictors; loading most:", d.Dim, 100*d.Share)
				for _, l := range d.Top {
					a.logf("  %+.2f  %s %s [%s] %s", l.Beta, l.Date, l.Resolution, l.Issues, l.Title)
				}
			}
			settings, err := json.Marshal(struct {
				ideal.Settings
				Selection  string            `json:"selection"`
				Universe   string            `json:"universe"`
				Dimensions []ideal.Dimension `json:"dimensions,omitempty"`
			}{res.Settings, describe(an.filter), universe, dimensions})
			if err != nil {
				return err
			}
			s, err := a.openStore()
			if err != nil {
				return err
			}
			defer s.Close()
			version, err := s.Version(cmd.Context())
			if err != nil {
				return err
			}
			pts := make([]store.Point, 0, len(res.Points))
			for _, p := range res.Points {
				se := p.SE
				if p.BootSE > 0 {
					se = p.BootSE
				}
				pts = append(pts, store.Point{State: p.State, Year: p.Year, X: p.X, SE: se, N: p.N, Corr: p.Corr})
			}
			rcs := an.m.RollCalls()
			var used []int64
			for _, g := range res.RollCalls {
				for _, rc := range g.RollCalls {
					used = append(used, rcs[rc].ID)
				}
			}
			f := &store.Fit{Name: name, Settings: string(settings), DataVersion: version, Iterations: res.Iterations, Converged: res.Converged, Seconds: secs}
			if err := s.SaveFit(cmd.Context(), f, pts, used...); err != nil {
				return err
			}
			if dims == 2 {
				pts2 := make([]store.Point, 0, len(res.Points))
				for _, p := range res.Points {
					pts2 = append(pts2, store.Point{State: p.State, Year: p.Year, X: p.X2, SE: p.SE2, N: p.N})
				}
				f2 := *f
				f2.Name = name + "-dim2"
				if err := s.SaveFit(cmd.Context(), &f2, pts2); err != nil {
					return err
				}
				a.logf("two dimensions: dimension 1 stored as %q, dimension 2 as %q", name, f2.Name)
			}
			conv := "converged"
			if !res.Converged {
				conv = fmt.Sprintf("NOT converged (last change %.1e)", res.Delta)
			}
			a.logf("fit %q: %d states, %d state-years, %d roll calls of universe %s (%d bridged into %d groups; their ids are stored with the fit), %d iterations, %s, %.1fs",
				name, res.Settings.States, len(res.Points), res.Settings.RollCalls, universe, res.Settings.BridgedRollCalls, res.Settings.BridgedGroups, res.Iterations, conv, secs)
			return nil
		},
	}
	sel.flags(c, true)
	c.Flags().StringVar(&name, "name", "default", "name of the stored fit")
	c.Flags().StringVar(&universe, "universe", "all", "roll calls: all (every recorded roll call of every source, amendments and separate paragraphs included) or comparable (resolutions as a whole, the universe of the alignment series)")
	c.Flags().BoolVar(&static, "static", false, "one position per state over the whole selection (no random walk)")
	c.Flags().BoolVar(&noBridge, "no-bridge", false, "do not share parameters between roll calls repeating a resolution")
	c.Flags().StringVar(&reference, "reference", "", "the state whose side is positive (default USA)")
	c.Flags().StringVar(&chain, "chain", defaultChain, "seats continued under another code, one path each (PRED=SUCC,...; none)")
	c.Flags().Float64Var(&evolution, "evolution", 0, "variance of a state's yearly step (default 0.1)")
	c.Flags().BoolVar(&estimate, "estimate-evolution", false, "estimate the variance of the yearly step (--evolution is then its start)")
	c.Flags().BoolVar(&noHold, "no-hold-scale", false, "report the model's own scale instead of the held scale (each year's unit fixed by the discrimination of its roll calls)")
	c.Flags().IntVar(&dims, "dims", 1, "dimensions, 1 or 2; 2 needs --static and --name and stores dimension 1 under NAME, dimension 2 under NAME-dim2 (same rows)")
	c.Flags().IntVar(&boot, "bootstrap", 0, "parametric bootstrap refits for the standard errors")
	c.Flags().Int64Var(&seed, "seed", 1, "random seed of the bootstrap")
	return c
}

// points is the ideal-point table: state,year,x,se.
type points []store.Point

func (p points) Rows() *format.Rows {
	r := &format.Rows{Columns: []string{"state", "year", "x", "se"}}
	for _, x := range p {
		r.Data = append(r.Data, []any{x.State, x.Year, x.X, x.SE})
	}
	return r
}

func (p points) MarshalJSON() ([]byte, error) { return json.Marshal(p.Rows().Objects()) }

// points2 is the two-dimensional ideal-point table.
type points2 []store.Point

func (p points2) Rows() *format.Rows {
	r := &format.Rows{Columns: []string{"state", "year", "x", "se", "x2", "se2"}}
	for i := 0; i+1 < len(p); i += 2 {
		r.Data = append(r.Data, []any{p[i].State, p[i].Year, p[i].X, p[i].SE, p[i+1].X, p[i+1].SE})
	}
	return r
}

func (p points2) MarshalJSON() ([]byte, error) { return json.Marshal(p.Rows().Objects()) }

func (a *app) idealShowCommand() *cobra.Command {
	var name, from, to string
	var year, dims int
	c := &cobra.Command{
		Use:   "show [STATE...]",
		Short: "Show stored ideal points",
		Long: `show prints a stored fit (default "default"): one row per state and year in
which the state voted, with the position x and its standard error se. The CSV
header is state,year,x,se (ISO3 codes).`,
		Example: `  blocwatch ideal show --format csv
  blocwatch ideal show USA PRK KOR JPN CHN RUS --year 2023
  blocwatch ideal show SUN RUS --from 1985 --to 1995`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.checkFormat(); err != nil {
				return err
			}
			yFrom, yTo := 0, 1<<30
			var err error
			if from != "" {
				if yFrom, err = strconv.Atoi(from); err != nil {
					return usagef("--from %q: want a year", from)
				}
			}
			if to != "" {
				if yTo, err = strconv.Atoi(to); err != nil {
					return usagef("--to %q: want a year", to)
				}
			}
			if year != 0 {
				yFrom, yTo = year, year
			}
			want := map[string]bool{}
			for _, q := range args {
				st, err := registry.Default().Lookup(q)
				if err != nil {
					return usageError{err}
				}
				want[st.Code] = true
			}
			s, err := a.openStore()
			if err != nil {
				return err
			}
			defer s.Close()
			f, pts, err := a.storedFit(cmd.Context(), s, name)
			if err != nil {
				return err
			}
			if dims == 2 {
				return a.showTwoDims(cmd.Context(), s, name, f, pts, want, yFrom, yTo)
			}
			if dims != 1 {
				return usagef("--dims %d: want 1 or 2", dims)
			}
			var out points
			for _, p := range pts {
				if (len(want) == 0 || want[p.State]) && p.Year >= yFrom && p.Year <= yTo {
					out = append(out, p)
				}
			}
			if len(out) == 0 {
				return noDataError{fmt.Errorf("fit %q has no points for that selection", name)}
			}
			sort.SliceStable(out, func(i, j int) bool {
				if out[i].State != out[j].State {
					return out[i].State < out[j].State
				}
				return out[i].Year < out[j].Year
			})
			return a.write(out)
		},
	}
	c.Flags().StringVar(&name, "name", "default", "name of the stored fit")
	c.Flags().IntVar(&year, "year", 0, "one year")
	c.Flags().IntVar(&dims, "dims", 1, "2: both dimensions of a two-dimensional fit (NAME and NAME-dim2), and what each measures on stderr")
	c.Flags().StringVar(&from, "from", "", "first year")
	c.Flags().StringVar(&to, "to", "", "last year")
	return c
}

// showTwoDims writes both dimensions of a two-dimensional fit stored as
// name and name-dim2, and logs what each dimension measures.
func (a *app) showTwoDims(ctx context.Context, s *store.Store, name string, f *store.Fit, pts []store.Point, want map[string]bool, yFrom, yTo int) error {
	_, pts2, err := s.Fit(ctx, name+"-dim2")
	if err != nil {
		return err
	}
	second := map[[2]any]store.Point{}
	for _, p := range pts2 {
		second[[2]any{p.State, p.Year}] = p
	}
	var out points2
	for _, p := range pts {
		q, ok := second[[2]any{p.State, p.Year}]
		if ok && (len(want) == 0 || want[p.State]) && p.Year >= yFrom && p.Year <= yTo {
			out = append(out, p, q)
		}
	}
	if len(out) == 0 {
		return noDataError{fmt.Errorf("fit %q has no two-dimensional points for that selection", name)}
	}
	var settings struct {
		Dimensions []ideal.Dimension `json:"dimensions"`
	}
	if json.Unmarshal([]byte(f.Settings), &settings) == nil {
		for _, d := range settings.Dimensions {
			a.logf("dimension %d: %.0f%% of the variance of the roll calls' predictors; loading most:", d.Dim, 100*d.Share)
			for _, l := range d.Top {
				a.logf("  %+.2f  %s %s [%s] %s", l.Beta, l.Date, l.Resolution, l.Issues, l.Title)
			}
		}
	}
	return a.write(out)
}

// fits lists stored fits.
type fits []store.Fit

func (f fits) Rows() *format.Rows {
	r := &format.Rows{Columns: []string{"name", "created_at", "data_version", "iterations", "converged", "seconds", "settings"}}
	for _, x := range f {
		r.Data = append(r.Data, []any{x.Name, x.CreatedAt, x.DataVersion, x.Iterations, x.Converged, x.Seconds, x.Settings})
	}
	return r
}

func (a *app) idealListCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List stored fits with their settings and data version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.checkFormat(); err != nil {
				return err
			}
			s, err := a.openStore()
			if err != nil {
				return err
			}
			defer s.Close()
			fs, err := s.Fits(cmd.Context())
			if err != nil {
				return err
			}
			if fs == nil {
				fs = []store.Fit{}
			}
			return a.write(fits(fs))
		},
	}
}

// movements is the table of ideal moved.
type movements []ideal.Movement

func (m movements) Rows() *format.Rows {
	r := &format.Rows{Columns: []string{"rank", "state", "from", "from_years", "from_x", "to", "to_years", "to_x", "change", "se", "lo", "hi", "z", "significant", "partial"}}
	for i, x := range m {
		r.Data = append(r.Data, []any{i + 1, x.State, x.From, x.FromYears, x.FromX, x.To, x.ToYears, x.ToX, x.Change, x.SE, x.Lo, x.Hi, x.Z, x.Significant, x.Partial})
	}
	return r
}

func (m movements) MarshalJSON() ([]byte, error) { return json.Marshal(m.Rows().Objects()) }

func (a *app) idealMovedCommand() *cobra.Command {
	var name, from, to string
	c := &cobra.Command{
		Use:   "moved [STATE]",
		Short: "How far a state's ideal point moved between two periods, with its standard error",
		Long: `moved compares a state's mean position over the years of one period (--from)
with its mean over another (--to), in a stored fit (default "default"). The
standard error accounts for the uncertainty of both means and for the
correlation of the estimates of nearby years (from the fit's Kalman smoother;
with a bootstrap fit, the smoother's correlations with the bootstrap errors).
A movement is significant when its 95% interval (change ∓ 1.96·se) excludes
zero. from_years and to_years count the years with a position; partial is
true when a period has years without one.

Without a state, moved ranks every state with positions in both periods:
significant movements first, by |z| = |change|/se.`,
		Example: `  blocwatch ideal moved KOR --from 2014-2017 --to 2022-2025
  blocwatch ideal moved --from 2014-2017 --to 2022-2025 --format csv`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.checkFormat(); err != nil {
				return err
			}
			if from == "" || to == "" {
				return usagef("moved needs --from and --to periods, such as --from 2014-2017 --to 2022-2025")
			}
			p1, err := ideal.ParsePeriod(from)
			if err != nil {
				return usagef("--from: %v", err)
			}
			p2, err := ideal.ParsePeriod(to)
			if err != nil {
				return usagef("--to: %v", err)
			}
			state := ""
			if len(args) == 1 {
				st, err := registry.Default().Lookup(args[0])
				if err != nil {
					return usageError{err}
				}
				state = st.Code
			}
			s, err := a.openStore()
			if err != nil {
				return err
			}
			defer s.Close()
			_, pts, err := a.storedFit(cmd.Context(), s, name)
			if err != nil {
				return err
			}
			var ip []ideal.Point
			for _, p := range pts {
				if state == "" || p.State == state {
					ip = append(ip, ideal.Point{State: p.State, Year: p.Year, X: p.X, SE: p.SE, N: p.N, Corr: p.Corr})
				}
			}
			out := movements(ideal.Moves(ip, p1, p2))
			if len(out) == 0 {
				what := "no state has"
				if state != "" {
					what = state + " has no"
				}
				return noDataError{fmt.Errorf("fit %q: %s positions in both %s and %s", name, what, p1, p2)}
			}
			if state != "" {
				mv := out[0]
				verdict := "not significant"
				if mv.Significant {
					verdict = "significant"
				}
				a.logf("%s: %+.2f (se %.2f, 95%% %.2f..%.2f), %s at 5%%; from the mean of %d year(s) of %s to %d year(s) of %s in fit %q",
					mv.State, mv.Change, mv.SE, mv.Lo, mv.Hi, verdict, mv.FromYears, mv.From, mv.ToYears, mv.To, name)
			}
			return a.write(out)
		},
	}
	c.Flags().StringVar(&name, "name", "default", "name of the stored fit")
	c.Flags().StringVar(&from, "from", "", "first period: YEAR or FROM-TO")
	c.Flags().StringVar(&to, "to", "", "second period: YEAR or FROM-TO")
	return c
}

// storedFit reads the stored fit name, with a note on stderr when it was
// computed on other data than the store now holds.
func (a *app) storedFit(ctx context.Context, s *store.Store, name string) (*store.Fit, []store.Point, error) {
	f, pts, err := s.Fit(ctx, name)
	if err != nil {
		return nil, nil, err
	}
	if v, err := s.Version(ctx); err == nil && v != f.DataVersion {
		a.logf("note: fit %q was computed on data version %d; the store is now at %d (run blocwatch ideal fit again)", name, f.DataVersion, v)
	}
	return f, pts, nil
}
