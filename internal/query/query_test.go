package query

import (
	"strings"
	"testing"

	"github.com/blocwatch/blocwatch/internal/record"
)

func TestDate(t *testing.T) {
	tests := []struct {
		in        string
		end       bool
		want, err string
	}{
		{"", false, "", ""},
		{"2022", false, "2022-01-01", ""},
		{"2022", true, "2022-12-31", ""},
		{"2024-02", true, "2024-02-29", ""},
		{"2022-03-02", true, "2022-03-02", ""},
		{"1944", false, "", "out of range"},
		{"2101-01-01", false, "", "out of range"},
		{"2024-13", false, "", "is not a date"},
		{"22", false, "", "is not a date"},
		{"2022-3-2", false, "", "is not a date"},
	}
	for _, tt := range tests {
		got, err := Date(tt.in, tt.end)
		if got != tt.want || (err == nil) != (tt.err == "") || err != nil && !strings.Contains(err.Error(), tt.err) {
			t.Errorf("Date(%q, %v) = %q, %v; want %q, %q", tt.in, tt.end, got, err, tt.want, tt.err)
		}
	}
}

func TestYearAndBody(t *testing.T) {
	if y, err := Year("1995"); y != 1995 || err != nil {
		t.Errorf("Year(1995) = %d, %v", y, err)
	}
	for _, s := range []string{"95", "1900", "x", "20000"} {
		if _, err := Year(s); err == nil {
			t.Errorf("Year(%q): no error", s)
		}
	}
	for in, want := range map[string]record.Body{"": "", "all": "", "ALL": "", "ga": record.GA, "SC": record.SC} {
		if b, err := Body(in); b != want || err != nil {
			t.Errorf("Body(%q) = %q, %v", in, b, err)
		}
	}
	if _, err := Body("ECOSOC"); err == nil || !strings.Contains(err.Error(), "want GA, SC or all") {
		t.Errorf("Body(ECOSOC): %v", err)
	}
}

func FuzzDate(f *testing.F) {
	for _, s := range []string{"2022-03-02", "2022-03", "2022", "", "1990-13-01", "x"} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, s string, end bool) {
		d, err := Date(s, end)
		if err != nil || d == "" {
			return
		}
		if len(d) != 10 || d[4] != '-' || d[7] != '-' || d < "1945-01-01" || d > "2100-12-31" {
			t.Fatalf("Date(%q) = %q", s, d)
		}
	})
}
