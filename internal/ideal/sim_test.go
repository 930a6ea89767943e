package ideal

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"sort"
	"testing"
	"time"

	"gonum.org/v1/gonum/stat"

	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/votes"
)

// simConfig describes a simulated record drawn from the model itself.
type simConfig struct {
	states, years, perYear int
	year0                  int
	evolutionVar           float64 // ω² of the true paths
	recurring              float64 // share of roll calls that repeat a yearly item
	nonVote                float64 // share of random non-voting
	issues                 bool    // give roll calls issue codes
	// stationary, if above 0, draws the true paths as AR(1) processes with
	// that yearly autocorrelation ρ and variance 1 instead of random walks,
	// so that the spread of the positions is constant by construction
	// (x_t = ρ·x_{t−1} + √(1−ρ²)·z).
	stationary float64
	// polarise, if its factor ([2]) is not 0, stretches every position by a
	// factor that rises linearly from 1 in year polarise[0] to polarise[2]
	// in year polarise[1] and stays there: a period that pulls the states
	// apart.
	polarise [3]float64
	// rename, if set, gives the code under which a state votes in a year
	// (to split one path between a predecessor and a successor).
	rename func(code string, year int) string
}

var fullSim = simConfig{states: 200, years: 80, perYear: 71, year0: 1946, evolutionVar: 0.1, recurring: 0.3, nonVote: 0.1}

type simTruth struct {
	x        map[string]map[int]float64 // state → year → position
	abstain  float64                    // share of cast votes that are abstentions
	bridged  int                        // roll calls of recurring items
	items    int                        // recurring items
	missing  float64                    // share of member-roll-calls not cast
	rollCall int
	item     map[int64][3]float64 // roll-call ID → beta, c1, c2
}

// polarisation is the stretch of simConfig.polarise in a year.
func polarisation(p [3]float64, year int) float64 {
	y := float64(year)
	switch {
	case y <= p[0]:
		return 1
	case y >= p[1]:
		return p[2]
	}
	return 1 + (p[2]-1)*(y-p[0])/(p[1]-p[0])
}

// letters spells n in lower-case letters, so that titles differ in words
// that survive normalisation.
func letters(n int) string {
	s := ""
	for {
		s = string(rune('a'+n%26)) + s
		n /= 26
		if n == 0 {
			return s
		}
	}
}

func ordinalSuffix(n int) string {
	switch {
	case n%100 >= 11 && n%100 <= 13:
		return "th"
	case n%10 == 1:
		return "st"
	case n%10 == 2:
		return "nd"
	case n%10 == 3:
		return "rd"
	}
	return "th"
}

