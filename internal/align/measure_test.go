package align

import (
	"math"
	"strings"
	"testing"
)

// table builds Counts from the nine cells in the order YY YN YA NY NN NA AY AN AA.
func table(c ...int32) Counts {
	return Counts{{c[0], c[1], c[2]}, {c[3], c[4], c[5]}, {c[6], c[7], c[8]}}
}

func TestMeasures(t *testing.T) {
	na := Value{}
	v := func(x float64) Value { return Value{X: x, Defined: true} }
	tests := []struct {
		name string
		c    Counts
		// agree, agree-half, coincidence, s, kappa, pi, kappa-w, pi-w
		want [numMetrics]Value
	}{
		{
			// A\B  Y N A
			//  Y   4 1 1    rows A: Y 6, N 2, A 2
			//  N   0 2 0    cols B: Y 5, N 3, A 2
			//  A   1 0 1    n = 10
			// agree      = (4+2+1)/10 = 0.7
			// agree-half = (7 + ½(YA 1 + AY 1 + NA 0 + AN 0))/10 = 0.8
			// coincid.   = (YY 4 + NN 2)/(6 + YN 1 + NY 0) = 6/7
			// s          : distances YN 2, YA 1, AY 1: sum 4, d = 0.4,
			//              S = 1 - 2·0.4/2 = 0.6 = (same 7 - opposite 1)/10
			// kappa      : pe = (6·5 + 2·3 + 2·2)/100 = 0.4,
			//              (0.7-0.4)/(1-0.4) = 0.5
			// pi         : pooled Y 11, N 5, A 4 of 20:
			//              pe = (121+25+16)/400 = 0.405,
			//              (0.7-0.405)/0.595 = 59/119
			// kappa-w    : Do = 4/10; De = (6·3·2 + 6·2·1 + 2·5·2 + 2·2·1 +
			//              2·5·1 + 2·3·1)/100 = 88/100; 1 - 0.4/0.88 = 6/11
			// pi-w       : De = (2·11·5·2 + 2·11·4·1 + 2·5·4·1)/400 = 348/400;
			//              1 - 0.4/0.87 = 47/87
			name: "mixed",
			c:    table(4, 1, 1, 0, 2, 0, 1, 0, 1),
			want: [numMetrics]Value{v(0.7), v(0.8), v(6.0 / 7), v(0.6), v(0.5), v(59.0 / 119), v(6.0 / 11), v(47.0 / 87)},
		},
		{
			name: "empty",
			c:    Counts{},
			want: [numMetrics]Value{na, na, na, na, na, na, na, na},
		},
		{
			// 5 × yes-yes: every raw measure 1; expected agreement 1
			// (and expected distance 0), so the chance-corrected ones are
			// undefined.
			name: "all yes",
			c:    table(5, 0, 0, 0, 0, 0, 0, 0, 0),
			want: [numMetrics]Value{v(1), v(1), v(1), v(1), na, na, na, na},
		},
		{
			// YA 3, AY 1, n = 4: no identical votes, no yes/no pairs
			// agree 0; agree-half ½·4/4 = 0.5; coincidence undefined (0/0);
			// S = 1 - 2·(4/4)/2 = 0
			// kappa: rows Y 3, A 1; cols Y 1, A 3: pe = (3·1 + 1·3)/16 = 0.375,
			//        (0-0.375)/0.625 = -0.6
			// pi: pooled Y 4, A 4 of 8: pe = 0.5, (0-0.5)/0.5 = -1
			// kappa-w: Do = 1; De = (3·3·1 + 1·1·1)/16 = 10/16; 1 - 1.6 = -0.6
			// pi-w: De = 2·4·4·1/64 = 0.5; 1 - 1/0.5 = -1
			name: "yes against abstain",
			c:    table(0, 0, 3, 0, 0, 0, 1, 0, 0),
			want: [numMetrics]Value{v(0), v(0.5), na, v(0), v(-0.6), v(-1), v(-0.6), v(-1)},
		},
		{
			// YN 2, NY 2: always opposite.
			// S = 1 - 2·2/2 = -1; kappa: pe = (2·2 + 2·2)/16 = 0.5, -0.5/0.5 = -1
			// kappa-w: Do = 2, De = (2·2·2 + 2·2·2)/16 = 1, 1 - 2 = -1
			name: "opposite",
			c:    table(0, 2, 0, 2, 0, 0, 0, 0, 0),
			want: [numMetrics]Value{v(0), v(0), v(0), v(-1), v(-1), v(-1), v(-1), v(-1)},
		},
		{
			// A always abstains, B votes yes 2, no 2: kappa's pe = 0 (A's
			// only value is one B never casts) so kappa = po = 0; pi: pooled
			// Y 2, N 2, A 4 of 8: pe = (4+4+16)/64 = 0.375, -0.375/0.625 = -0.6
			// kappa-w: Do = 1, De = (4·2·1 + 4·2·1)/16 = 1, 0
			// pi-w: De = (2·2·2·2 + 2·2·4·1 + 2·2·4·1)/64 = 48/64, 1 - 4/3
			name: "abstainer",
			c:    table(0, 0, 0, 0, 0, 0, 2, 2, 0),
			want: [numMetrics]Value{v(0), v(0.5), na, v(0), v(0), v(-0.6), v(0), v(-1.0 / 3)},
		},
	}
	for _, tt := range tests {
		// Without absences coincidence-absent-half is agree-half;
		// statedept needs a window (TestStateDept).
		tt.want[CoincidenceAbsentHalf] = tt.want[AgreeHalf]
		tt.want[StateDept] = na
		for _, m := range Metrics() {
			got := tt.c.Measure(m)
			w := tt.want[m]
			if got.Defined != w.Defined || math.Abs(got.X-w.X) > 1e-15 {
				t.Errorf("%s: %s = %v, want %v", tt.name, m, got, w)
			}
		}
		if h, s := tt.c.AgreeHalf(), tt.c.S(); h.Defined && math.Abs(h.X-(s.X+1)/2) > 1e-15 {
			t.Errorf("%s: agree-half %v != (S+1)/2 = %v", tt.name, h, (s.X+1)/2)
		}
	}
}

