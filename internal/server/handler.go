package server

import (
	"bytes"
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/blocwatch/blocwatch/internal/format"
	"github.com/blocwatch/blocwatch/internal/store"
	"github.com/blocwatch/blocwatch/internal/view"
	"github.com/blocwatch/blocwatch/internal/votes"
	"github.com/blocwatch/blocwatch/internal/web"
)

// contentSecurityPolicy allows scripts, styles, images and fetches from this
// server only. Inline scripts are refused; inline styles are allowed
// because the chart library (Observable Plot) writes a <style> element into
// each chart.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; base-uri 'none'; " +
	"form-action 'self'; frame-ancestors 'none'"

// securityHeaders are set on every response.
var securityHeaders = http.Header{
	"Content-Security-Policy":    {contentSecurityPolicy},
	"X-Content-Type-Options":     {"nosniff"},
	"X-Frame-Options":            {"DENY"},
	"Referrer-Policy":            {"same-origin"},
	"Cross-Origin-Opener-Policy": {"same-origin"},
}

// maxBodyBytes bounds request bodies: no endpoint reads one.
const maxBodyBytes = 4 << 10

// Handler returns the server's HTTP handler: the routes with the security
// headers, body limit, time-out and panic recovery around them.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	s.routes(mux)
	return s.middleware(mux)
}

// routes registers every page and API endpoint. openapi.json describes the
// API routes; a test checks that the two agree.
func (s *Server) routes(mux *http.ServeMux) {
	// Pages.
	mux.HandleFunc("GET /{$}", s.page(s.homePage))
	mux.HandleFunc("GET /state", s.stateRedirect)
	mux.HandleFunc("GET /state/{code}", s.page(s.statePage))
	mux.HandleFunc("GET /compare", s.page(s.comparePage))
	mux.HandleFunc("GET /resolution", s.page(s.resolutionBySymbolPage))
	mux.HandleFunc("GET /resolution/{id}", s.page(s.resolutionPage))
	mux.HandleFunc("GET /year", s.yearRedirect)
	mux.HandleFunc("GET /year/{year}", s.page(s.yearPage))
	mux.HandleFunc("GET /search", s.page(s.searchPage))
	mux.HandleFunc("GET /brief", s.briefPage)
	mux.HandleFunc("GET /about", s.staticPage(s.aboutPage))
	mux.Handle("GET "+web.StaticPrefix, web.Static())
	mux.HandleFunc("GET /favicon.ico", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.HandleFunc("GET /download/{file}", s.download)

	// API.
	mux.HandleFunc("GET /api/v1/openapi.json", s.openAPI)
	mux.HandleFunc("GET /api/v1/status", s.apiStatus)
	mux.HandleFunc("GET /api/v1/coverage", s.api(false, func(r *http.Request, sn *snapshot, q Query) (any, error) { return view.Coverage{Report: sn.cov}, nil }))
	mux.HandleFunc("GET /api/v1/states", s.api(false, s.apiStates))
	mux.HandleFunc("GET /api/v1/groups", s.api(false, s.apiGroups))
	mux.HandleFunc("GET /api/v1/states/{code}", s.api(true, s.apiState))
	mux.HandleFunc("GET /api/v1/states/{code}/votes", s.api(true, s.apiStateVotes))
	mux.HandleFunc("GET /api/v1/states/{code}/partners", s.api(true, s.apiPartners))
	mux.HandleFunc("GET /api/v1/states/{code}/map", s.api(true, s.apiStateMap))
	mux.HandleFunc("GET /api/v1/ideal", s.api(true, s.apiIdeal))
	mux.HandleFunc("GET /api/v1/camps", s.api(true, s.apiCamps))
	mux.HandleFunc("GET /api/v1/camps/exact", s.api(true, s.apiExactSplits))
	mux.HandleFunc("GET /api/v1/contested", s.api(true, s.apiContested))
	mux.HandleFunc("GET /api/v1/compare/series", s.api(true, s.apiSeries))
	mux.HandleFunc("GET /api/v1/compare/rollcalls", s.api(true, s.apiRollCallsBehind))
	mux.HandleFunc("GET /api/v1/compare/issues", s.api(true, s.apiIssues))
	mux.HandleFunc("GET /api/v1/compare/crosstab", s.api(true, s.apiCrossTab))
	mux.HandleFunc("GET /api/v1/compare/splits", s.api(true, s.apiSplits))
	mux.HandleFunc("GET /api/v1/rollcalls", s.api(true, s.apiSearch))
	mux.HandleFunc("GET /api/v1/rollcalls/{id}", s.api(true, s.apiRollCall))
	mux.HandleFunc("GET /api/v1/rollcalls/{id}/map", s.api(true, s.apiRollCallMap))
	mux.HandleFunc("GET /api/v1/rollcalls/{id}/breaks", s.api(true, s.apiBreaks))
	mux.HandleFunc("GET /api/v1/resolution", s.api(true, s.apiResolution))
	mux.HandleFunc("GET /api/v1/years", s.api(true, s.apiYears))
	mux.HandleFunc("GET /api/v1/years/{year}/matrix", s.api(true, s.apiYearMatrix))
	mux.HandleFunc("GET /api/v1/years/{year}/divisive", s.api(true, s.apiDivisive))
	mux.HandleFunc("GET /api/v1/export", s.apiExport)
	mux.HandleFunc("POST /api/v1/admin/reload", s.admin(s.adminReload))
	mux.HandleFunc("POST /api/v1/admin/update", s.admin(s.adminUpdate))
	mux.HandleFunc("POST /api/v1/admin/update/cancel", s.admin(s.adminCancel))
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		// A path that exists for another method: 405.
		for _, m := range []string{http.MethodGet, http.MethodPost} {
			if m == r.Method || m == http.MethodGet && r.Method == http.MethodHead {
				continue
			}
			g := r.Clone(r.Context())
			g.Method = m
			if _, p := mux.Handler(g); p != "/api/" {
				w.Header().Set("Allow", m)
				writeError(w, http.StatusMethodNotAllowed, fmt.Sprintf("%s %s: only %s is allowed", r.Method, r.URL.Path, m), "")
				return
			}
		}
		writeError(w, http.StatusNotFound, fmt.Sprintf("no API endpoint %s %s (see /api/v1/openapi.json)", r.Method, r.URL.Path), "")
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.errorPage(w, r, http.StatusNotFound, "There is no page at "+r.URL.Path+".")
	})
}

