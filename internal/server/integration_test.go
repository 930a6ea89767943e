package server

import (
	"encoding/json"
	"github.com/blocwatch/blocwatch/internal/browsertest"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/blocwatch/blocwatch/internal/store/storetest"
)

// TestRealData serves the full record: the UN Digital Library files, the
// unvotes data and the vetoes, as `blocwatch ingest` stores them (a copy of
// the cached store of storetest).
func TestRealData(t *testing.T) {
	db := storetest.Copy(t)
	s := newTestServer(t, Config{DBPath: db})
	h := s.Handler()

	var rc struct {
		ID    int64
		Tally struct{ Yes, No, Abstain int } `json:"tally"`
		Votes []struct{ State, Vote string }
	}
	w := get(t, h, "/api/v1/resolution?symbol=A/RES/ES-11/1")
	if err := json.Unmarshal(w.Body.Bytes(), &rc); err != nil || rc.Tally.Yes != 141 || rc.Tally.No != 5 || rc.Tally.Abstain != 35 {
		t.Fatalf("A/RES/ES-11/1: %d %+v %v", w.Code, rc.Tally, err)
	}
	for _, v := range rc.Votes {
		if v.State == "PRK" && v.Vote != "N" || v.State == "CHN" && v.Vote != "A" || v.State == "USA" && v.Vote != "Y" {
			t.Errorf("A/RES/ES-11/1: %s voted %s", v.State, v.Vote)
		}
	}
	var camps campSeries
	json.Unmarshal(get(t, h, "/api/v1/camps").Body.Bytes(), &camps)
	vals := map[string]float64{}
	for _, r := range camps.Points {
		if r.Year == 2022 && r.Value != nil {
			vals[r.Series] = *r.Value
		}
	}
	if !(vals[seriesWest] > vals[seriesBetween] && vals[seriesEast] > vals[seriesBetween]) {
		t.Errorf("2022: each camp should agree more within itself than with the other: %v", vals)
	}
	var ym yearMatrix
	json.Unmarshal(get(t, h, "/api/v1/years/2022/matrix").Body.Bytes(), &ym)
	pos := map[string]int{}
	for i, st := range ym.States {
		pos[st.State] = i
	}
	if len(ym.States) < 150 || pos["USA"] < len(ym.States)*3/4 || pos["PRK"] > len(ym.States)/4 {
		t.Errorf("2022 matrix: %d states, USA at %d, PRK at %d", len(ym.States), pos["USA"], pos["PRK"])
	}
	for _, p := range []string{"/", "/state/PRK", "/compare?a=KOREA-WEST&b=KOREA-EAST", "/year/2022", "/search?q=Korea&body=SC", "/resolution?symbol=A/RES/ES-11/1"} {
		if w := get(t, h, p); w.Code != 200 {
			t.Errorf("%s: %d", p, w.Code)
		}
	}
	if w := get(t, h, "/api/v1/states/PRK/partners?year=2022"); !strings.Contains(w.Body.String(), `"closest"`) {
		t.Errorf("partners: %s", w.Body)
	}

	t.Run("browser", func(t *testing.T) {
		browsertest.Chromium(t)
		srv := httptest.NewServer(h)
		defer srv.Close()
		checkPages(t, srv.URL, "real", map[string]string{
			"home":       "/",
			"state":      "/state/PRK?year=2022",
			"compare":    "/compare?a=KOREA-WEST&b=KOREA-EAST",
			"resolution": "/resolution?symbol=A/RES/ES-11/1",
			"year":       "/year/2022",
			"search":     "/search?q=Korea&body=SC",
		}, rc.ID)
	})
}
