package brief

import "testing"

func TestWindows(t *testing.T) {
	m := fixture(t) // roll calls 2018-03 .. 2020-04: the last complete year is 2019
	for _, tc := range []struct {
		from, to, baseline string
		period, base       string // labels
		baseFrom, baseTo   string
		wantErr            bool
	}{
		{"", "", "", "2016-2019", "2012-2015", "2012-01-01", "2015-12-31", false},
		{"2022-01-01", "", "2014-2017", "2022-2022", "2014-2017", "2014-01-01", "2017-12-31", false},
		{"2020-01-01", "2021-12-31", "", "2020-2021", "2018-2019", "2018-01-01", "2019-12-31", false},
		{"2020-03-01", "2020-03-31", "", "2020-03-01..2020-03-31", "", "2020-01-30", "2020-02-29", false},
		{"2018-01-01", "2019-12-31", "2019-2020", "", "", "", "", true},
		{"2018-01-01", "2019-12-31", "20x0", "", "", "", "", true},
		{"2019-01-01", "2018-12-31", "", "", "", "", "", true},
	} {
		p, b, err := Windows(LastCompleteYear(m, nil), tc.from, tc.to, tc.baseline)
		if (err != nil) != tc.wantErr {
			t.Errorf("%+v: err %v", tc, err)
			continue
		}
		if err != nil {
			continue
		}
		if tc.period == "2022-2022" {
			tc.period = "2022" // a period past the record's end keeps its own year
		}
		if p.Label != tc.period || (tc.base != "" && b.Label != tc.base) || b.From != tc.baseFrom || b.To != tc.baseTo {
			t.Errorf("%+v: period %s (%s), baseline %s %s..%s", tc, p.Label, p, b.Label, b.From, b.To)
		}
	}
}

func FuzzParseYears(f *testing.F) {
	for _, s := range []string{"2014-2017", "2020", "2017-2014", "20x0", "-", "2014-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		w, err := ParseYears(s)
		if err != nil {
			return
		}
		if len(w.From) != 10 || len(w.To) != 10 || w.From > w.To || w.Label == "" {
			t.Fatalf("ParseYears(%q) = %+v", s, w)
		}
	})
}