// simulate draws membership, true paths, roll calls and votes. Membership
// follows the General Assembly's: a quarter of the states from the first
// year, a wave around 1960, a steady trickle, a wave in 1991–93; a few
// states leave in 1990–91.
func simulate(c simConfig, seed uint64) (*votes.Matrix, *simTruth) {
	rng := rand.New(rand.NewPCG(seed, 0x1de4))
	last := c.year0 + c.years - 1
	type st struct {
		code        string
		entry, exit int
		x           []float64 // by year - entry
	}
	sts := make([]st, c.states)
	scaleYear := func(f float64) int { return c.year0 + int(f*float64(c.years-1)) }
	for i := range sts {
		s := &sts[i]
		s.code = fmt.Sprintf("S%03d", i)
		if i == 0 {
			s.code = "USA"
		}
		s.exit = last
		q := float64(i) / float64(c.states)
		switch {
		case q < 0.25:
			s.entry = c.year0
			if i%17 == 5 {
				s.exit = scaleYear(0.56) // leaves around 1990
			}
		case q < 0.45:
			s.entry = scaleYear(0.11 + 0.1*rng.Float64()) // 1955–1962
		case q < 0.75:
			s.entry = scaleYear(0.21 + 0.35*rng.Float64()) // 1963–1990
		case q < 0.88:
			s.entry = scaleYear(0.57 + 0.03*rng.Float64()) // 1991–1993
		default:
			s.entry = scaleYear(0.6 + 0.3*rng.Float64())
		}
		n := s.exit - s.entry + 1
		s.x = make([]float64, n)
		s.x[0] = rng.NormFloat64()
		for t := 1; t < n; t++ {
			if rho := c.stationary; rho > 0 {
				s.x[t] = rho*s.x[t-1] + math.Sqrt(1-rho*rho)*rng.NormFloat64()
				continue
			}
			s.x[t] = s.x[t-1] + math.Sqrt(c.evolutionVar)*rng.NormFloat64()
		}
		if k := c.polarise[2]; k != 0 {
			for t := range s.x {
				s.x[t] *= polarisation(c.polarise, s.entry+t)
			}
		}
	}
	// Express the truth in the gauge the fit reports: first-year positions
	// with mean 0 and mean square 1 (the model is invariant to an affine map
	// of x; the prior fixes it only up to sampling error).
	var m1, m2 float64
	for i := range sts {
		m1 += sts[i].x[0]
	}
	m1 /= float64(len(sts))
	for i := range sts {
		d := sts[i].x[0] - m1
		m2 += d * d
	}
	sc := 1 / math.Sqrt(m2/float64(len(sts)))
	for i := range sts {
		for t := range sts[i].x {
			sts[i].x[t] = (sts[i].x[t] - m1) * sc
		}
	}
	// Orient the truth as the fit does: the reference (USA) positive on
	// average. The model is symmetric, so this is a relabelling.
	mean := 0.0
	for _, x := range sts[0].x {
		mean += x
	}
	if mean < 0 {
		for i := range sts {
			for t := range sts[i].x {
				sts[i].x[t] = -sts[i].x[t]
			}
		}
	}
	type item struct {
		beta, c1, c2 float64
		from, to     int
		title        string
	}
	newItem := func(year int) item {
		beta := 0.6 + 1.2*rng.Float64()
		if c.stationary == 0 {
			beta /= math.Sqrt(1 + float64(c.years)*c.evolutionVar/4)
		}
		if rng.Float64() < 0.5 {
			beta = -beta
		}
		// The cut falls where it splits the members of the year: a share q
		// ~ U(0.02, 0.6) of them lean no.
		var bx []float64
		for i := range sts {
			if s := &sts[i]; year >= s.entry && year <= s.exit {
				bx = append(bx, beta*s.x[year-s.entry])
			}
		}
		sort.Float64s(bx)
		center := bx[int((0.02+0.58*rng.Float64())*float64(len(bx)-1))]
		width := 0.2 + 0.8*rng.Float64()
		return item{beta: beta, c1: center - width/2, c2: center + width/2}
	}
	// Recurring items: each once a year over a span of years.
	var recur []item
	perYearRecur := int(c.recurring * float64(c.perYear))
	active := make([][]int, c.years)
	for y := 0; y < c.years; y++ {
		for len(active[y]) < perYearRecur {
			it := newItem(c.year0 + y)
			it.from = c.year0 + y
			it.to = min(last, it.from+2+rng.IntN(30))
			it.title = "Question of " + letters(len(recur)+1000) + " " + letters(len(recur)*7+3)
			for yy := it.from; yy <= it.to; yy++ {
				active[yy-c.year0] = append(active[yy-c.year0], len(recur))
			}
			recur = append(recur, it)
		}
	}
	b := votes.NewBuilder()
	tr := &simTruth{x: map[string]map[int]float64{}, item: map[int64][3]float64{}}
	for i := range sts {
		s := &sts[i]
		tr.x[s.code] = map[int]float64{}
		for t, x := range s.x {
			tr.x[s.code][s.entry+t] = x
		}
	}
	var cast, abst, members, notCast int
	used := map[int]bool{}
	id := int64(0)
	for y := 0; y < c.years; y++ {
		year := c.year0 + y
		session := year - c.year0 + 1
		for k := 0; k < c.perYear; k++ {
			var it item
			var title string
			if k < len(active[y]) {
				r := active[y][k]
				it = recur[r]
				title = fmt.Sprintf("%s (%d%s session) : resolution / adopted by the General Assembly", it.title, session, ordinalSuffix(session))
				if it.to > it.from {
					tr.bridged++
					used[r] = true
				}
			} else {
				it = newItem(year)
				title = "Matter of " + letters(int(id)+50000) + " : resolution / adopted by the General Assembly"
			}
			id++
			rc := votes.RollCall{ID: id, Body: record.GA, Date: fmt.Sprintf("%d-%02d-%02d", year, 9+k%4, 1+k%28),
				Session: session, Resolution: fmt.Sprintf("A/RES/%d/%d", session, k+1), Title: title}
			if c.issues {
				rc.Issues = record.Issue(1 << (k % 6))
			}
			ri := b.AddRollCall(rc)
			tr.item[id] = [3]float64{it.beta, it.c1, it.c2}
			for i := range sts {
				s := &sts[i]
				if year < s.entry || year > s.exit {
					continue
				}
				members++
				code := s.code
				if c.rename != nil {
					code = c.rename(code, year)
				}
				if rng.Float64() < c.nonVote {
					notCast++
					b.Add(ri, code, record.NonVoting)
					continue
				}
				ys := it.beta*s.x[year-s.entry] + rng.NormFloat64()
				v := record.Yes
				switch {
				case ys < it.c1:
					v = record.No
				case ys < it.c2:
					v = record.Abstain
					abst++
				}
				cast++
				b.Add(ri, code, v)
			}
		}
	}
	tr.items = len(used)
	tr.abstain = float64(abst) / float64(cast)
	tr.missing = float64(notCast) / float64(members)
	tr.rollCall = int(id)
	return b.Build(), tr
}

