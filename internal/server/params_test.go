package server

import (
	"errors"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/blocwatch/blocwatch/internal/align"
	"github.com/blocwatch/blocwatch/internal/format"
	"github.com/blocwatch/blocwatch/internal/record"
)

func TestParseQuery(t *testing.T) {
	q, err := ParseQuery(url.Values{
		"year": {"1995"}, "from": {"1990"}, "to": {"1994-02"}, "body": {"sc"}, "issue": {"HR"},
		"metrics": {"kappa,agree,kappa"}, "a": {" North Korea "}, "states": {"USA, JPN,,KOR"},
		"limit": {"10"}, "offset": {"20"}, "top": {"5"}, "format": {"CSV"}, "window": {"Session"}, "date": {"2022-03-02"},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := Query{Year: 1995, From: "1990-01-01", To: "1994-02-28", Body: record.SC, Issue: record.HumanRights,
		Metric: align.Kappa, Metrics: []align.Metric{align.Kappa, align.Agree}, A: "North Korea",
		States: []string{"USA", "JPN", "KOR"}, Limit: 10, Offset: 20, Top: 5, Format: format.CSV, Window: "session", Date: "2022-03-02", metricSet: true}
	if q.Year != want.Year || q.From != want.From || q.To != want.To || q.Body != want.Body || q.Issue != want.Issue ||
		q.Metric != want.Metric || len(q.Metrics) != 2 || q.A != want.A || strings.Join(q.States, " ") != "USA JPN KOR" ||
		q.Limit != 10 || q.Offset != 20 || q.Top != 5 || q.Format != format.CSV || q.Window != "session" || q.Date != want.Date {
		t.Errorf("got %+v\nwant %+v", q, want)
	}
	q, _ = ParseQuery(url.Values{"to": {"2024"}, "body": {"ALL"}, "issue": {"all"}})
	if q.To != "2024-12-31" || q.Body != BodyAll || q.bodyOr(record.GA) != "" || q.Issue != 0 || q.Format != format.JSON || q.Metric != align.Agree {
		t.Errorf("defaults: %+v", q)
	}
	for raw, param := range map[string]string{
		"year=95": "year", "year=2101": "year", "from=2020-02-30": "from", "to=20200101": "to",
		"from=2021&to=2020": "to", "body=GA,SC": "body", "issue=economy": "issue", "metric=": "",
		"metric=r": "metric", "metrics=agree,": "metrics", "limit=1001": "limit", "offset=1e3": "offset",
		"top=0": "top", "format=html": "format", "window=decade": "window", "date=2020": "date",
		"a=" + strings.Repeat("a", 81): "a", "q=" + strings.Repeat("q", 201): "q", "symbol=" + strings.Repeat("s", 81): "symbol",
	} {
		v, _ := url.ParseQuery(raw)
		_, err := ParseQuery(v)
		var pe *ParamError
		if param == "" {
			if err != nil {
				t.Errorf("%s: %v", raw, err)
			}
			continue
		}
		if !errors.As(err, &pe) || pe.Param != param {
			t.Errorf("%s: error %v, want one for %q", raw, err, param)
		}
	}
}

// FuzzParseQuery checks that ParseQuery never panics, that an error always
// names a parameter, and that what it accepts is within bounds.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{
		"year=2022&metric=agree&body=GA", "from=1990-01&to=2000&issue=nu", "a=USA&b=KOREA-EAST&metrics=agree,s,kappa",
		"limit=10&offset=5&top=3&format=csv", "states=USA,PRK&window=session", "q=nuclear%20Korea&date=2022-03-02",
		"year=%00", "from=9999-99-99", "metrics=,,,", "a=%ff%fe", "to=2020-02-30", "limit=-1",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		q, err := ParseQuery(v)
		if err != nil {
			var pe *ParamError
			if !errors.As(err, &pe) || pe.Param == "" || pe.Msg == "" {
				t.Fatalf("%q: error without a parameter: %v", raw, err)
			}
			if !utf8.ValidString(pe.Msg) && utf8.ValidString(raw) {
				t.Fatalf("%q: invalid UTF-8 in %q", raw, pe.Msg)
			}
			return
		}
		if q.Year != 0 && (q.Year < minYear || q.Year > maxYear) {
			t.Fatalf("%q: year %d", raw, q.Year)
		}
		if q.From != "" && q.To != "" && q.From > q.To {
			t.Fatalf("%q: from %s after to %s", raw, q.From, q.To)
		}
		for _, d := range []string{q.From, q.To, q.Date} {
			if d != "" && len(d) != 10 {
				t.Fatalf("%q: date %q", raw, d)
			}
		}
		if q.Limit < 0 || q.Limit > maxLimit || q.Offset < 0 || q.Offset > maxOffset || q.Top < 0 || q.Top > maxTop {
			t.Fatalf("%q: bounds %+v", raw, q)
		}
		if len(q.States) > maxStates || len(q.Text) > maxText || len(q.A) > maxSideText || len(q.B) > maxSideText {
			t.Fatalf("%q: lengths %+v", raw, q)
		}
		if q.Format != format.JSON && q.Format != format.CSV {
			t.Fatalf("%q: format %q", raw, q.Format)
		}
	})
}
