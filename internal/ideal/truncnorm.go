package ideal

import "math"

const (
	invSqrt2Pi  = 0.39894228040143267794 // 1/√(2π)
	sqrt2OverPi = 0.79788456080286535588 // √(2/π)
)

// Coefficients of W. J. Cody's rational Chebyshev approximations of the
// error function ("Rational Chebyshev approximations for the error
// function", Math. Comp. 23, 1969, 631–637), as in his CALERF.
var (
	codyA = [5]float64{3.1611237438705656, 113.864154151050156, 377.485237685302021, 3209.37758913846947, .185777706184603153}
	codyB = [4]float64{23.6012909523441209, 244.024637934444173, 1282.61652607737228, 2844.23683343917062}
	codyC = [9]float64{.564188496988670089, 8.88314979438837594, 66.1191906371416295, 298.635138197400131,
		881.95222124176909, 1712.04761263407058, 2051.07837782607147, 1230.33935479799725, 2.15311535474403846e-8}
	codyD = [8]float64{15.7449261107098347, 117.693950891312499, 537.181101862009858, 1621.38957456669019,
		3290.79923573345963, 4362.61909014324716, 3439.36767414372164, 1230.33935480374942}
	codyP = [6]float64{.305326634961232344, .360344899949804439, .125781726111229246, .0160837851487422766,
		6.58749161529837803e-4, .0163153871373020978}
	codyQ = [5]float64{2.56852019228982242, 1.87295284992346047, .527905102951428412, .0605183413124413191,
		.00233520497626869185}
)

// erfcxPos returns exp(x²)·erfc(x) for x ≥ 0.4688 without computing an
// exponential; erfSmall returns erf(x) for |x| ≤ 0.46875.
func erfcxPos(x float64) float64 {
	if x <= 4 {
		num, den := codyC[8]*x, x
		for i := 0; i < 7; i++ {
			num = (num + codyC[i]) * x
			den = (den + codyD[i]) * x
		}
		return (num + codyC[7]) / (den + codyD[7])
	}
	y := 1 / (x * x)
	num, den := codyP[5]*y, y
	for i := 0; i < 4; i++ {
		num = (num + codyP[i]) * y
		den = (den + codyQ[i]) * y
	}
	r := y * (num + codyP[4]) / (den + codyQ[4])
	return (1/math.SqrtPi - r) / x
}

func erfSmall(x float64) float64 {
	y := x * x
	num, den := codyA[4]*y, y
	for i := 0; i < 3; i++ {
		num = (num + codyA[i]) * y
		den = (den + codyB[i]) * y
	}
	return x * (num + codyA[3]) / (den + codyB[3])
}

const codyThresh = 0.46875

// erfcx returns the scaled complementary error function exp(x²)·erfc(x).
func erfcx(x float64) float64 {
	switch {
	case x > codyThresh:
		return erfcxPos(x)
	case x >= -codyThresh:
		return math.Exp(x*x) * (1 - erfSmall(x))
	case x < -26.6:
		return math.Inf(1)
	}
	return 2*math.Exp(x*x) - erfcxPos(-x)
}

// The hazard on [hazLo, hazHi] is interpolated (cubic Hermite, with the
// exact derivative h' = h·(h − t)) from a table at spacing 1/hazScale:
// error below 1e-9·max(1, h), several times faster than hazardExact.
const (
	hazLo, hazHi = -8.0, 8.0
	hazScale     = 64.0
)

var hazTab = func() []float64 {
	n := int((hazHi-hazLo)*hazScale) + 2
	tab := make([]float64, 2*n)
	for i := 0; i < n; i++ {
		t := hazLo + float64(i)/hazScale
		h := hazardExact(t)
		tab[2*i], tab[2*i+1] = h, h*(h-t)/hazScale // derivative per cell
	}
	return tab
}()

