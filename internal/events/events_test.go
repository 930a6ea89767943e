package events

import (
	"errors"
	"os"
	"strings"
	"testing"
)

func TestStarter(t *testing.T) {
	evs := Starter()
	want := []string{"2006-10-09", "2018-04-27", "2018-06-12", "2019-02-28", "2019-04-25", "2022-02-24", "2023-09-13", "2024-06-19"}
	for _, d := range want {
		e, err := Find(evs, d)
		if err != nil || e.Source == "" || e.Title == d {
			t.Errorf("starter list: no sourced event on %s (%+v, %v)", d, e, err)
		}
	}
	for i, e := range evs {
		if e.UserAdded {
			t.Errorf("starter event %s marked user-added", e.Title)
		}
		if i > 0 && evs[i-1].Date > e.Date {
			t.Errorf("starter list not in date order at %s", e.Date)
		}
	}
}

func TestParseGood(t *testing.T) {
	f, err := os.Open("testdata/good.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	evs, err := Parse(f, "good.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 2 || evs[0].Date != "2018-06-12" || !evs[1].UserAdded || strings.Join(evs[1].States, " ") != "PRK RUS" {
		t.Fatalf("got %+v", evs)
	}
	all := Merge(Starter(), evs)
	if len(all) != len(Starter())+1 {
		t.Errorf("merge: %d events, want %d (the user's Singapore summit replaces the starter's)", len(all), len(Starter())+1)
	}
	if e, _ := Find(all, "2018-06-12"); !e.UserAdded {
		t.Errorf("merge: the user's event does not replace the starter's: %+v", e)
	}
}

func TestParseBad(t *testing.T) {
	const head = "date,title,kind,states,source\n"
	for _, tc := range []struct {
		name, in, want string
	}{
		{"empty", "", "bad.csv:1: empty file"},
		{"unknown column", "date,title,kind,states,url\n", "bad.csv:1: column 5 (url): unknown column"},
		{"missing column", "date,title,kind,states\n", `bad.csv:1: no column "source"`},
		{"bad date", head + "2022-02-30,x,war,RUS,https://e.org\n", "bad.csv:2: column 1 (date)"},
		{"no title", head + "2022-02-24, ,war,RUS,https://e.org\n", "bad.csv:2: column 2 (title): empty title"},
		{"bad kind", head + "2022-02-24,x,Big War,RUS,https://e.org\n", "bad.csv:2: column 3 (kind)"},
		{"unknown state", head + "2022-02-24,x,war,RUS XXQ,https://e.org\n", "bad.csv:2: column 4 (states)"},
		{"bad source", head + "2022-02-24,x,war,RUS,e.org/x\n", "bad.csv:2: column 5 (source)"},
		{"third line", head + "2022-02-24,x,war,RUS,https://e.org\n2022-02-25,y,war,RUS,ftp://e.org\n", "bad.csv:3: column 5 (source)"},
		{"fields", head + "2022-02-24,x,war\n", "bad.csv:2: 3 fields, want 5"},
		{"quote", head + "2022-02-24,\"x,war,RUS,https://e.org\n", "bad.csv:2:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tc.in), "bad.csv")
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("err = %v, want a *ParseError", err)
			}
			if !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("err = %q, want prefix %q", err, tc.want)
			}
		})
	}
}

func TestFind(t *testing.T) {
	evs := Starter()
	if e, err := Find(evs, "vostochny"); err != nil || e.Date != "2023-09-13" {
		t.Errorf("Find(vostochny) = %+v, %v", e, err)
	}
	if e, err := Find(evs, "2020-01-01"); err != nil || e.Date != "2020-01-01" || e.Source != "" {
		t.Errorf("Find(bare date) = %+v, %v", e, err)
	}
	if _, err := Find(evs, "no such thing"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Find(unknown) err = %v", err)
	}
	if _, err := Find(evs, "summit"); err == nil || !strings.Contains(err.Error(), "matches") {
		t.Errorf("Find(summit) err = %v, want ambiguous", err)
	}
	if got := Involving(Between(evs, "2022-01-01", "2022-12-31"), "PRK"); len(got) != 1 || got[0].Date != "2022-05-26" {
		t.Errorf("Involving PRK in 2022 = %+v", got)
	}
}

func FuzzParse(f *testing.F) {
	f.Add(string(starterCSV))
	f.Add("date,title,kind,states,source\n2022-02-24,x,war,RUS,https://e.org\n")
	f.Add("source,date,states,kind,title\nhttps://e.org,2022-02-24,,war,\"a, b\"\n")
	f.Fuzz(func(t *testing.T, in string) {
		evs, err := Parse(strings.NewReader(in), "fuzz.csv")
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.File != "fuzz.csv" {
				t.Fatalf("error %v is not a *ParseError naming the file", err)
			}
			return
		}
		for _, e := range evs {
			if len(e.Date) != 10 || e.Title == "" || !kindRe.MatchString(e.Kind) || !e.UserAdded {
				t.Fatalf("accepted a bad event %+v", e)
			}
		}
	})
}