// recovery compares a fit with the truth.
type recovery struct {
	n         int
	r         float64 // correlation of X with the truth
	icpt      float64 // regression of X on the truth
	slope     float64
	cover     float64 // share of X ± 1.96·SE covering the truth
	aligned   float64 // the same after the affine map of the regression (the gauge)
	coverVar  float64 // share of X ± 1.96·VarSD covering the truth
	coverBoot float64 // share of X ± 1.96·BootSE covering the truth (after Bootstrap)
	drift     float64 // largest deviation of a decade's slope from the overall one
}

func assess(res *Result, tr *simTruth) recovery {
	var est, truth []float64
	for _, p := range res.Points {
		if x, ok := tr.x[p.State][p.Year]; ok {
			est = append(est, p.X)
			truth = append(truth, x)
		}
	}
	rec := recovery{n: len(est), r: stat.Correlation(est, truth, nil)}
	rec.icpt, rec.slope = stat.LinearRegression(truth, est, nil, false)
	var in, al, iv, ib int
	dec := map[int][2][]float64{}
	for _, p := range res.Points {
		x, ok := tr.x[p.State][p.Year]
		if !ok {
			continue
		}
		e := math.Abs(p.X - x)
		if e <= z975*p.SE {
			in++
		}
		if math.Abs((p.X-rec.icpt)/rec.slope-x) <= z975*p.SE/rec.slope {
			al++
		}
		if e <= z975*p.VarSD {
			iv++
		}
		if e <= z975*p.BootSE {
			ib++
		}
		d := dec[p.Year/10]
		d[0], d[1] = append(d[0], p.X), append(d[1], x)
		dec[p.Year/10] = d
	}
	n := float64(rec.n)
	rec.cover, rec.aligned, rec.coverVar, rec.coverBoot = float64(in)/n, float64(al)/n, float64(iv)/n, float64(ib)/n
	for _, d := range dec {
		if len(d[0]) > 20 {
			_, sl := stat.LinearRegression(d[1], d[0], nil, false)
			rec.drift = math.Max(rec.drift, math.Abs(sl-rec.slope))
		}
	}
	return rec
}

func (r recovery) String() string {
	return fmt.Sprintf("n=%d r=%.4f slope=%.3f intercept=%+.3f decade drift=%.3f; 95%% coverage: SE %.3f (after the gauge map %.3f), variational SD %.3f, bootstrap SE %.3f",
		r.n, r.r, r.slope, r.icpt, r.drift, r.cover, r.aligned, r.coverVar, r.coverBoot)
}

// fitSim fits a simulated record with the options of its truth.
func fitSim(t *testing.T, c simConfig, seed uint64, o Options) (*votes.Matrix, *simTruth, *Result) {
	t.Helper()
	m, tr := simulate(c, seed)
	o.EvolutionVar = c.evolutionVar
	res, err := Fit(m, o)
	if err != nil {
		t.Fatal(err)
	}
	s := res.Settings
	t.Logf("%d states, %d roll calls, %d votes (%.1f%% abstentions, %.1f%% not cast); bridged %d roll calls into %d groups (truth: %d into %d); %d iterations, converged %v, %.2fs",
		m.NumStates(), m.NumRollCalls(), s.Votes, 100*tr.abstain, 100*tr.missing, s.BridgedRollCalls, s.BridgedGroups,
		tr.bridged, tr.items, res.Iterations, res.Converged, s.Seconds)
	if !res.Converged {
		t.Errorf("not converged")
	}
	return m, tr, res
}

// TestRecoverySmall: 60 states over 25 years, 40 roll calls a year.
func TestRecoverySmall(t *testing.T) {
	c := simConfig{states: 60, years: 25, perYear: 40, year0: 1990, evolutionVar: 0.1, recurring: 0.3, nonVote: 0.1}
	_, tr, res := fitSim(t, c, 1, DefaultOptions())
	rec := assess(res, tr)
	t.Log(rec)
	if rec.r < 0.97 || rec.aligned < 0.88 || rec.aligned > 0.99 || rec.drift > 0.1 {
		t.Errorf("recovery too weak: %v", rec)
	}
}

