package ideal

import (
	"testing"

	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/votes"
)

func TestNormalizeTitle(t *testing.T) {
	cases := []struct{ title, res, want string }{
		{"Necessity of ending the economic, commercial and financial embargo imposed by the United States of America against Cuba : resolution / adopted by the General Assembly",
			"A/RES/47/19", "necessity of ending the economic commercial and financial embargo imposed by the united states of america against cuba"},
		// The new layout, without the suffix, gives the same key.
		{"Necessity of ending the economic, commercial and financial embargo imposed by the United States of America against Cuba",
			"A/RES/78/7", "necessity of ending the economic commercial and financial embargo imposed by the united states of america against cuba"},
		// A title cut at 150 characters (inside the suffix) and its full version.
		{"Conclusion of effective international arrangements to assure non-nuclear-weapon States against the use or threat of use of nuclear weapons : resolutio[...]",
			"", "conclusion of effective international arrangements to assure non nuclear weapon states against the use or threat of use"},
		{"Conclusion of effective international arrangements to assure non-nuclear-weapon States against the use or threat of use of nuclear weapons",
			"", "conclusion of effective international arrangements to assure non nuclear weapon states against the use or threat of use"},
		// Dates, session numbers and ordinal words go.
		{"Fourth Industrial Development Decade for Africa (2026–2035)", "", "industrial development decade for africa"},
		{"Question of Xyz (53rd session) : resolution / adopted by the General Assembly", "", "question of xyz"},
		{"Report of the Economic and Social Council (chapter I, section VI)", "", "report of the economic and social council chapter section"},
		{"Resolution A/RES/12/3 of 12 August 1949 : resolution / adopted by the General Assembly", "A/RES/12/3", "resolution of"},
		{"  ", "", ""},
	}
	for _, c := range cases {
		if got := NormalizeTitle(c.title, c.res); got != c.want {
			t.Errorf("NormalizeTitle(%q) = %q, want %q", c.title, got, c.want)
		}
	}
}

// TestBridgeRule: the same normalised title in different years shares one
// parameter set; a title that recurs within a year, amendments and
// paragraph votes, and all roll calls when Bridge is off, stand alone.
func TestBridgeRule(t *testing.T) {
	b := votes.NewBuilder()
	add := func(date, title string, amend bool) {
		rc := b.AddRollCall(votes.RollCall{ID: int64(date[0]) + int64(len(title)), Body: record.GA, Date: date, Title: title, Amendment: amend})
		for i, s := range []string{"AAA", "BBB", "CCC", "USA"} {
			v := record.Yes
			if i == 3 {
				v = record.No
			}
			if i == 2 && len(title)%2 == 0 {
				v = record.Abstain
			}
			b.Add(rc, s, v)
		}
	}
	add("2001-10-01", "Item alpha (56th session)", false)
	add("2002-10-01", "Item alpha (57th session) : resolution / adopted by the General Assembly", false)
	add("2003-10-01", "Item alpha", false)
	add("2003-11-01", "Item alpha : resolution / adopted by the General Assembly", false) // twice in 2003
	add("2001-10-02", "Item beta", false)
	add("2002-10-02", "Item beta", true) // an amendment
	add("2002-10-03", "Item gamma", false)
	m := b.Build()
	o := DefaultOptions()
	res, err := Fit(m, o)
	if err != nil {
		t.Fatal(err)
	}
	groups := map[string]int{}
	for _, p := range res.RollCalls {
		if p.Key != "" {
			groups[p.Key] = len(p.RollCalls)
		}
	}
	if len(groups) != 1 || groups["item alpha"] != 2 || res.Settings.BridgedRollCalls != 2 || res.Settings.Groups != 6 {
		t.Errorf("groups %v, settings %+v", groups, res.Settings)
	}
	o.Bridge = false
	res, err = Fit(m, o)
	if err != nil {
		t.Fatal(err)
	}
	if res.Settings.BridgedRollCalls != 0 || res.Settings.Groups != 7 {
		t.Errorf("bridge off: %+v", res.Settings)
	}
}
