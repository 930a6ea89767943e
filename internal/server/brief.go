package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/blocwatch/blocwatch/internal/blocs"
	"github.com/blocwatch/blocwatch/internal/brief"
	"github.com/blocwatch/blocwatch/internal/record"
)

// briefPage serves /brief?a=PRK&b=RUS[&from=&to=&baseline=YEAR-YEAR]: the
// printable evidence brief on two sides, the same page as
// `blocwatch brief A B --format html` (format=json: its JSON).
func (s *Server) briefPage(w http.ResponseWriter, r *http.Request) {
	sn := s.snap.Load()
	st := s.store()
	if !sn.ready() || st == nil {
		s.errorPage(w, r, http.StatusServiceUnavailable, "No data loaded yet: "+s.noDataHelp())
		return
	}
	fail := func(status int, msg string) { s.errorPage(w, r, status, msg) }
	q, err := ParseQuery(r.URL.Query())
	if err != nil {
		status, body := s.statusOf(err)
		fail(status, body.Error)
		return
	}
	reg := s.reg
	var sides [2]brief.Side
	for i, p := range []string{"a", "b"} {
		v := strings.TrimSpace(r.URL.Query().Get(p))
		if v == "" {
			fail(http.StatusBadRequest, "The parameter \""+p+"\" is missing: give two states or groups, as in /brief?a=PRK&b=RUS.")
			return
		}
		if sides[i], err = brief.ParseSide(reg, sn.m, v, nil); err != nil {
			fail(http.StatusBadRequest, "The parameter \""+p+"\" is not right: "+err.Error()+".")
			return
		}
	}
	mask := sn.mask(record.GA, 0, "", "")
	last := sn.cov.LatestComplete(record.GA)
	if last == 0 {
		last = brief.LastCompleteYear(sn.m, mask)
	}
	period, base, err := brief.Windows(last, q.From, q.To, r.URL.Query().Get("baseline"))
	if err != nil {
		fail(http.StatusBadRequest, "The period is not right: "+err.Error()+".")
		return
	}
	ctx := r.Context()
	in := brief.PairInput{M: sn.m, Mask: mask, Universe: "General Assembly roll calls on whole resolutions", A: sides[0], B: sides[1],
		Partial: func(from, to string) bool { return sn.cov.Partial(record.GA, from, to) },
		Coverage: func(from, to string) []string {
			return []string{sn.cov.Through(record.GA) + " (/api/v1/coverage)."}
		},
		Period: period, Baseline: base, Presets: blocs.Presets, CommandPrefix: "blocwatch",
		Groups: func(code string) (blocs.Camp, bool) {
			g, err := reg.Group(code)
			if err != nil {
				return blocs.Camp{}, false
			}
			return blocs.Camp{Name: g.Code, MembersOn: g.MembersOn}, true
		},
	}
	if in.Events, err = st.Events(ctx); err != nil {
		fail(http.StatusInternalServerError, err.Error())
		return
	}
	if in.Vetoes, err = st.Vetoes(ctx); err != nil {
		fail(http.StatusInternalServerError, err.Error())
		return
	}
	if _, pts, err := st.Fit(ctx, "default"); err == nil {
		in.Ideal, in.IdealFit = pts, "default"
	}
	p, err := brief.BuildPair(in)
	if err != nil {
		fail(http.StatusNotFound, err.Error())
		return
	}
	var buf bytes.Buffer
	if r.URL.Query().Get("format") == "json" {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		err = json.NewEncoder(&buf).Encode(p)
	} else {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		err = p.HTML(&buf)
	}
	if err != nil {
		fail(http.StatusInternalServerError, err.Error())
		return
	}
	w.Write(buf.Bytes())
}
