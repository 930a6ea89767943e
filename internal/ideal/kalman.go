package ideal

import "math"

// smoother holds the scratch space of the Kalman filter and
// Rauch–Tung–Striebel smoother of one state's path; one per worker.
type smoother struct {
	mf, vf []float64
}

func (k *smoother) grow(n int) {
	if cap(k.mf) < n {
		k.mf = make([]float64, n)
		k.vf = make([]float64, n)
	}
	k.mf, k.vf = k.mf[:n], k.vf[:n]
}

// smooth computes the posterior of a Gaussian random walk observed in
// information form:
//
//	x_0 ~ N(mu0, v0),  x_t | x_{t−1} ~ N(x_{t−1}, w),
//	log-likelihood of year t = h_t·x_t − ½·P_t·x_t²,
//
// writing the posterior means to m and variances to v (len(P) each). A year
// without observations has P_t = h_t = 0. With w ≤ 0 the path is one point.
func (k *smoother) smooth(P, h []float64, mu0, v0, w float64, m, v []float64) {
	n := len(P)
	k.grow(n)
	mf, vf := k.mf, k.vf
	mp, vp := mu0, v0
	for t := 0; t < n; t++ {
		prec := 1/vp + P[t]
		vf[t] = 1 / prec
		mf[t] = vf[t] * (mp/vp + h[t])
		mp, vp = mf[t], vf[t]+w
	}
	m[n-1], v[n-1] = mf[n-1], vf[n-1]
	for t := n - 2; t >= 0; t-- {
		vp := vf[t] + w
		j := vf[t] / vp
		m[t] = mf[t] + j*(m[t+1]-mf[t])
		v[t] = vf[t] + j*j*(v[t+1]-vp)
	}
}

// lag writes to c the posterior covariances Cov(x_t, x_{t+1}) = J_t·v_{t+1},
// J_t = vf_t/(vf_t + w), of the path last smoothed (v its variances).
func (k *smoother) lag(v []float64, w float64, c []float64) {
	for t := 0; t+1 < len(v); t++ {
		c[t] = k.vf[t] / (k.vf[t] + w) * v[t+1]
	}
}

// sample draws a path from the same Gaussian posterior as smooth (forward
// filter, backward sampling), writing it to x; z supplies standard normal
// draws.
func (k *smoother) sample(P, h []float64, mu0, v0, w float64, x []float64, z func() float64) {
	n := len(P)
	k.grow(n)
	mf, vf := k.mf, k.vf
	mp, vp := mu0, v0
	for t := 0; t < n; t++ {
		vf[t] = 1 / (1/vp + P[t])
		mf[t] = vf[t] * (mp/vp + h[t])
		mp, vp = mf[t], vf[t]+w
	}
	x[n-1] = mf[n-1] + math.Sqrt(vf[n-1])*z()
	for t := n - 2; t >= 0; t-- {
		// x_t | x_{t+1} ~ N(mf + j·(x_{t+1} − mf), vf·w/(vf + w)).
		j := vf[t] / (vf[t] + w)
		x[t] = mf[t] + j*(x[t+1]-mf[t]) + math.Sqrt(vf[t]*w/(vf[t]+w))*z()
	}
}
