// Package ideal estimates ideal points of states from roll-call votes: one
// position per state per year on one comparable scale (a dynamic ordinal
// item-response model, after Bailey, Strezhnev & Voeten 2017), or one per
// state for a static fit, with standard errors.
//
// The model is an ordinal probit (no < abstain < yes) with roll-call-specific
// cut points and discrimination; each state's position follows a Gaussian
// random walk across years; roll calls that repeat an earlier resolution
// share their parameters, which bridges the years. It is fitted by a
// deterministic EM in the spirit of Imai, Lo & Olmsted (2016): the E-step
// is a Gaussian (Laplace) approximation of each state's path, computed by a
// Newton step through a Kalman smoother; the M-step a Newton step for each
// roll call's parameters; a parameter-expansion step fixes the scale and
// Anderson mixing accelerates the iteration. See docs/ideal.md.
package ideal

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"sort"
	"time"

	"github.com/blocwatch/blocwatch/internal/votes"
)

// Options control a fit. The zero value is a static fit without bridging;
// DefaultOptions gives the dynamic, bridged fit.
type Options struct {
	Mask    votes.Mask // roll calls to use; nil for all
	Dynamic bool       // one position per state-year (random walk); else one per state
	// EvolutionVar is ω², the variance of a state's yearly step; 0 means 0.1.
	// With EstimateEvolution it is the starting value.
	EvolutionVar float64
	// EstimateEvolution estimates ω² with the rest (an M-step in every
	// iteration: the mean expected squared yearly step). It is what keeps
	// the scale of the decades comparable; see docs/ideal.md.
	EstimateEvolution bool
	// EntrantPrior (dynamic fits): a state that joins after the first year
	// of the fit starts from the distribution of the members already there
	// that year (the mean and variance of their current positions) instead
	// of N(PriorMean, PriorVar), and the reported gauge is that of the
	// founders' first year. See docs/ideal.md.
	EntrantPrior bool
	// HoldScale (dynamic fits) reports each year's positions on the held
	// scale: multiplied about PriorMean by the factor that makes the root
	// mean square discrimination of the roll calls around the year equal
	// to that of the whole fit (Settings.YearScale; see scale.go and
	// docs/ideal.md). The roll-call parameters stay on the model's scale.
	HoldScale bool
	// PriorMean and PriorVar give the prior N(PriorMean, PriorVar) of a
	// state's position in its first year (of every state in a static fit);
	// PriorVar 0 means 1. They fix the scale.
	PriorMean, PriorVar float64
	// BetaPriorVar is the prior variance of each roll call's discrimination
	// β; 0 means 25. CutPriorVar is that of its cut points; 0 means 25.
	BetaPriorVar, CutPriorVar float64
	// Reference is the state whose positions are positive on average
	// (orientation); "" means USA. If it has no votes in the fit, the
	// orientation is left as found and Settings.Reference is "".
	Reference string
	// Bridge shares the parameters of roll calls with the same normalised
	// title across years (see NormalizeTitle and docs/ideal.md).
	Bridge bool
	// Chain maps a predecessor's code to its successor's (e.g. SUN → RUS):
	// both are one path, so the random walk runs on without a reset. Points
	// keep the code that voted. The two must not both vote in one year.
	Chain map[string]string
	// MaxIter caps the EM iterations; 0 means 2000.
	MaxIter int
	// Tol: the fit has converged when an iteration (before the Anderson
	// mixing) moves no position by more than Tol; 0 means 1e-5.
	Tol float64
	// Plain turns off the Anderson acceleration of the iterations.
	Plain bool
	// NoNormalize reports the positions on the scale the priors give them,
	// instead of mapping them (after the fit) so that the states'
	// first-year positions have mean PriorMean and mean square PriorVar.
	NoNormalize bool
	// Workers is the number of goroutines; 0 means GOMAXPROCS.
	Workers int
	// Progress, if set, is called after every iteration with the largest
	// change of a position.
	Progress func(iter int, delta float64)
	// Dims is the number of dimensions: 0 or 1 for the one-dimensional
	// model; 2 for the static two-dimensional one (Dynamic must be false;
	// see twodim.go and docs/ideal.md), which sets Point.X2 and SE2 and
	// Param.Beta2.
	Dims int
	// Reference2 lists the states whose mean second-dimension position is
	// positive in a two-dimensional fit; nil means DefaultReference2.
	Reference2 []string
}

// DefaultOptions returns the options of the standard dynamic fit: random
// walk with ω² = 0.1, bridging on, USA as reference, the held scale.
func DefaultOptions() Options {
	return Options{Dynamic: true, Bridge: true, HoldScale: true}
}