func TestWeightedNominal(t *testing.T) {
	// With every distance 1 the weighted kappa is Cohen's kappa; check the
	// identity on the mixed table by recomputing with nominal weights.
	c := table(4, 1, 1, 0, 2, 0, 1, 0, 1)
	ra, rb := c.margins()
	obs, exp := 0, 0
	for x := range nCast {
		for y := range nCast {
			if x != y {
				obs += int(c[x][y])
				exp += ra[x] * rb[y]
			}
		}
	}
	if k := weighted(c.N()*obs, exp); math.Abs(k.X-c.Kappa().X) > 1e-15 {
		t.Errorf("nominal weighted kappa %v, kappa %v", k, c.Kappa())
	}
}

func TestValueString(t *testing.T) {
	if s := (Value{}).String(); s != "NA" {
		t.Errorf("undefined prints %q", s)
	}
	if s := (Value{X: 0.25, Defined: true}).String(); s != "0.25" {
		t.Errorf("0.25 prints %q", s)
	}
}

func TestParseMetrics(t *testing.T) {
	ms, err := ParseMetrics("agree, Kappa,agree")
	if err != nil || len(ms) != 2 || ms[0] != Agree || ms[1] != Kappa {
		t.Fatalf("ParseMetrics = %v, %v", ms, err)
	}
	for _, m := range Metrics() {
		if p, err := ParseMetric(m.String()); err != nil || p != m {
			t.Errorf("round trip %v: %v, %v", m, p, err)
		}
	}
	_, err = ParseMetrics("agree,cosine")
	if err == nil || !strings.Contains(err.Error(), `"cosine"`) || !strings.Contains(err.Error(), "agree, agree-half, coincidence, s, kappa, pi, kappa-w, pi-w, coincidence-absent-half, statedept") {
		t.Errorf("unknown metric error: %v", err)
	}
}
