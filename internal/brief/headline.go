package brief

import (
	"fmt"
	"strings"
)

// pct writes a share as a percentage with one decimal.
func pct(x *float64) string {
	if x == nil {
		return "undefined"
	}
	return fmt.Sprintf("%.1f%%", 100**x)
}

func f3(x *float64) string {
	if x == nil {
		return "undefined"
	}
	return fmt.Sprintf("%.3f", *x)
}

func ci(m Measure, f func(*float64) string) string {
	if m.Lo == nil || m.Hi == nil {
		return ""
	}
	return fmt.Sprintf(", 95%% CI %s–%s", f(m.Lo), f(m.Hi))
}

func ordinal(n int) string {
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return fmt.Sprintf("%d%s", n, suffix)
}

// headlines writes the sentences from the numbers: each states only what
// the numbers beside it say.
func (p *Pair) headlines(in PairInput) {
	var hs []Headline
	now, base := p.AgreeNow, p.AgreeBase
	var b strings.Builder
	fmt.Fprintf(&b, "In %s, %s and %s cast the same vote on %d of the %d %s on which both voted (%s%s)",
		p.Period.Label, p.A, p.B, now.Agreed, now.N, in.Universe, pct(now.Value), ci(now, pct))
	if base.N > 0 {
		fmt.Fprintf(&b, ", against %d of %d (%s%s) in %s", base.Agreed, base.N, pct(base.Value), ci(base, pct), p.Baseline.Label)
		if d := p.TestJSON.Diff; d != nil {
			dir := "up"
			if *d < 0 {
				dir = "down"
			}
			if *d == 0 {
				dir = "unchanged at"
			}
			fmt.Fprintf(&b, ": %s %.1f points", dir, 100*abs(*d))
			if p.TestJSON.P != nil {
				verdict := "a change larger than chance variation would readily give"
				if *p.TestJSON.P >= 0.05 {
					verdict = "not distinguishable from chance variation at the 5% level"
				}
				pv := fmt.Sprintf("p = %.3f", *p.TestJSON.P)
				if *p.TestJSON.P < 0.001 {
					pv = "p < 0.001"
				}
				fmt.Fprintf(&b, " (two-proportion z-test z = %.2f, %s: %s)", *p.TestJSON.Z, pv, verdict)
			}
		}
	} else {
		fmt.Fprintf(&b, "; they have no roll call in common in %s", p.Baseline.Label)
	}
	b.WriteString(".")
	hs = append(hs, Headline{b.String(), now.Command})

	if p.KappaNow.Value != nil {
		s := fmt.Sprintf("Corrected for chance (Cohen's kappa), their agreement is %s%s in %s (n = %d)",
			f3(p.KappaNow.Value), ci(p.KappaNow, f3), p.Period.Label, p.KappaNow.N)
		if p.KappaBase.Value != nil {
			s += fmt.Sprintf(", against %s%s in %s (n = %d)", f3(p.KappaBase.Value), ci(p.KappaBase, f3), p.Baseline.Label, p.KappaBase.N)
		}
		hs = append(hs, Headline{s + ".", p.KappaNow.Command})
	}
	for _, r := range p.Ranks {
		if r.Rank == 0 {
			continue
		}
		hs = append(hs, Headline{fmt.Sprintf("Among the %d states that voted with %s in %s, %s is the %s closest by agreement (%s over %d roll calls).",
			r.Among, r.Of, p.Period.Label, r.Partner, ordinal(r.Rank), pct(r.Agree), r.N), r.Command})
	}
	for _, mv := range p.Ideal {
		if mv.From == nil || mv.To == nil {
			continue
		}
		dir := "toward the US side (positive)"
		if *mv.Move < 0 {
			dir = "away from the US side (negative)"
		}
		hs = append(hs, Headline{fmt.Sprintf("On the ideal-point scale, %s stood at %.2f (± %.2f) in %d, against %.2f (± %.2f) in %d: a move of %+.2f, %s.",
			mv.State, *mv.To, 1.96**mv.ToSE, mv.ToYear, *mv.From, 1.96**mv.FromSE, mv.FromYear, *mv.Move, dir), mv.Command})
	}
	p.Headlines = hs
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