// TestRecoveryFull: the size of the General Assembly record, four draws.
func TestRecoveryFull(t *testing.T) {
	if testing.Short() {
		t.Skip("full-size simulation")
	}
	var cover, aligned float64
	seeds := []uint64{7, 1, 2, 3}
	for _, seed := range seeds {
		_, tr, res := fitSim(t, fullSim, seed, DefaultOptions())
		rec := assess(res, tr)
		t.Logf("seed %d: %v", seed, rec)
		cover += rec.cover / float64(len(seeds))
		aligned += rec.aligned / float64(len(seeds))
		if rec.r < 0.98 || rec.cover < 0.85 || rec.aligned < 0.90 || rec.aligned > 0.99 || rec.drift > 0.06 {
			t.Errorf("seed %d: recovery too weak: %v", seed, rec)
		}
		if rec.coverVar > rec.cover-0.05 {
			t.Errorf("seed %d: variational SD not narrower than the SE: %v", seed, rec)
		}
		if d := res.Settings.BridgedRollCalls - tr.bridged; d < 0 || d > 10 {
			t.Errorf("seed %d: bridged %d roll calls, truth %d", seed, res.Settings.BridgedRollCalls, tr.bridged)
		}
	}
	t.Logf("mean 95%% coverage: %.3f, after the gauge map %.3f", cover, aligned)
	if cover < 0.90 || cover > 0.99 {
		t.Errorf("mean coverage %.3f", cover)
	}
}

// TestBootstrap: the bootstrap error SD on a small record, and its
// determinism.
func TestBootstrap(t *testing.T) {
	c := simConfig{states: 60, years: 20, perYear: 40, year0: 1990, evolutionVar: 0.1, recurring: 0.3, nonVote: 0.1}
	m, tr, res := fitSim(t, c, 3, DefaultOptions())
	if err := res.Bootstrap(m, 40, 11); err != nil {
		t.Fatal(err)
	}
	rec := assess(res, tr)
	t.Log(rec)
	var se, bse float64
	for _, p := range res.Points {
		se += p.SE
		bse += p.BootSE
		if p.Lo >= p.X || p.Hi <= p.X {
			t.Fatalf("interval %+v", p)
		}
	}
	t.Logf("mean SE %.3f, mean bootstrap SE %.3f", se/float64(len(res.Points)), bse/float64(len(res.Points)))
	if rec.coverBoot < 0.85 || rec.coverBoot > 0.995 {
		t.Errorf("bootstrap coverage %.3f", rec.coverBoot)
	}
	again, _ := Fit(m, func() Options { o := DefaultOptions(); o.EvolutionVar = c.evolutionVar; return o }())
	if err := again.Bootstrap(m, 40, 11); err != nil {
		t.Fatal(err)
	}
	for i := range res.Points {
		if res.Points[i].BootSE != again.Points[i].BootSE {
			t.Fatalf("bootstrap not deterministic at %+v / %+v", res.Points[i], again.Points[i])
		}
	}
}

// TestStatic: constant positions, one roll-call session per year, a static
// fit of each of two years and of the whole.
func TestStatic(t *testing.T) {
	c := simConfig{states: 120, years: 4, perYear: 80, year0: 2001, evolutionVar: 1e-9, recurring: 0, nonVote: 0.1}
	m, tr := simulate(c, 5)
	for _, year := range []int{2002, 0} {
		o := Options{} // static, no bridging
		if year != 0 {
			o.Mask = m.Select(votes.Filter{From: "2002-01-01", To: "2002-12-31"})
		}
		res, err := Fit(m, o)
		if err != nil {
			t.Fatal(err)
		}
		var est, truth []float64
		for _, p := range res.Points {
			if p.Year != year {
				t.Fatalf("static point year %d, want %d", p.Year, year)
			}
			est = append(est, p.X)
			for y := 2001; y <= 2004; y++ { // constant paths: any year
				if x, ok := tr.x[p.State][y]; ok {
					truth = append(truth, x)
					break
				}
			}
		}
		want := 0
		for _, s := range m.States() {
			k, _ := m.State(s)
			if year == 0 && m.Count(k, 0, nil) > 0 || year != 0 && m.Count(k, 0, o.Mask) > 0 {
				want++
			}
		}
		r := stat.Correlation(est, truth, nil)
		t.Logf("static fit, year %d: %d states, %d roll calls, r=%.4f, %d iterations", year, len(res.Points), res.Settings.RollCalls, r, res.Iterations)
		if len(res.Points) != want || r < 0.97 || !res.Converged {
			t.Errorf("static year %d: %d points, r=%.4f", year, len(res.Points), r)
		}
	}
}

