package brief

import (
	"github.com/blocwatch/blocwatch/internal/realdata"
	"github.com/blocwatch/blocwatch/internal/store/storetest"

	"bytes"
	"context"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/blocwatch/blocwatch/internal/align"
	"github.com/blocwatch/blocwatch/internal/blocs"
	"github.com/blocwatch/blocwatch/internal/events"
	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/registry"
	"github.com/blocwatch/blocwatch/internal/store"
	"github.com/blocwatch/blocwatch/internal/votes"
)

// fixture: AAA and BBB agree on 3 of 4 roll calls in 2020 and 1 of 2 in 2018;
// the world (CCC, DDD) votes yes throughout.
func fixture(t testing.TB) *votes.Matrix {
	b := votes.NewBuilder()
	for k, rc := range []struct{ date, sym, v string }{
		{"2018-03-01", "A/RES/1", "YNYY"},
		{"2018-06-01", "A/RES/2", "NNYY"},
		{"2020-01-01", "A/RES/3", "NNYY"},
		{"2020-02-01", "A/RES/4", "YYYY"},
		{"2020-03-01", "A/RES/5", "AAYY"},
		{"2020-04-01", "A/RES/6", "YNYY"},
	} {
		var tl record.Tally
		for _, c := range rc.v {
			switch record.Vote(c) {
			case record.Yes:
				tl.Yes++
			case record.No:
				tl.No++
			case record.Abstain:
				tl.Abstain++
			}
		}
		// Links as the store gives every roll call (record.LinksOf).
		i := b.AddRollCall(votes.RollCall{ID: int64(k + 1), Date: rc.date, Resolution: rc.sym, Title: "T" + rc.sym, Body: record.GA, Tally: tl,
			Links: record.LinksOf("", rc.sym, "", "")})
		for j, st := range []string{"AAA", "BBB", "CCC", "DDD"} {
			if err := b.Add(i, st, record.Vote(rc.v[j])); err != nil {
				t.Fatal(err)
			}
		}
	}
	return b.Build()
}

func TestBuildPairFixture(t *testing.T) {
	m := fixture(t)
	side := func(c string) Side {
		return Side{Side: align.State(c), Label: c, Camp: blocs.StateCamp(c), State: true}
	}
	in := PairInput{M: m, Universe: "General Assembly roll calls", A: side("AAA"), B: side("BBB"),
		Period: align.Period("2020-01-01", "2020-12-31"), Baseline: align.Period("2018-01-01", "2019-12-31"),
		Events:        []events.Event{{Date: "2020-03-01", Title: "Something", Source: "https://undocs.org/A/RES/5"}},
		CommandPrefix: "blocwatch"}
	p, err := BuildPair(in)
	if err != nil {
		t.Fatal(err)
	}
	if p.AgreeNow.N != 4 || p.AgreeNow.Agreed != 3 || *p.AgreeNow.Value != 0.75 || p.AgreeBase.N != 2 || p.AgreeBase.Agreed != 1 {
		t.Errorf("agreement: now %+v, baseline %+v", p.AgreeNow, p.AgreeBase)
	}
	if p.SplitCount != 1 || p.JoinedCount != 3 || p.Splits[0].Symbol != "A/RES/6" {
		t.Errorf("splits %+v, joined %+v", p.Splits, p.Joined)
	}
	// Joined, most telling first: the joint no (world yes: distance 1 from
	// half the votes), then the abstention, then the joint yes.
	if got := []string{p.Joined[0].Symbol, p.Joined[1].Symbol, p.Joined[2].Symbol}; strings.Join(got, " ") != "A/RES/3 A/RES/5 A/RES/4" {
		t.Errorf("joined order %v", got)
	}
	if p.Joined[1].Event != "Something" {
		t.Errorf("event not attached: %+v", p.Joined[1])
	}
	if len(p.Ranks) != 2 || p.Ranks[0].Rank != 1 || p.Ranks[0].Among != 3 {
		t.Errorf("ranks %+v", p.Ranks)
	}
	if !strings.Contains(p.Headlines[0].Text, "cast the same vote on 3 of the 4 General Assembly roll calls") ||
		!strings.Contains(p.Headlines[0].Text, "against 1 of 2 (50.0%") {
		t.Errorf("headline: %s", p.Headlines[0].Text)
	}
	if len(p.Series) != 2 || p.Series[0].Year != 2018 || p.Series[1].N != 4 {
		t.Errorf("series %+v", p.Series)
	}
	var md, html bytes.Buffer
	if err := p.Markdown(&md); err != nil {
		t.Fatal(err)
	}
	if err := p.HTML(&html); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{md.String(), html.String()} {
		if !strings.Contains(s, "https://undocs.org/A/RES/6") || !strings.Contains(s, "blocwatch align AAA BBB --by period --from 2020-01-01 --to 2020-12-31") {
			t.Errorf("rendered brief lacks a link or a command:\n%s", s)
		}
	}
	if !strings.Contains(html.String(), "<svg") || !strings.Contains(html.String(), `class="event"`) {
		t.Errorf("HTML brief has no chart with events")
	}
	if _, err := BuildPair(PairInput{M: m, A: side("AAA"), B: side("BBB"), Period: align.Period("2021-01-01", "2021-12-31"), Baseline: align.Period("2020-01-01", "2020-12-31")}); err == nil {
		t.Error("a period without common roll calls gave no error")
	}
}

