package server

import (
	"context"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/blocwatch/blocwatch/internal/registry"
	"github.com/blocwatch/blocwatch/internal/store"
)

const testdata = "../store/testdata"

// fixtureStates are the states of the synthetic roll calls, with a
// position from −1 (east) to 1 (west) that drives their votes.
var fixtureStates = []struct {
	code string
	x    float64
}{
	{"USA", 1}, {"JPN", 0.8}, {"KOR", 0.8}, {"GBR", 0.9}, {"FRA", 0.7}, {"CAN", 0.85}, {"AUS", 0.8}, {"DEU", 0.75},
	{"IND", 0}, {"BRA", 0.1}, {"ZAF", -0.1}, {"EGY", -0.2}, {"IDN", -0.15}, {"MEX", 0.1},
	{"PRK", -1}, {"CHN", -0.8}, {"RUS", -0.85}, {"CUB", -0.95}, {"IRN", -0.9}, {"SYR", -0.9}, {"VEN", -0.8}, {"BLR", -0.75},
}

// fixtureCSV writes synthetic UN Digital Library rows: eight General
// Assembly roll calls a year from 2015 to 2020 on which the states vote by
// their positions, with titles on the six issues, and two Security Council
// roll calls.
func fixtureCSV(t testing.TB, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "ga_synthetic.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := csv.NewWriter(f)
	w.Write(strings.Split("undl_id,ms_code,ms_name,ms_vote,date,session,resolution,draft,committee_report,meeting,title,agenda_title,subjects,vote_note,total_yes,total_no,total_abstentions,total_non_voting,total_ms,undl_link", ","))
	reg := registry.Default()
	rng := rand.New(rand.NewPCG(1, 2))
	titles := []string{
		"Human rights situation in the Democratic People's Republic of Korea",
		"Nuclear disarmament",
		"Towards a nuclear-weapon-free world",
		"Israeli practices affecting the human rights of the Palestinian people",
		"Economic development and international cooperation",
		"Question of non-self-governing territories",
		"Arms control and disarmament in the regional context",
		"Unilateral economic measures as a means of political coercion",
	}
	id := 900000
	for year := 2015; year <= 2020; year++ {
		for k := range 8 {
			id++
			date := fmt.Sprintf("%d-%02d-%02d", year, 10+k/4, 1+k*3)
			session := year - 1945
			dir := 1.0
			if k%2 == 1 {
				dir = -1
			}
			cut := -0.3 + 0.6*rng.Float64()
			votes := map[string]string{}
			var y, n, a, x int
			for _, s := range fixtureStates {
				v := "Y"
				z := dir*s.x - cut + 0.35*rng.NormFloat64()
				switch {
				case z < -0.25:
					v = "N"
				case z < 0.1:
					v = "A"
				}
				if rng.Float64() < 0.04 {
					v = "X"
				}
				votes[s.code] = v
				switch v {
				case "Y":
					y++
				case "N":
					n++
				case "A":
					a++
				default:
					x++
				}
			}
			res := fmt.Sprintf("A/RES/%d/%d", session, 100+k)
			for _, s := range fixtureStates {
				name := strings.ToUpper(reg.State(s.code).Name)
				w.Write([]string{fmt.Sprint(id), s.code, name, votes[s.code], date, fmt.Sprint(session), res, "", "", "",
					titles[k] + " : resolution / adopted by the General Assembly", "", "", "",
					fmt.Sprintf("%d.0", y), fmt.Sprintf("%d.0", n), fmt.Sprintf("%d.0", a), fmt.Sprintf("%d.0", x), fmt.Sprintf("%d.0", len(fixtureStates)),
					fmt.Sprintf("https://digitallibrary.un.org/record/%d", id)})
			}
		}
	}
	// Two Security Council roll calls.
	for k, date := range []string{"2017-09-11", "2019-12-20"} {
		id++
		res := fmt.Sprintf("S/RES/%d", 2375+k)
		members := []string{"USA", "GBR", "FRA", "CHN", "RUS", "JPN", "EGY"}
		for i, c := range members {
			v := "Y"
			if k == 1 && (c == "CHN" || c == "RUS") {
				v = "A"
			}
			_ = i
			w.Write([]string{fmt.Sprint(id), c, strings.ToUpper(reg.State(c).Name), v, date, "", res, "", "", "",
				"Non-proliferation/Democratic People's Republic of Korea", "", "", "", "", "", "", "", "", ""})
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	return path
}

// fixtureStore builds a store from internal/store/testdata and the
// synthetic roll calls, once per test binary.
var fixtureOnce struct {
	sync.Once
	path string
	err  error
}

func fixtureDB(t testing.TB) string {
	t.Helper()
	fixtureOnce.Do(func() {
		dir, err := os.MkdirTemp("", "blocwatch-server-test-")
		if err != nil {
			fixtureOnce.err = err
			return
		}
		path := filepath.Join(dir, "fixture.db")
		files := []string{filepath.Join(testdata, "ga_small.csv"), filepath.Join(testdata, "unvotes"), fixtureCSV(t, dir)}
		fixtureOnce.path, fixtureOnce.err = ingestFiles(path, files)
	})
	if fixtureOnce.err != nil {
		t.Fatal(fixtureOnce.err)
	}
	return fixtureOnce.path
}

// ingestFiles reads files into a new store at path, as blocwatch ingest does.
func ingestFiles(path string, files []string) (string, error) {
	batches, err := store.Read(files)
	if err != nil {
		return "", err
	}
	st, err := store.Open(path)
	if err != nil {
		return "", err
	}
	defer st.Close()
	if _, err := st.Ingest(context.Background(), batches, registry.Default(), store.IngestOptions{}); err != nil {
		return "", err
	}
	return path, nil
}

// copyDB copies the fixture store, for tests that change it.
func copyDB(t testing.TB, src string) string {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), "copy.db")
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}

// newTestServer returns a loaded server on the fixture store, with ideal
// points fitted.
func newTestServer(t testing.TB, cfg Config) *Server {
	t.Helper()
	if cfg.DBPath == "" {
		cfg.DBPath = fixtureDB(t)
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Load(context.Background()); err != nil {
		t.Fatal(err)
	}
	if cfg.FitIdeal {
		waitIdeal(t, s)
	}
	return s
}

// waitIdeal waits until the ideal points of the current snapshot are no
// longer being fitted.
func waitIdeal(t testing.TB, s *Server) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for s.snap.Load().ideal.Load().Status == idealFitting {
		if time.Now().After(deadline) {
			t.Fatal("ideal points still fitting after 60 s")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// get requests path from h and returns the recorder.
func get(t testing.TB, h http.Handler, path string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(http.MethodGet, path, nil)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// recorder serves r with h.
func recorder(h http.Handler, r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func listenLocal() (net.Listener, error) { return net.Listen("tcp", "127.0.0.1:0") }
