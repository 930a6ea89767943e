package brief

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/blocwatch/blocwatch/internal/align"
	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/votes"
)

// DefaultYears is the length of the default period, in complete years.
const DefaultYears = 4

// LastCompleteYear is the last calendar year the record of mask reaches the
// end of: the year of its last roll call if that falls in December, else
// the year before.
func LastCompleteYear(m *votes.Matrix, mask votes.Mask) int {
	rcs := m.RollCalls()
	for i := len(rcs) - 1; i >= 0; i-- {
		if mask == nil || mask.Has(i) {
			y := record.YearOf(rcs[i].Date)
			if len(rcs[i].Date) >= 7 && rcs[i].Date[5:7] == "12" {
				return y
			}
			return y - 1
		}
	}
	return 0
}

// Windows chooses a brief's period and baseline. from and to are full dates
// (YYYY-MM-DD) or empty: an empty to is the end of last, the last complete
// year of the data (coverage.Report.LatestComplete, or LastCompleteYear), an
// empty from DefaultYears years before to. baseline is YEAR or YEAR-YEAR, or
// empty for the period of equal length just before. A baseline that
// overlaps the period is an error.
func Windows(last int, from, to, baseline string) (period, base align.Window, err error) {
	if from == "" {
		y := last - DefaultYears + 1
		if to != "" {
			y = record.YearOf(to) - DefaultYears + 1
		}
		from = fmt.Sprintf("%04d-01-01", y)
	}
	if to == "" {
		to = fmt.Sprintf("%04d-12-31", last)
		if to < from {
			to = fmt.Sprintf("%04d-12-31", record.YearOf(from))
		}
	}
	if from > to {
		return period, base, fmt.Errorf("the period starts (%s) after it ends (%s)", from, to)
	}
	period = align.Period(from, to)
	period.Label = Label(from, to)
	if baseline != "" {
		if base, err = ParseYears(baseline); err != nil {
			return period, base, fmt.Errorf("baseline: %w", err)
		}
	} else {
		base = Previous(from, to)
	}
	if base.To >= period.From {
		return period, base, fmt.Errorf("the baseline %s overlaps the period %s", base.Label, period.Label)
	}
	return period, base, nil
}

// ParseYears reads a period written YEAR or YEAR-YEAR.
func ParseYears(s string) (align.Window, error) {
	a, b, two := strings.Cut(strings.TrimSpace(s), "-")
	lo, err1 := strconv.Atoi(a)
	hi, err2 := lo, error(nil)
	if two {
		hi, err2 = strconv.Atoi(b)
	}
	if err1 != nil || err2 != nil || lo < 1900 || hi > 2200 || len(a) != 4 || (two && len(b) != 4) {
		return align.Window{}, fmt.Errorf("%q: want YEAR-YEAR, such as 2014-2017, or one YEAR", s)
	}
	if hi < lo {
		return align.Window{}, fmt.Errorf("%q ends before it starts", s)
	}
	w := align.Period(fmt.Sprintf("%04d-01-01", lo), fmt.Sprintf("%04d-12-31", hi))
	w.Label = Label(w.From, w.To)
	return w, nil
}

// Label names a period by its years where it runs from 1 January to
// 31 December, else by its dates.
func Label(from, to string) string {
	if strings.HasSuffix(from, "-01-01") && strings.HasSuffix(to, "-12-31") {
		if from[:4] == to[:4] {
			return from[:4]
		}
		return from[:4] + "-" + to[:4]
	}
	return from + ".." + to
}

// Previous is the period of equal length just before from..to: in whole
// years where the period is whole years, else in days.
func Previous(from, to string) align.Window {
	if strings.HasSuffix(from, "-01-01") && strings.HasSuffix(to, "-12-31") {
		fy, _ := strconv.Atoi(from[:4])
		ty, _ := strconv.Atoi(to[:4])
		n := ty - fy + 1
		w := align.Period(fmt.Sprintf("%04d-01-01", fy-n), fmt.Sprintf("%04d-12-31", fy-1))
		w.Label = Label(w.From, w.To)
		return w
	}
	f, _ := time.Parse(time.DateOnly, from)
	t, _ := time.Parse(time.DateOnly, to)
	days := int(t.Sub(f).Hours()/24) + 1
	return align.Period(f.AddDate(0, 0, -days).Format(time.DateOnly), f.AddDate(0, 0, -1).Format(time.DateOnly))
}