// Point is a state's estimated position in one year (Year 0 in a static fit
// that spans several years).
type Point struct {
	State string  `json:"state"`
	Year  int     `json:"year"`
	X     float64 `json:"x"`
	// SE is the posterior standard deviation of X: the Laplace
	// approximation, each vote counting with its observed information,
	// through the random-walk prior (Kalman smoother), given the roll-call
	// parameters. Lo and Hi are X ∓ 1.96·SE, or X ∓ 1.96·BootSE after
	// Bootstrap.
	SE float64 `json:"se"`
	Lo float64 `json:"lo"`
	Hi float64 `json:"hi"`
	// VarSD is the SD a variational fit with probit data augmentation
	// reports (every vote at the latent-data precision β²): too small,
	// kept for comparison (see docs/ideal.md).
	VarSD float64 `json:"var_sd"`
	// BootSE is the root mean square error of X over the refits of
	// Bootstrap, 0 before.
	BootSE float64 `json:"boot_se,omitempty"`
	N      int     `json:"n"` // cast votes (Y/N/A) of the state in the year, within the mask
	// Corr is the posterior correlation of X with the state's next point
	// (its next year with votes), from the Kalman smoother; 0 at the last
	// point of a state and in a static fit. Move uses it.
	Corr float64 `json:"corr,omitempty"`
	// X2 and SE2: the second dimension of a two-dimensional fit (X, SE,
	// Lo and Hi are then the first).
	X2  float64 `json:"x2,omitempty"`
	SE2 float64 `json:"se2,omitempty"`
}

// Param holds the parameters of one roll call, or of a group of bridged roll
// calls, on the scale y* = Beta·x + ε, ε ~ N(0, 1): no if y* < Cut1,
// abstain if Cut1 ≤ y* < Cut2, yes otherwise.
type Param struct {
	RollCalls []int   `json:"roll_calls"` // matrix indexes
	Key       string  `json:"key,omitempty"`
	Beta      float64 `json:"beta"`
	Cut1      float64 `json:"cut1"`
	Cut2      float64 `json:"cut2"`
	N         int     `json:"n"` // cast votes
	// Beta2 is the discrimination on the second dimension of a
	// two-dimensional fit: y* = Beta·x + Beta2·x2 + ε.
	Beta2 float64 `json:"beta2,omitempty"`
}

// Settings records what a fit did.
type Settings struct {
	Dynamic            bool    `json:"dynamic"`
	EvolutionVar       float64 `json:"evolution_var"` // ω² on the reported scale (estimated if EstimatedEvolution)
	EstimatedEvolution bool    `json:"estimated_evolution,omitempty"`
	EntrantPrior       bool    `json:"entrant_prior,omitempty"`
	// YearScale holds the factors of the held scale (Options.HoldScale),
	// by year.
	YearScale    []YearScale       `json:"year_scale,omitempty"`
	PriorMean    float64           `json:"prior_mean"`
	PriorVar     float64           `json:"prior_var"`
	BetaPriorVar float64           `json:"beta_prior_var"`
	CutPriorVar  float64           `json:"cut_prior_var"`
	Reference    string            `json:"reference"`
	Flipped      bool              `json:"flipped"`
	Bridge       bool              `json:"bridge"`
	Chain        map[string]string `json:"chain,omitempty"`
	MaxIter      int               `json:"max_iter"`
	Tol          float64           `json:"tol"`
	Workers      int               `json:"workers"`

	RollCalls        int     `json:"roll_calls"`         // roll calls fitted
	Dropped          int     `json:"dropped"`            // roll calls in the mask without any variation
	Groups           int     `json:"groups"`             // parameter sets
	BridgedRollCalls int     `json:"bridged_roll_calls"` // roll calls in groups of two or more
	BridgedGroups    int     `json:"bridged_groups"`     // such groups
	Votes            int     `json:"votes"`              // cast votes fitted
	States           int     `json:"states"`
	StateYears       int     `json:"state_years"`
	Seconds          float64 `json:"seconds"`
	Bootstrap        int     `json:"bootstrap,omitempty"` // replicates, after Bootstrap
	// Shift and Stretch: the final normalisation x → μ0 + Stretch·(x − Shift − μ0).
	Shift   float64 `json:"shift"`
	Stretch float64 `json:"stretch"`
	// Dims is 2 for a two-dimensional fit; Reference2 the states whose
	// mean second-dimension position is positive ("" if none voted).
	Dims       int    `json:"dims,omitempty"`
	Reference2 string `json:"reference2,omitempty"`
}

// Result is a fitted model.
type Result struct {
	Points     []Point  `json:"points"`
	Iterations int      `json:"iterations"`
	Converged  bool     `json:"converged"`
	Delta      float64  `json:"delta"` // largest change of a position in the last iteration
	RollCalls  []Param  `json:"roll_calls"`
	Settings   Settings `json:"settings"`

	opts   Options
	est    *estimate // fitted parameters, oriented
	factor []float64 // per point: the held scale's factor (1 without)
}

// Point returns the point of a state in a year, if any.
func (r *Result) Point(state string, year int) (Point, bool) {
	i := sort.Search(len(r.Points), func(i int) bool {
		p := &r.Points[i]
		return p.State > state || p.State == state && p.Year >= year
	})
	if i < len(r.Points) && r.Points[i].State == state && r.Points[i].Year == year {
		return r.Points[i], true
	}
	return Point{}, false
}

