package server

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"time"

	"github.com/blocwatch/blocwatch/internal/ideal"
	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/votes"
)

// The states of an ideal-point fit.
const (
	idealOff     = "off"     // not fitted: no data, or fitting is turned off
	idealFitting = "fitting" // a fit is running
	idealReady   = "ready"
	idealFailed  = "failed"
)

// idealState is the ideal-point fit of one snapshot.
type idealState struct {
	Status  string    `json:"status"`
	Note    string    `json:"note,omitempty"` // why it is off or failed
	Started time.Time `json:"started,omitzero"`
	Done    time.Time `json:"done,omitzero"`
	Cached  bool      `json:"cached,omitempty"` // read from the cache file

	Iterations int  `json:"iterations,omitempty"`
	Converged  bool `json:"converged,omitempty"`

	byState map[string][]ideal.Point // each state's points by year
	byYear  map[int][]ideal.Point
}

// point returns a state's point in a year.
func (st *idealState) point(state string, year int) (ideal.Point, bool) {
	for _, p := range st.byState[state] {
		if p.Year == year {
			return p, true
		}
	}
	return ideal.Point{}, false
}

// message says, for a page, why there are no ideal points.
func (st *idealState) message() string {
	switch st.Status {
	case idealFitting:
		return fmt.Sprintf("Ideal points are not fitted yet: the fit started at %s and takes a few minutes on the full record. Reload the page later.", st.Started.Format("15:04:05"))
	case idealFailed:
		return "Ideal points could not be fitted: " + st.Note
	case idealOff:
		if st.Note != "" && st.Note != "no data" {
			return "Ideal points are not fitted: " + st.Note
		}
		return "Ideal points are not fitted yet."
	}
	return ""
}

// idealOptions are the options of the server's fit: the dynamic, bridged
// model of package ideal on the General Assembly's roll calls, with the
// Russian Federation continuing the USSR's path.
func idealOptions(m *votes.Matrix, workers int) ideal.Options {
	o := ideal.DefaultOptions()
	o.Mask = m.Select(votes.Filter{Body: record.GA})
	o.Chain = map[string]string{"SUN": "RUS"}
	o.Workers = workers
	return o
}

// idealCacheFile is the fit cache for one store and data version.
type idealCacheFile struct {
	Key        string        `json:"key"`
	Version    int           `json:"version"`
	Iterations int           `json:"iterations"`
	Converged  bool          `json:"converged"`
	Points     []ideal.Point `json:"points"`
}

// idealCacheFormat changes when the server's fit options change, so that an
// older cache is not read.
const idealCacheFormat = "ideal-v2-ga-dynamic-bridge-chain-SUN-RUS-held-scale"

func (s *Server) idealCachePath(version int) (path, key string) {
	if s.cfg.IdealCache == "" {
		return "", ""
	}
	abs, err := filepath.Abs(s.cfg.DBPath)
	if err != nil {
		abs = s.cfg.DBPath
	}
	sum := sha256.Sum256([]byte(abs + "\x00" + idealCacheFormat))
	key = hex.EncodeToString(sum[:8])
	return filepath.Join(s.cfg.IdealCache, fmt.Sprintf("ideal-%s-v%d.json", key, version)), key
}

// fitIdeal fits the ideal points of sn in the background, or takes them
// from the store's "default" fit or the cache file of the same data version,
// and stores the result in sn.ideal. It returns at once.
func (s *Server) fitIdeal(ctx context.Context, sn *snapshot) {
	if !sn.ready() {
		return
	}
	if !s.cfg.FitIdeal {
		sn.ideal.Store(&idealState{Status: idealOff, Note: "fitting is turned off (blocwatch serve --ideal=false)"})
		return
	}
	started := time.Now()
	sn.ideal.Store(&idealState{Status: idealFitting, Started: started})
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		st := s.runFit(ctx, sn, started)
		sn.ideal.Store(st)
		if st.Status == idealReady {
			s.log.Info("ideal points ready", "version", sn.version, "points", countPoints(st), "iterations", st.Iterations, "converged", st.Converged, "cached", st.Cached, "seconds", st.Done.Sub(st.Started).Seconds())
		} else {
			s.log.Warn("ideal points not fitted", "version", sn.version, "status", st.Status, "note", st.Note)
		}
	}()
}

func countPoints(st *idealState) int {
	n := 0
	for _, ps := range st.byState {
		n += len(ps)
	}
	return n
}

func (s *Server) runFit(ctx context.Context, sn *snapshot, started time.Time) *idealState {
	// The fit `blocwatch ideal fit` stored for this data version comes first.
	if st := s.store(); st != nil {
		if f, pts, err := st.Fit(ctx, "default"); err == nil && f.DataVersion == sn.version && len(pts) > 0 {
			points := make([]ideal.Point, len(pts))
			for i, p := range pts {
				points[i] = ideal.Point{State: p.State, Year: p.Year, X: p.X, SE: p.SE, Lo: p.X - 1.96*p.SE, Hi: p.X + 1.96*p.SE, N: p.N}
			}
			st := newIdealState(points, f.Iterations, f.Converged)
			st.Started, st.Done, st.Cached = started, time.Now(), true
			return st
		}
	}
	path, key := s.idealCachePath(sn.version)
	if path != "" {
		if f, err := readIdealCache(path, key, sn.version); err == nil {
			st := newIdealState(f.Points, f.Iterations, f.Converged)
			st.Started, st.Done, st.Cached = started, time.Now(), true
			return st
		}
	}
	workers := max(1, runtime.GOMAXPROCS(0)/2) // leave cores to the requests
	o := idealOptions(sn.m, workers)
	res, err := ideal.FitContext(ctx, sn.m, o)
	if err != nil {
		if ctx.Err() != nil {
			return &idealState{Status: idealOff, Note: "the fit was stopped", Started: started}
		}
		return &idealState{Status: idealFailed, Note: err.Error(), Started: started, Done: time.Now()}
	}
	st := newIdealState(res.Points, res.Iterations, res.Converged)
	st.Started, st.Done = started, time.Now()
	if path != "" {
		f := idealCacheFile{Key: key, Version: sn.version, Iterations: res.Iterations, Converged: res.Converged, Points: res.Points}
		if err := writeIdealCache(path, &f); err != nil {
			s.log.Warn("ideal points: cannot write the cache", "err", err)
		}
	}
	return st
}

func newIdealState(points []ideal.Point, iters int, conv bool) *idealState {
	st := &idealState{Status: idealReady, Iterations: iters, Converged: conv,
		byState: map[string][]ideal.Point{}, byYear: map[int][]ideal.Point{}}
	for _, p := range points {
		st.byState[p.State] = append(st.byState[p.State], p)
		st.byYear[p.Year] = append(st.byYear[p.Year], p)
	}
	for _, ps := range st.byState {
		sort.Slice(ps, func(i, j int) bool { return ps[i].Year < ps[j].Year })
	}
	return st
}

func readIdealCache(path, key string, version int) (*idealCacheFile, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var f idealCacheFile
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if f.Key != key || f.Version != version || len(f.Points) == 0 {
		return nil, fmt.Errorf("%s: for another store or version", path)
	}
	return &f, nil
}

func writeIdealCache(path string, f *idealCacheFile) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	b, err := json.Marshal(f)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".ideal-*.json")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}