var (
	realOnce sync.Once
	realIn   PairInput
	realErr  error
)

// realInput loads, once, everything a pair brief needs from a store of the
// real records ($BLOCWATCH_BENCH_DB, else ingested from ../shared/data):
// the warm store of the benchmark.
func realInput(tb testing.TB) PairInput {
	tb.Helper()
	db := os.Getenv("BLOCWATCH_BENCH_DB")
	if db == "" {
		realdata.Dir(tb) // skips with -short or without the data, fails under CI
	}
	realOnce.Do(func() {
		ctx := context.Background()
		var s *store.Store
		if db != "" {
			s, realErr = store.OpenExisting(db)
		} else {
			s, realErr = store.OpenExisting(storetest.Of(tb, "undl", "vetoes"))
		}
		if realErr != nil {
			return
		}
		defer s.Close()
		m, err := s.Matrix(ctx)
		if err != nil {
			realErr = err
			return
		}
		m = m.In(votes.Universe{}) // as align counts: whole resolutions, each vote once
		reg := registry.Default()
		realIn = PairInput{M: m, Mask: m.Select(votes.Filter{Body: record.GA}), Universe: "General Assembly roll calls",
			Period: align.Period("2022-01-01", "2025-12-31"), Baseline: align.Period("2018-01-01", "2021-12-31"),
			Presets: blocs.Presets, CommandPrefix: "blocwatch",
			Groups: func(code string) (blocs.Camp, bool) {
				g, err := reg.Group(code)
				if err != nil {
					return blocs.Camp{}, false
				}
				return blocs.Camp{Name: g.Code, MembersOn: g.MembersOn}, true
			}}
		if realIn.Events, realErr = s.Events(ctx); realErr != nil {
			return
		}
		if realIn.Vetoes, realErr = s.Vetoes(ctx); realErr != nil {
			return
		}
		if _, pts, err := s.Fit(ctx, "default"); err == nil {
			realIn.Ideal, realIn.IdealFit = pts, "default"
		}
	})
	if realErr != nil {
		tb.Fatal(realErr)
	}
	return realIn
}

// BenchmarkBriefPair builds the brief on PRK and RUS, 2022-2025 against
// 2018-2021, from a warm store (matrix, events, vetoes and fit in memory),
// and renders it as HTML. Target: under 300 ms.
func BenchmarkBriefPair(b *testing.B) {
	in := realInput(b)
	reg := registry.Default()
	for _, pair := range [][2]string{{"PRK", "RUS"}, {"KOREA-WEST", "KOREA-EAST"}} {
		b.Run(pair[0]+"-"+pair[1], func(b *testing.B) {
			var err error
			if in.A, err = ParseSide(reg, in.M, pair[0], nil); err != nil {
				b.Fatal(err)
			}
			if in.B, err = ParseSide(reg, in.M, pair[1], nil); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				p, err := BuildPair(in)
				if err != nil {
					b.Fatal(err)
				}
				var buf bytes.Buffer
				if err := p.HTML(&buf); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