func (o *Options) defaults() {
	if o.EvolutionVar == 0 {
		o.EvolutionVar = 0.1
	}
	if o.PriorVar == 0 {
		o.PriorVar = 1
	}
	if o.BetaPriorVar == 0 {
		o.BetaPriorVar = 25
	}
	if o.CutPriorVar == 0 {
		o.CutPriorVar = 25
	}
	if o.Reference == "" {
		o.Reference = "USA"
	}
	if o.MaxIter == 0 {
		o.MaxIter = 2000
	}
	if o.Tol == 0 {
		o.Tol = 1e-5
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
}

// Fit estimates the ideal points.
func Fit(m *votes.Matrix, o Options) (*Result, error) {
	return FitContext(context.Background(), m, o)
}

// FitContext is Fit that stops when ctx is done: it checks ctx before every
// iteration (a fraction of a second on the full record) and then returns an
// error wrapping ctx.Err() and no result.
func FitContext(ctx context.Context, m *votes.Matrix, o Options) (*Result, error) {
	start := time.Now()
	o.defaults()
	if o.EvolutionVar < 0 || o.PriorVar < 0 || o.BetaPriorVar < 0 || o.CutPriorVar < 0 || o.Tol < 0 {
		return nil, errors.New("ideal: negative variance or tolerance")
	}
	switch o.Dims {
	case 0, 1:
	case 2:
		return fit2(ctx, m, o, start)
	default:
		return nil, errorf("%d dimensions: want 1 or 2", o.Dims)
	}
	l, err := build(m, &o)
	if err != nil {
		return nil, err
	}
	f := newFitter(l, &o, o.Workers)
	f.start()
	iter, conv, delta, err := f.run(ctx, o.MaxIter, o.Tol, o.Plain, o.Progress)
	if err != nil {
		return nil, err
	}
	r := &Result{Iterations: iter, Converged: conv, Delta: delta, opts: o}
	r.Settings = Settings{
		Dynamic: o.Dynamic, EvolutionVar: o.EvolutionVar, PriorMean: o.PriorMean, PriorVar: o.PriorVar,
		BetaPriorVar: o.BetaPriorVar, CutPriorVar: o.CutPriorVar, Reference: o.Reference, Bridge: o.Bridge, Chain: o.Chain,
		MaxIter: o.MaxIter, Tol: o.Tol, Workers: o.Workers,
		RollCalls: l.nRollCalls, Dropped: l.dropped, Groups: l.nGroups(),
		BridgedRollCalls: l.bridgedRC, BridgedGroups: l.bridgedGroups, Votes: len(l.obsSY),
		States: l.nStates, StateYears: len(l.points), EntrantPrior: f.entrant,
	}
	var gain []float64
	if o.Dynamic {
		gain = f.gains()
	}
	if !o.NoNormalize {
		r.Settings.Shift, r.Settings.Stretch = f.normalize()
	}
	if f.estimateW {
		r.Settings.EvolutionVar, r.Settings.EstimatedEvolution = f.w, true
		r.opts.EvolutionVar = f.w // the bootstrap's refits start from it
	}
	flipped, ok := f.orient()
	r.Settings.Flipped = flipped
	if !ok {
		r.Settings.Reference = ""
	}
	av := f.augVar()
	r.est = f.snapshot()
	var ys map[int]YearScale
	if o.Dynamic && o.HoldScale {
		ys = f.yearScales(m)
	}
	r.Points = make([]Point, len(l.points))
	r.factor = make([]float64, len(l.points))
	for i, p := range l.points {
		k := 1.0
		if y, ok := ys[p.year]; ok {
			k = y.Factor
		}
		r.factor[i] = k
		x, s := f.mu0+k*(f.m[p.sy]-f.mu0), k*math.Sqrt(f.v[p.sy])
		r.Points[i] = Point{State: l.codes[p.state], Year: p.year, X: x, SE: s,
			Lo: x - z975*s, Hi: x + z975*s, VarSD: k * math.Sqrt(av[p.sy]), N: p.n}
	}
	if o.Dynamic {
		f.correlations(r.Points, gain)
	}
	for y := range ys {
		r.Settings.YearScale = append(r.Settings.YearScale, ys[y])
	}
	sort.Slice(r.Settings.YearScale, func(i, j int) bool { return r.Settings.YearScale[i].Year < r.Settings.YearScale[j].Year })
	r.RollCalls = make([]Param, l.nGroups())
	for g := range r.RollCalls {
		r.RollCalls[g] = Param{RollCalls: l.groupRC[g], Key: l.groupKey[g], Beta: f.beta[g],
			Cut1: f.c1[g], Cut2: f.c2[g], N: int(l.groupOff[g+1] - l.groupOff[g])}
	}
	r.Settings.Seconds = time.Since(start).Seconds()
	return r, nil
}

const z975 = 1.959963984540054

func (l *layout) nGroups() int { return len(l.groupOff) - 1 }

func errorf(format string, a ...any) error { return fmt.Errorf("ideal: "+format, a...) }