// middleware adds the security headers, the body limit, the request
// time-out and panic recovery.
func (s *Server) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		for k, v := range securityHeaders {
			h[k] = v // shared, never modified
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxBodyBytes)
		ctx, cancel := context.WithTimeout(r.Context(), s.cfg.RequestTimeout)
		defer cancel()
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.log.Error("panic", "path", r.URL.Path, "panic", p, "stack", string(debug.Stack()))
				writeError(w, http.StatusInternalServerError, "internal error", "")
			}
		}()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// panicError is a panic turned into an error by the cache.
type panicError struct{ v any }

func (e panicError) Error() string { return fmt.Sprintf("panic: %v", e.v) }

// errNoData reports a request for data before any was loaded.
var errNoData = errors.New("no data loaded")

// notFoundError reports something a request named that does not exist.
type notFoundError struct{ msg string }

func (e *notFoundError) Error() string { return e.msg }

// apiError is the JSON body of an error.
type apiError struct {
	Error      string `json:"error"`
	Parameter  string `json:"parameter,omitempty"`
	Candidates any    `json:"candidates,omitempty"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

func writeError(w http.ResponseWriter, status int, msg, param string) {
	writeJSON(w, status, apiError{Error: msg, Parameter: param})
}

// statusOf maps an error to an HTTP status and its JSON body.
func (s *Server) statusOf(err error) (int, apiError) {
	var pe *ParamError
	var nf *store.NotFoundError
	var nf2 *notFoundError
	var amb *store.AmbiguousError
	switch {
	case errors.As(err, &pe):
		return http.StatusBadRequest, apiError{Error: pe.Msg, Parameter: pe.Param}
	case errors.As(err, &nf), errors.As(err, &nf2), errors.Is(err, votes.ErrNoVotes):
		return http.StatusNotFound, apiError{Error: err.Error()}
	case errors.As(err, &amb):
		var cs []rollCallRef
		for _, c := range amb.Candidates {
			cs = append(cs, rollCallRef{ID: c.ID, Date: c.Date, Body: string(c.Body), Resolution: c.Resolution, Title: cleanTitle(c.Title)})
		}
		return http.StatusConflict, apiError{Error: fmt.Sprintf("%s names %d roll calls: choose one with date= or by id", amb.Symbol, len(amb.Candidates)), Parameter: "symbol", Candidates: cs}
	case errors.Is(err, errNoData):
		return http.StatusServiceUnavailable, apiError{Error: "no data loaded: " + s.noDataHelp()}
	case errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable, apiError{Error: "the request took too long"}
	case errors.Is(err, context.Canceled):
		return 499, apiError{Error: "request cancelled"}
	}
	return http.StatusInternalServerError, apiError{Error: err.Error()}
}

// apiFunc computes an API result: a value with JSON tags that is also
// format.Tabular, for ?format=csv.
type apiFunc func(r *http.Request, sn *snapshot, q Query) (any, error)

// api wraps an apiFunc: it parses the query (400 on a bad parameter),
// checks that data is loaded if needData, and writes the result as JSON or
// CSV. Encoded results are kept per snapshot (respCache): a repeated
// request costs a look-up.
func (s *Server) api(needData bool, f apiFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		sn := s.snap.Load()
		key := r.URL.Path + "?" + r.URL.RawQuery
		if c, ok := sn.resp.get(key); ok {
			s.writeCached(w, sn, c)
			return
		}
		q, err := ParseQuery(r.URL.Query())
		if err == nil && sn.ready() {
			// A response to make: wait for a slot, then look again.
			if !s.acquire(r.Context()) {
				writeError(w, http.StatusServiceUnavailable, "the server is busy; try again", "")
				return
			}
			defer s.release()
			if c, ok := sn.resp.get(key); ok {
				s.writeCached(w, sn, c)
				return
			}
		}
		if err == nil {
			if needData && !sn.ready() {
				err = errNoData
			} else {
				var v any
				if v, err = f(r, sn, q); err == nil {
					c, err := s.encode(r, sn, q.Format, v)
					if err != nil {
						writeError(w, http.StatusBadRequest, err.Error(), "format")
						return
					}
					c.key = key
					sn.resp.put(c)
					s.writeCached(w, sn, c)
					return
				}
			}
		}
		status, body := s.statusOf(err)
		if status >= 500 && status != http.StatusServiceUnavailable {
			s.log.Error("api", "path", r.URL.Path, "query", r.URL.RawQuery, "err", err)
		}
		writeJSON(w, status, body)
	}
}

// encode writes v as JSON or CSV (internal/format).
func (s *Server) encode(r *http.Request, sn *snapshot, f format.Format, v any) (*response, error) {
	var buf bytes.Buffer
	c := &response{ctype: "application/json; charset=utf-8"}
	if f == format.CSV {
		t, ok := v.(format.Tabular)
		if !ok {
			return nil, errors.New("this endpoint has no CSV form")
		}
		c.ctype = "text/csv; charset=utf-8"
		v = t
	}
	if err := format.Write(&buf, f, v); err != nil {
		return nil, fmt.Errorf("encode %s: %w", r.URL.Path, err)
	}
	c.body = buf.Bytes()
	defer func() {
		c.header = http.Header{
			"X-Data-Version": {strconv.Itoa(sn.version)},
			"Cache-Control":  {"no-cache"},
			"Content-Type":   {c.ctype},
			"Content-Length": {strconv.Itoa(len(c.body))},
		}
		if f == format.CSV {
			name := strings.Trim(strings.ReplaceAll(strings.TrimPrefix(r.URL.Path, "/api/v1/"), "/", "-"), "-")
			c.header["Content-Disposition"] = []string{fmt.Sprintf("attachment; filename=%q", "blocwatch-"+name+".csv")}
		}
	}()
	if f == format.JSON {
		// The API answers compact JSON: format indents it for people.
		var compact bytes.Buffer
		if err := json.Compact(&compact, c.body); err == nil {
			compact.WriteByte('\n')
			c.body = compact.Bytes()
		}
	}
	return c, nil
}

// writeCached writes an encoded response. Its header values are made once,
// when it is encoded, and shared.
func (s *Server) writeCached(w http.ResponseWriter, sn *snapshot, c *response) {
	h := w.Header()
	for k, v := range c.header {
		h[k] = v
	}
	w.Write(c.body)
}

// admin wraps an admin endpoint: it is disabled without a configured token,
// and needs "Authorization: Bearer TOKEN".
func (s *Server) admin(f http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		if s.cfg.AdminToken == "" {
			writeError(w, http.StatusForbidden, "admin endpoints are disabled: start the server with --admin-token or BLOCWATCH_ADMIN_TOKEN", "")
			return
		}
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || subtle.ConstantTimeCompare([]byte(got), []byte(s.cfg.AdminToken)) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="blocwatch admin"`)
			writeError(w, http.StatusUnauthorized, "admin endpoints need the header Authorization: Bearer TOKEN", "")
			return
		}
		f(w, r)
	}
}
