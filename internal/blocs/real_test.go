package blocs

import (
	"reflect"
	"slices"
	"testing"

	"github.com/blocwatch/blocwatch/internal/align"
	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/registry"
	"github.com/blocwatch/blocwatch/internal/votes"
)

// TestRealBlocs checks the blocs of the real record where history leaves
// no doubt: East and West apart in 1965 and in 2023.
func TestRealBlocs(t *testing.T) {
	m := realRecord(t)
	mask := m.Select(votes.Filter{Body: record.GA})
	ws := []align.Window{align.Year(1965), align.Year(2023)}
	ps, err := Detect(m, ws, Options{Mask: mask, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	again, err := Detect(m, ws, Options{Mask: mask, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(ps, again) {
		t.Error("the same options gave different blocs")
	}
	same := func(p *Partition, a, b string) bool { return p.Member(a).Bloc == p.Member(b).Bloc }
	p65, p23 := &ps[0], &ps[1]
	if same(p65, "USA", "SUN") || !same(p65, "USA", "GBR") || !same(p65, "SUN", "POL") {
		t.Errorf("1965: USA bloc %v", p65.Bloc(p65.Member("USA").Bloc).Members)
	}
	if same(p23, "USA", "RUS") || !same(p23, "RUS", "CHN") || !same(p23, "USA", "GBR") || !same(p23, "USA", "JPN") {
		t.Errorf("2023: USA bloc %v", p23.Bloc(p23.Member("USA").Bloc).Members)
	}
	for _, p := range ps {
		if !p.Polarization.Defined || p.Polarization.X <= 0 || p.Polarization.X >= 1 || !p.Modularity.Defined {
			t.Errorf("%s: polarization %v, modularity %v", p.Label, p.Polarization, p.Modularity)
		}
	}
}

func TestRealCampsAndMovers(t *testing.T) {
	m := realRecord(t)
	mask := m.Select(votes.Filter{Body: record.GA})
	reg := registry.Default()
	west, _ := reg.Group("KOREA-WEST")
	east, _ := reg.Group("KOREA-EAST")
	rows, err := Camps(m, align.Group(west.Code, west), align.Group(east.Code, east), []align.Window{align.Year(2023)}, Options{Mask: mask})
	if err != nil {
		t.Fatal(err)
	}
	if r := rows[0]; !r.Split || r.DyadsAB != 9 || r.DyadsA != 3 || r.DyadsB != 3 {
		t.Errorf("korea 2023: %+v", r)
	}
	res, err := FindMovers(m, StateReference("RUS"), align.Period("2010-01-01", "2013-12-31"), align.Period("2022-01-01", "2025-12-31"), 5, Options{Mask: mask})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(res.Toward, func(mv Mover) bool { return mv.State == "PRK" }) {
		t.Errorf("PRK not among the top movers toward RUS: %+v", res.Toward)
	}
}
