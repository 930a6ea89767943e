package export

import (
	"encoding/csv"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestAppendCSV(t *testing.T) {
	d, _ := ParseDate("2022-03-02")
	x := 0.1
	var nilF *float64
	tests := []struct {
		v    any
		want string
	}{
		{"plain", "plain"},
		{"a,b", `"a,b"`},
		{`say "no"`, `"say ""no"""`},
		{"two\nlines", "\"two\nlines\""},
		{"Côte d’Ivoire", "Côte d’Ivoire"},
		{true, "true"},
		{int32(-7), "-7"},
		{int64(1 << 40), "1099511627776"},
		{0.8354430379746836, "0.8354430379746836"},
		{&x, "0.1"},
		{nilF, ""},
		{d, "2022-03-02"},
		{&d, "2022-03-02"},
	}
	for _, tt := range tests {
		if got := string(appendCSV(nil, reflect.ValueOf(tt.v))); got != tt.want {
			t.Errorf("appendCSV(%#v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}

func TestParseFormats(t *testing.T) {
	tests := []struct {
		in   string
		want []Format
		err  bool
	}{
		{"parquet", []Format{Parquet}, false},
		{"CSV", []Format{CSV}, false},
		{"parquet, csv", []Format{Parquet, CSV}, false},
		{"xlsx", nil, true},
		{"", nil, true},
	}
	for _, tt := range tests {
		got, err := ParseFormats(tt.in)
		if (err != nil) != tt.err || !slices.Equal(got, tt.want) {
			t.Errorf("ParseFormats(%q) = %v, %v", tt.in, got, err)
		}
	}
}

// TestColumns checks the column lists the tags give: the partition key is
// in CSV only, and every column is described.
func TestColumns(t *testing.T) {
	cs := columns(reflect.TypeFor[VoteRow]())
	if cs[0].name != "year" || cs[0].pq || !cs[0].csv {
		t.Errorf("votes.year: %+v", cs[0])
	}
	for _, ti := range Describe() {
		for _, f := range ti.Fields {
			if f.Description == "" {
				t.Errorf("%s.%s has no description", ti.Name, f.Name)
			}
		}
	}
}

// FuzzCSVField checks that a string written as a CSV field reads back as
// itself with encoding/csv.
func FuzzCSVField(f *testing.F) {
	for _, s := range []string{"", "a", "a,b", `"`, "x\r\ny", "Côte d’Ivoire"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if strings.ContainsRune(s, '\r') || !strings.ContainsAny(s, ",\"\n") && strings.TrimSpace(s) != s {
			return // encoding/csv turns \r\n into \n; leading spaces are kept as they are
		}
		line := string(appendCSV(nil, reflect.ValueOf(s))) + ",end\n"
		rec, err := csv.NewReader(strings.NewReader(line)).Read()
		if err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		if len(rec) != 2 || rec[0] != s {
			t.Fatalf("%q read back as %q", s, rec)
		}
	})
}

// FuzzParseDate checks that a date that parses prints back as itself.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2022-03-02", "1946-01-26", "1969-12-31", "1977", "2022-02-30", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := ParseDate(s)
		if !ok {
			return
		}
		if _, err := time.Parse(time.DateOnly, s); err != nil {
			t.Fatalf("%q parsed but time.Parse refuses it", s)
		}
		if d.String() != s {
			t.Fatalf("%q printed back as %q", s, d.String())
		}
	})
}