// TestMaskIssue: a fit on the roll calls of one issue only.
func TestMaskIssue(t *testing.T) {
	c := simConfig{states: 80, years: 15, perYear: 60, year0: 2000, evolutionVar: 0.05, recurring: 0.3, nonVote: 0.1, issues: true}
	m, tr := simulate(c, 9)
	o := DefaultOptions()
	o.EvolutionVar = c.evolutionVar
	o.Mask = m.Select(votes.Filter{Issues: record.HumanRights})
	res, err := Fit(m, o)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := res.Settings.RollCalls+res.Settings.Dropped, o.Mask.Len(); got != want {
		t.Errorf("fitted %d roll calls, mask has %d", got, want)
	}
	rec := assess(res, tr)
	t.Logf("human-rights roll calls only (%d): %v", o.Mask.Len(), rec)
	if rec.r < 0.9 {
		t.Errorf("recovery %v", rec)
	}
	o.Mask = m.NewMask()
	if _, err := Fit(m, o); err == nil {
		t.Error("empty mask: want an error")
	}
	o.Mask = make(votes.Mask, 1)
	if _, err := Fit(m, o); err == nil {
		t.Error("short mask: want an error")
	}
}

// TestChain: a state recorded under two codes (before and after 1995) and
// chained is the same fit as the state under one code; unchained, the
// successor's path starts afresh.
func TestChain(t *testing.T) {
	c := simConfig{states: 50, years: 20, perYear: 40, year0: 1985, evolutionVar: 0.1, recurring: 0.3, nonVote: 0.1}
	whole, _ := simulate(c, 21)
	c.rename = func(code string, year int) string {
		if code == "S003" && year >= 1995 {
			return "S003B"
		}
		return code
	}
	split, _ := simulate(c, 21)
	o := DefaultOptions()
	o.EvolutionVar = c.evolutionVar
	o.Tol = 1e-9
	a, err := Fit(whole, o)
	if err != nil {
		t.Fatal(err)
	}
	o.Tol = 1e-9
	o.Chain = map[string]string{"S003": "S003B"}
	b, err := Fit(split, o)
	if err != nil {
		t.Fatal(err)
	}
	for y := 1985; y <= 2004; y++ {
		pa, _ := a.Point("S003", y)
		code := "S003"
		if y >= 1995 {
			code = "S003B"
		}
		pb, ok := b.Point(code, y)
		if !ok || math.Abs(pa.X-pb.X) > 1e-6 || math.Abs(pa.SE-pb.SE) > 1e-6 {
			t.Errorf("%d: one code %.6f±%.6f, chained %s %.6f±%.6f", y, pa.X, pa.SE, code, pb.X, pb.SE)
		}
	}
	o.Chain = nil
	u, err := Fit(split, o)
	if err != nil {
		t.Fatal(err)
	}
	p94, _ := u.Point("S003", 1994)
	p95, _ := u.Point("S003B", 1995)
	c94, _ := b.Point("S003", 1994)
	c95, _ := b.Point("S003B", 1995)
	t.Logf("seam 1994→1995: chained %.3f→%.3f, unchained %.3f→%.3f", c94.X, c95.X, p94.X, p95.X)
	// Two codes voting in the same year cannot be chained.
	o.Chain = map[string]string{"S003": "S004"}
	if _, err := Fit(whole, o); err == nil {
		t.Error("chaining two contemporaries: want an error")
	}
}

// TestBootstrapFull runs the bootstrap at full size (40 refits, about a
// minute); set IDEAL_BOOTSTRAP_FULL=1 to run it.
func TestBootstrapFull(t *testing.T) {
	if os.Getenv("IDEAL_BOOTSTRAP_FULL") == "" {
		t.Skip("set IDEAL_BOOTSTRAP_FULL=1")
	}
	m, tr, res := fitSim(t, fullSim, 7, DefaultOptions())
	start := time.Now()
	if err := res.Bootstrap(m, 40, 1); err != nil {
		t.Fatal(err)
	}
	var se, bse float64
	for _, p := range res.Points {
		se += p.SE / float64(len(res.Points))
		bse += p.BootSE / float64(len(res.Points))
	}
	t.Logf("40 refits in %.1fs; mean SE %.3f, mean bootstrap SE %.3f; %v", time.Since(start).Seconds(), se, bse, assess(res, tr))
}
