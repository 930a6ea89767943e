package store

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/blocwatch/blocwatch/internal/realdata"
	"github.com/blocwatch/blocwatch/internal/source"
)

// TestVetoesRealListInFull ingests the published veto list and checks that
// every record of the file is stored once, with its file and line.
func TestVetoesRealListInFull(t *testing.T) {
	realVetoes := realdata.File(t, "vetoes/unsc_vetoes_1946_sept2022.csv")
	f, err := os.Open(realVetoes)
	if err != nil {
		t.Fatal(err)
	}
	read, problems, err := source.ReadVetoes(f, filepath.Base(realVetoes))
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		if !strings.Contains(p.Msg, "vetoers disagree") {
			t.Errorf("a record kept out: %v", p)
		}
	}
	s := openTemp(t)
	ctx := context.Background()
	rep := ingest(t, s, realVetoes)
	if b := rep.Batches[0]; b.VetoesNew != 214 || b.VetoesSame != 0 {
		t.Errorf("ingest: %d new, %d already stored; want 214 new", b.VetoesNew, b.VetoesSame)
	}
	vs, err := s.Vetoes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(read) != 214 || len(vs) != 214 {
		t.Fatalf("%d records read, %d stored; want 214", len(read), len(vs))
	}
	var lines, want []int
	for _, v := range vs {
		lines = append(lines, v.Line)
		if v.UserAdded || v.Source != "" || v.File != filepath.Base(realVetoes) || len(v.Vetoers) == 0 || v.Date == "" || v.Draft == "" {
			t.Errorf("veto %+v", v)
		}
	}
	for _, v := range read {
		want = append(want, v.Line)
	}
	slices.Sort(lines)
	slices.Sort(want)
	if !slices.Equal(lines, want) || len(slices.Compact(slices.Clone(lines))) != 214 {
		t.Errorf("stored lines differ from the records read")
	}
	// Oldest first; the DPRK sanctions draft of 26 May 2022 vetoed by
	// China and Russia is there.
	if vs[0].Date != "1946-02-16" || !slices.IsSortedFunc(vs, func(a, b StoredVeto) int { return strings.Compare(a.Date, b.Date) }) {
		t.Errorf("order: first %s", vs[0].Date)
	}
	i := slices.IndexFunc(vs, func(v StoredVeto) bool { return v.Draft == "S/2022/431" })
	if i < 0 || vs[i].Date != "2022-05-26" || !slices.Equal(vs[i].Vetoers, []string{"CHN", "RUS"}) {
		t.Errorf("S/2022/431: %+v", vs)
	}
	// The same list again stores nothing new.
	rep = ingest(t, s, realVetoes)
	if rep.Batches[0].VetoesNew != 0 {
		t.Errorf("second ingest stored %d vetoes", rep.Batches[0].VetoesNew)
	}
}

func TestUserVetoes(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "added.csv")
	os.WriteFile(good, []byte("date,draft,meeting,agenda,topic,vetoed_by,source\n"+
		"2024-03-28,S/2024/255,,Non-proliferation - Democratic People's Republic of Korea,North Korea,RUS,https://undocs.org/S/2024/255\n"), 0o644)
	s := openTemp(t)
	ingest(t, s, "../source/testdata/vetoes.csv", good)
	vs, err := s.Vetoes(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	last := vs[len(vs)-1]
	if !last.UserAdded || last.Source != "https://undocs.org/S/2024/255" || last.File != "added.csv" || last.Line != 2 ||
		!slices.Equal(last.Vetoers, []string{"RUS"}) {
		t.Errorf("user-added veto: %+v", last)
	}
	for _, v := range vs[:len(vs)-1] {
		if v.UserAdded {
			t.Errorf("published veto marked user-added: %+v", v)
		}
	}
}

func TestBadUserVetoesRefused(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("date,draft,meeting,agenda,topic,vetoed_by,source\n"+
		"2024-03-28,S/2024/255,,Non-proliferation,DPRK,RUS,https://undocs.org/S/2024/255\n"+
		"2024-02-30,S/2024/999,,Bad date,Nowhere,RUS,https://undocs.org/S/2024/999\n"+
		"2024-04-01,S/2024/998,,Unknown vetoer,Nowhere,KOR,https://undocs.org/S/2024/998\n"+
		"2024-04-02,S/2024/997,,No source,Nowhere,CHN,\n"+
		"2024-04-03,,,No draft,Nowhere,CHN,ftp://example.org/x\n"), 0o644)
	_, err := Read([]string{bad})
	if err == nil {
		t.Fatal("bad user-added vetoes were read")
	}
	for _, want := range []string{
		`bad.csv:3: column date: bad date "2024-02-30"`,
		`bad.csv:4: column vetoed_by: unknown vetoer code "KOR"`,
		`bad.csv:5: column source: missing source link`,
		`bad.csv:6: column draft: missing draft symbol`,
		`bad.csv:6: column source: "ftp://example.org/x" is not an http(s) link`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}
