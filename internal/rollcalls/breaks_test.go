package rollcalls

import (
	"slices"
	"testing"

	"github.com/blocwatch/blocwatch/internal/align"
	"github.com/blocwatch/blocwatch/internal/record"
)

// TestBreaks: AAA votes with BBB, CCC and DDD on every roll call but the
// last, where it abstains while they vote yes; EEE, always opposed, has
// only them as partners and breaks with them every time, least surprising.
func TestBreaks(t *testing.T) {
	m := matrix(t, map[string]string{
		"AAA": "YYNYNA",
		"BBB": "YYNYNY",
		"CCC": "YYNYNY",
		"DDD": "YYNYNY",
		"EEE": "NNYNYN",
	})
	tabs, err := align.AllPairs(m, []align.Window{align.Year(2020)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	last := m.NumRollCalls() - 1
	got := Breaks(m, last, tabs[0].Pairs)
	if len(got) != 2 || got[1].State != "EEE" || got[1].Agree != 0 {
		t.Fatalf("breaks %+v, want AAA then EEE", got)
	}
	b := got[0]
	var partners []string
	for _, p := range b.Partners {
		partners = append(partners, p.State+":"+p.Vote.String())
	}
	// AAA agrees 5/6 with BBB, CCC, DDD, 1/6 with EEE (below no minimum:
	// six roll calls in common).
	if b.State != "AAA" || b.Vote != record.Abstain || b.Majority != record.Yes || b.With != 3 || b.Cast != 4 ||
		!slices.Equal(partners, []string{"BBB:Y", "CCC:Y", "DDD:Y", "EEE:N"}) || b.Agree != (5.0/6*3+0)/4 {
		t.Errorf("break %+v, partners %v", b, partners)
	}
	if got := Breaks(m, 0, tabs[0].Pairs); len(got) != 1 || got[0].State != "EEE" {
		t.Errorf("roll call 0: %+v", got)
	}
}
