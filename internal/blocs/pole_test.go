package blocs

import (
	"math"
	"testing"

	"github.com/blocwatch/blocwatch/internal/align"
)

func TestPoleMovers(t *testing.T) {
	pts := []IdealPoint{
		{"AAA", 2010, 1}, {"AAA", 2011, 2}, {"AAA", 2022, 3}, // 1.5 → 3: +1.5
		{"BBB", 2010, 0}, {"BBB", 2023, -1}, // 0 → -1: -1
		{"CCC", 2010, 0.5}, {"CCC", 2022, 0.5}, // no move
		{"DDD", 2022, 4}, // only in the second period
	}
	from, to := align.Period("2010-01-01", "2013-12-31"), align.Period("2022-01-01", "2025-12-31")
	res, err := PoleMovers(pts, 1, from, to, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Toward) != 1 || res.Toward[0].State != "AAA" || math.Abs(res.Toward[0].Change-1.5) > 1e-12 || res.Toward[0].YearsFrom != 2 {
		t.Fatalf("toward %+v", res.Toward)
	}
	if len(res.Away) != 1 || res.Away[0].State != "BBB" || res.Away[0].Change != -1 {
		t.Fatalf("away %+v", res.Away)
	}
	// Toward the negative pole the roles swap.
	res, _ = PoleMovers(pts, -1, from, to, 10)
	if res.Toward[0].State != "BBB" || res.Away[0].State != "AAA" {
		t.Fatalf("negative pole %+v", res)
	}
	if _, err := PoleMovers(pts, 0, from, to, 1); err == nil {
		t.Error("want an error for pole 0")
	}
	if _, err := PoleMovers(pts, 1, align.Period("1950-01-01", "1951-12-31"), to, 1); err == nil {
		t.Error("want an error when no state has points in both periods")
	}
}