// hazard returns φ(t)/(1−Φ(t)), the inverse Mills ratio of the upper tail.
func hazard(t float64) float64 {
	if t >= hazLo && t < hazHi {
		u := (t - hazLo) * hazScale
		i := int(u)
		s := u - float64(i)
		tab := hazTab[2*i : 2*i+4]
		h0, d0, h1, d1 := tab[0], tab[1], tab[2], tab[3]
		// Cubic Hermite on [0, 1].
		s2 := s * s
		return h0 + s*d0 + s2*(3*(h1-h0)-2*d0-d1) + s2*s*(2*(h0-h1)+d0+d1)
	}
	if t < hazLo {
		// φ(t)/(1−Φ(t)) = φ(t)·(1 + O(1e-15)) < 5.1e-15: a vote this certain
		// adds nothing a float64 sum of others would keep.
		if t < -8.5 {
			return 0
		}
		return phi(t)
	}
	return sqrt2OverPi / erfcxPos(t/math.Sqrt2)
}

// hazardExact returns φ(t)/(1−Φ(t)) to full precision, without underflow
// for large t and with at most one exponential.
func hazardExact(t float64) float64 {
	x := t / math.Sqrt2
	switch {
	case x > codyThresh:
		return sqrt2OverPi / erfcxPos(x)
	case x >= -codyThresh:
		e := math.Exp(-x * x)
		return sqrt2OverPi * e / (1 - erfSmall(x))
	case x < -27:
		return 0
	}
	// t < 0: 1−Φ(t) = 1 − ½·e·erfcx(−x) with e = exp(−t²/2).
	e := math.Exp(-x * x)
	return invSqrt2Pi * e / (1 - 0.5*e*erfcxPos(-x))
}

func phi(t float64) float64 { return invSqrt2Pi * math.Exp(-0.5*t*t) }

// bounds returns A = φ(l)/Z and B = φ(u)/Z for the standard normal on
// (l, u), Z = Φ(u) − Φ(l); l may be −Inf and u +Inf (the matching term is
// then 0). They give the derivatives of log Z: ∂/∂l = −A, ∂/∂u = B,
// ∂²/∂l² = lA − A², ∂²/∂u² = −uB − B², ∂²/∂l∂u = AB; and the moments of the
// truncated normal: mean A − B, variance 1 + lA − uB − (A − B)².
func bounds(l, u float64) (A, B float64) {
	switch {
	case math.IsInf(u, 1):
		if math.IsInf(l, -1) {
			return 0, 0
		}
		return hazard(l), 0
	case math.IsInf(l, -1):
		return 0, hazard(-u)
	case l >= 0:
		return boundsUpper(l, u)
	case u <= 0:
		b, a := boundsUpper(-u, -l)
		return a, b
	}
	// l < 0 < u: Z is not small unless the interval is.
	if u-l < 1e-7 {
		return sliver(l, u)
	}
	z := 0.5 * (math.Erf(u/math.Sqrt2) - math.Erf(l/math.Sqrt2))
	return phi(l) / z, phi(u) / z
}

// boundsUpper handles 0 ≤ l < u < ∞, both possibly far in the upper tail,
// by dividing through by the tail mass 1−Φ(l).
func boundsUpper(l, u float64) (A, B float64) {
	rl := hazard(l)
	w := u - l
	if w*math.Max(1, rl) < 1e-7 {
		return sliver(l, u)
	}
	e := math.Exp(-0.5 * w * (l + u)) // φ(u)/φ(l)
	den := 1 - e*rl/hazard(u)         // Z/(1−Φ(l))
	return rl / den, rl * e / den
}

// sliver: Z ≈ (u−l)·φ(mid) on a very short interval.
func sliver(l, u float64) (A, B float64) {
	w, mid := u-l, 0.5*(l+u)
	return math.Exp(0.25*w*(l+mid)) / w, math.Exp(-0.25*w*(u+mid)) / w
}

// truncStd returns d1 = A − B and d2 = lA − uB (see bounds): the truncated
// standard normal on (l, u) has mean d1 and variance 1 + d2 − d1².
func truncStd(l, u float64) (d1, d2 float64) {
	A, B := bounds(l, u)
	if A != 0 {
		d2 = l * A
	}
	if B != 0 {
		d2 -= u * B
	}
	return A - B, d2
}

// truncMoments returns the mean and variance of N(mu, s²) truncated to
// (lo, hi).
func truncMoments(mu, s, lo, hi float64) (mean, variance float64) {
	d1, d2 := truncStd((lo-mu)/s, (hi-mu)/s)
	v := 1 + d2 - d1*d1
	if v < 0 {
		v = 0
	}
	return mu + s*d1, s * s * v
}
