package format

import (
	"bytes"
	"math"
	"strings"
	"testing"
)

func TestWrite(t *testing.T) {
	rows := &Rows{
		Heading: []string{"Heading"},
		Columns: []string{"year", "a", "n", "agree"},
		Data: [][]any{
			{1995, "PRK", 65, 0.4153846153846154},
			{1996, "PRK", 0, math.NaN()},
			{1997, "PRK", 3, nil},
		},
	}
	tests := []struct {
		f    Format
		want string
	}{
		{CSV, "year,a,n,agree\n1995,PRK,65,0.4153846153846154\n1996,PRK,0,\n1997,PRK,3,\n"},
		{Table, "Heading\n\nyear  a    n   agree\n1995  PRK  65  0.415\n1996  PRK  0   -\n1997  PRK  3   -\n"},
		{JSON, `"agree": null`},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		if err := Write(&b, tt.f, rows); err != nil {
			t.Fatal(err)
		}
		if got := b.String(); tt.f != JSON && got != tt.want || tt.f == JSON && !strings.Contains(got, tt.want) {
			t.Errorf("%s:\n%s\nwant:\n%s", tt.f, got, tt.want)
		}
		if strings.Contains(b.String(), "NaN") {
			t.Errorf("%s printed NaN", tt.f)
		}
	}
	if err := Write(&bytes.Buffer{}, CSV, 42); err == nil {
		t.Error("want an error for a value that is not tabular")
	}
}

func TestParse(t *testing.T) {
	for in, want := range map[string]Format{"": Table, "table": Table, "JSON": JSON, "csv": CSV} {
		if got, err := Parse(in); err != nil || got != want {
			t.Errorf("Parse(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := Parse("xml"); err == nil {
		t.Error("want an error for xml")
	}
}

func TestJSONKeepsColumnOrder(t *testing.T) {
	r := &Rows{Columns: []string{"year", "b", "a", "n"}, Data: [][]any{{2022, "PRK", "USA", 3}, {2023, "x<y", nil, math.NaN()}}}
	var buf strings.Builder
	if err := Write(&buf, JSON, r); err != nil {
		t.Fatal(err)
	}
	want := `[
  {
    "year": 2022,
    "b": "PRK",
    "a": "USA",
    "n": 3
  },
  {
    "year": 2023,
    "b": "x\u003cy",
    "a": null,
    "n": null
  }
]
`
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
	if v, ok := r.Objects()[0].Get("b"); !ok || v != "PRK" {
		t.Errorf("Get(b) = %v, %v", v, ok)
	}
}
