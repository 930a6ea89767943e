package server

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/blocwatch/blocwatch/internal/align"
	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/rollcalls"
	"github.com/blocwatch/blocwatch/internal/web"
)

// layout is what every page template gets.
type layout struct {
	Title  string
	Nav    string // the active section
	Notice string // shown on every page while there is no data
	// Coverage says how far the data go ("GA data through 4 Jun 2026, SC
	// data through 27 Jan 2026"), Universe what the figures count.
	Coverage, Universe string
	Version            int
	AppJS              string
	CSS                string
	World              string
	Sides              []option // states and groups, for the inputs' suggestions
	Page               any
}

// option is a choice of a select element.
type option struct {
	Value    string
	Label    string
	Selected bool
}

// page is a rendered page's template and data.
type page struct {
	Template string
	Title    string
	Nav      string
	Data     any
	Status   int // 0 means 200
}

type pageFunc func(r *http.Request, sn *snapshot, q Query) (*page, error)

// page wraps a page handler: it parses the query (400 with the parameter
// named on a bad one), shows how to get data while there is none, and
// renders the template.
//
// A page rendered with status 200 is kept in the snapshot's response cache
// (bounded in bytes), keyed by its address and the state of the ideal-point
// fit, which some pages show: a repeated request costs a look-up.
func (s *Server) page(f pageFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		sn := s.snap.Load()
		key := fmt.Sprintf("page:%s?%s|%p", r.URL.Path, r.URL.RawQuery, sn.ideal.Load())
		if sn.ready() {
			if c, ok := sn.resp.get(key); ok {
				s.writeCached(w, sn, c)
				return
			}
			// A page to make: wait for a slot, then look again (a
			// request for the same page may have made it meanwhile).
			if !s.acquire(r.Context()) {
				s.errorPage(w, r, http.StatusServiceUnavailable, "The server is busy; try again.")
				return
			}
			defer s.release()
			if c, ok := sn.resp.get(key); ok {
				s.writeCached(w, sn, c)
				return
			}
		}
		q, err := ParseQuery(pageQuery(r.URL.Query()))
		if err == nil && !sn.ready() {
			s.render(w, r, sn, &page{Template: "nodata", Title: "No data yet", Status: http.StatusServiceUnavailable})
			return
		}
		var p *page
		if err == nil {
			p, err = f(r, sn, q)
		}
		if err != nil {
			status, body := s.statusOf(err)
			msg := body.Error
			if body.Parameter != "" {
				msg = fmt.Sprintf("The parameter %q is not right: %s.", body.Parameter, body.Error)
			}
			if status >= 500 && status != http.StatusServiceUnavailable {
				s.log.Error("page", "path", r.URL.Path, "query", r.URL.RawQuery, "err", err)
			}
			s.errorPage(w, r, status, msg)
			return
		}
		if sn.ready() && (p.Status == 0 || p.Status == http.StatusOK) {
			if c, err := s.renderCached(sn, p, key); err == nil {
				sn.resp.put(c)
				s.writeCached(w, sn, c)
				return
			}
		}
		s.render(w, r, sn, p)
	}
}

// renderCached renders p into a response for the cache.
func (s *Server) renderCached(sn *snapshot, p *page, key string) (*response, error) {
	t := s.pages[p.Template]
	if t == nil {
		return nil, fmt.Errorf("no template %s", p.Template)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", s.layoutOf(sn, p)); err != nil {
		return nil, err
	}
	c := &response{key: key, ctype: "text/html; charset=utf-8", body: buf.Bytes()}
	c.header = http.Header{
		"Content-Type":   {c.ctype},
		"Cache-Control":  {"no-cache"},
		"X-Data-Version": {strconv.Itoa(sn.version)},
		"Content-Length": {strconv.Itoa(len(c.body))},
	}
	return c, nil
}

// layoutOf is the layout around p.
func (s *Server) layoutOf(sn *snapshot, p *page) layout {
	l := layout{Title: p.Title, Nav: p.Nav, Version: sn.version, AppJS: web.Asset("app.js"), CSS: web.Asset("style.css"),
		World: web.Asset("countries-50m.json"), Sides: s.sideOptions(sn), Page: p.Data}
	if !sn.ready() {
		l.Notice = s.noDataHelp()
	} else {
		l.Coverage = sn.cov.Through("")
		l.Universe = "recorded votes on whole resolutions and drafts, each vote once"
	}
	return l
}

// staticPage wraps a page handler that needs no data.
func (s *Server) staticPage(f pageFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p, err := f(r, s.snap.Load(), Query{})
		if err != nil {
			s.errorPage(w, r, http.StatusInternalServerError, err.Error())
			return
		}
		s.render(w, r, s.snap.Load(), p)
	}
}

// pageQuery joins repeated metrics= values (the page's check boxes) into
// one list.
func pageQuery(v url.Values) url.Values {
	if ms := v["metrics"]; len(ms) > 1 {
		v = cloneValues(v)
		v.Set("metrics", strings.Join(ms, ","))
	}
	return v
}

func cloneValues(v url.Values) url.Values {
	c := url.Values{}
	for k, vs := range v {
		c[k] = append([]string(nil), vs...)
	}
	return c
}

