// Package query reads the parts of a question that the command line's flags
// and the HTTP API's parameters share, with one set of rules for both:
// dates, years and bodies. A value that fails is reported by an error that
// quotes it (shortened) and says what was wanted; callers add the flag or
// parameter name.
//
// New shared parts (the universe of votes, say: resolutions only, or with
// amendments and paragraph votes) belong here too, so that `--include` and
// `include=` cannot drift apart.
package query

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/blocwatch/blocwatch/internal/record"
)

// The years a question may name.
const (
	MinYear = 1945
	MaxYear = 2100
)

// Year reads a year, YYYY, within MinYear..MaxYear.
func Year(s string) (int, error) {
	y, err := strconv.Atoi(s)
	if err != nil || len(s) != 4 {
		return 0, fmt.Errorf("%q is not a year (want YYYY)", Clip(s))
	}
	return y, CheckYear(y)
}

// CheckYear reports a year outside MinYear..MaxYear.
func CheckYear(y int) error {
	if y < MinYear || y > MaxYear {
		return fmt.Errorf("%d is out of range (%d to %d)", y, MinYear, MaxYear)
	}
	return nil
}

// Date reads YYYY, YYYY-MM or YYYY-MM-DD and returns a full date: the first
// day of the year or month, or with end the last. "" stays "" (no bound).
func Date(s string, end bool) (string, error) {
	if s == "" {
		return "", nil
	}
	var layout string
	switch len(s) {
	case 4:
		layout = "2006"
	case 7:
		layout = "2006-01"
	case 10:
		layout = time.DateOnly
	default:
		return "", fmt.Errorf("%q is not a date (want YYYY, YYYY-MM or YYYY-MM-DD)", Clip(s))
	}
	t, err := time.Parse(layout, s)
	if err != nil {
		return "", fmt.Errorf("%q is not a date (want YYYY, YYYY-MM or YYYY-MM-DD)", Clip(s))
	}
	if t.Year() < MinYear || t.Year() > MaxYear {
		return "", fmt.Errorf("%s is out of range (years %d to %d)", s, MinYear, MaxYear)
	}
	if end {
		switch len(s) {
		case 4:
			t = t.AddDate(1, 0, -1)
		case 7:
			t = t.AddDate(0, 1, -1)
		}
	}
	return t.Format(time.DateOnly), nil
}

// Body reads GA, SC or all (any case). all, and "", return "": both bodies.
func Body(s string) (record.Body, error) {
	if s == "" || strings.EqualFold(s, "all") {
		return "", nil
	}
	b, err := record.ParseBody(s)
	if err != nil {
		return "", fmt.Errorf("unknown body %q (want GA, SC or all)", Clip(s))
	}
	return b, nil
}

// Clip shortens what a user typed for an error message.
func Clip(s string) string {
	if len(s) > 40 {
		return strings.ToValidUTF8(s[:40], "") + "…"
	}
	return s
}