func (s *Server) render(w http.ResponseWriter, r *http.Request, sn *snapshot, p *page) {
	t := s.pages[p.Template]
	if t == nil {
		s.log.Error("no template", "name", p.Template)
		http.Error(w, "no template "+p.Template, http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", s.layoutOf(sn, p)); err != nil {
		s.log.Error("render", "template", p.Template, "err", err)
		http.Error(w, "the page could not be rendered", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Data-Version", strconv.Itoa(sn.version))
	status := p.Status
	if status == 0 {
		status = http.StatusOK
	}
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, status int, msg string) {
	s.render(w, r, s.snap.Load(), &page{Template: "error", Title: http.StatusText(status), Status: status,
		Data: map[string]any{"Status": status, "StatusText": http.StatusText(status), "Message": msg}})
}

// sideOptions lists the states with votes and the groups.
func (s *Server) sideOptions(sn *snapshot) []option {
	return cachedOr(sn, "sideoptions", func() []option {
		var out []option
		for _, g := range s.reg.Groups() {
			out = append(out, option{Value: g.Code, Label: g.Name})
		}
		if sn.m != nil {
			for _, c := range sn.m.States() {
				out = append(out, option{Value: c, Label: s.stateName(c)})
			}
		}
		return out
	})
}

func cachedOr[T any](sn *snapshot, key string, f func() T) T {
	v, _ := cached(sn.cache, key, func() (T, error) { return f(), nil })
	return v
}

// Metric display.
var metricInfo = map[align.Metric]struct {
	Label   string
	Percent bool
}{
	align.Agree:       {"Agreement", true},
	align.AgreeHalf:   {"Agreement, abstentions half", true},
	align.Coincidence: {"Voting coincidence", true},
	align.S:           {"S score", false},
	align.Kappa:       {"Cohen's kappa", false},
	align.Pi:          {"Scott's pi", false},
	align.KappaW:      {"Weighted kappa", false},
	align.PiW:         {"Weighted pi", false},

	align.CoincidenceAbsentHalf: {"Voting coincidence, absences half", true},
	align.StateDept:             {"State Department coincidence, each year's rule", true},
}

func metricLabel(m align.Metric) string { return metricInfo[m].Label }

func metricDomain(m align.Metric) []float64 {
	if metricInfo[m].Percent {
		return []float64{0, 1}
	}
	return []float64{-1, 1}
}

func metricOptions(sel align.Metric) []option {
	var out []option
	for _, m := range align.Metrics() {
		out = append(out, option{Value: m.String(), Label: metricLabel(m), Selected: m == sel})
	}
	return out
}

func bodyOptions(sel record.Body) []option {
	return []option{
		{Value: "GA", Label: "General Assembly", Selected: sel == record.GA},
		{Value: "SC", Label: "Security Council", Selected: sel == record.SC},
		{Value: "all", Label: "Both", Selected: sel == ""},
	}
}

func issueOptions(sel record.Issue) []option {
	out := []option{{Value: "all", Label: "All issues", Selected: sel == 0}}
	for _, c := range record.Issue(0xff).Codes() {
		is, _ := record.ParseIssue(c)
		out = append(out, option{Value: c, Label: record.IssueName(c), Selected: sel == is})
	}
	return out
}

func yearOptions(years []int, sel int) []option {
	out := make([]option, 0, len(years))
	for i := len(years) - 1; i >= 0; i-- {
		y := years[i]
		out = append(out, option{Value: strconv.Itoa(y), Label: strconv.Itoa(y), Selected: y == sel})
	}
	return out
}

// stateRedirect sends /state?code=X to /state/X.
func (s *Server) stateRedirect(w http.ResponseWriter, r *http.Request) {
	t := strings.TrimSpace(r.URL.Query().Get("code"))
	if t == "" {
		s.errorPage(w, r, http.StatusBadRequest, `The parameter "code" is missing: give a state.`)
		return
	}
	st, err := s.reg.Lookup(t)
	if err != nil {
		s.errorPage(w, r, http.StatusNotFound, clipErr(err)+".")
		return
	}
	q := r.URL.Query()
	q.Del("code")
	http.Redirect(w, r, apiURL("/state/"+st.Code, q), http.StatusSeeOther)
}

// yearRedirect sends /year?year=Y to /year/Y.
func (s *Server) yearRedirect(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	t := strings.TrimSpace(q.Get("year"))
	if t == "" {
		t = strconv.Itoa(s.snap.Load().fullYear)
	}
	y, err := parseYear(t)
	if err != nil {
		s.errorPage(w, r, http.StatusBadRequest, fmt.Sprintf("The parameter %q is not right: %s.", "year", err))
		return
	}
	q.Del("year")
	http.Redirect(w, r, apiURL("/year/"+strconv.Itoa(y), q), http.StatusSeeOther)
}

func (s *Server) aboutPage(r *http.Request, sn *snapshot, q Query) (*page, error) {
	return &page{Template: "about", Title: "About the measures", Nav: "about", Data: map[string]any{
		"Partners": rollcalls.BreakPartners, "MinPartners": rollcalls.BreakMinPartner,
	}}, nil
}
