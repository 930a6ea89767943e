package vetolist

import (
	"github.com/blocwatch/blocwatch/internal/realdata"

	"bytes"
	"path/filepath"
	"slices"
	"testing"
)

// The embedded list is exactly what the generator makes of the published
// files (../shared/data/vetoes, found by package realdata). It skips
// without them, unless CI=true.
func TestEmbeddedMatchesSources(t *testing.T) {
	sources := []string{
		realdata.File(t, "vetoes/unsc_vetoes_1946_sept2022.csv"),
		realdata.File(t, "vetoes/unsc_vetoes_2022_2025.csv"),
	}
	vs, _, err := FromFiles(sources...)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := Encode(&b, vs); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), embedded) {
		t.Fatalf("vetoes.csv differs from what the published files give (%d vetoes): run go generate in %s", len(vs), must(filepath.Abs(".")))
	}
}

func must(s string, _ error) string { return s }

func TestAll(t *testing.T) {
	vs, err := All()
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) < 232 {
		t.Fatalf("%d vetoes embedded, want at least 232", len(vs))
	}
	for i, v := range vs {
		if v.File == "" || v.Line < 2 || v.Date == "" || v.Draft == "" || len(v.Vetoers) == 0 {
			t.Fatalf("veto %d incomplete: %+v", i, v)
		}
		if i > 0 && v.Date < vs[i-1].Date {
			t.Errorf("veto %d (%s) is older than the one before (%s)", i, v.Date, vs[i-1].Date)
		}
	}
	var dprk []string
	for _, v := range vs {
		if v.Topic == "North Korea" || v.Topic == "Non-proliferation/DPRK" {
			dprk = append(dprk, v.Draft)
		}
	}
	if !slices.Contains(dprk, "S/2022/431") || !slices.Contains(dprk, "S/2024/255") {
		t.Errorf("the vetoes on the DPRK are %q, want S/2022/431 and S/2024/255 among them", dprk)
	}
}

// Decode reads back what Encode writes, quoted cells included.
func TestEncodeDecode(t *testing.T) {
	vs, err := All()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := Encode(&b, vs); err != nil {
		t.Fatal(err)
	}
	back, err := Decode(&b)
	if err != nil {
		t.Fatal(err)
	}
	if len(back) != len(vs) {
		t.Fatalf("%d back of %d", len(back), len(vs))
	}
	for i := range vs {
		if back[i].File != vs[i].File || back[i].Veto.Line != vs[i].Veto.Line || back[i].Agenda != vs[i].Agenda || !slices.Equal(back[i].Vetoers, vs[i].Vetoers) {
			t.Fatalf("veto %d: %+v back as %+v", i, vs[i], back[i])
		}
	}
}

func FuzzDecode(f *testing.F) {
	f.Add(embedded[:min(len(embedded), 600)])
	f.Add([]byte("file,line,date,draft,meeting,agenda,topic,region,vetoers\nx,z,,,,,,,\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		vs, err := Decode(bytes.NewReader(b))
		if err != nil {
			return
		}
		var out bytes.Buffer
		if err := Encode(&out, vs); err != nil {
			t.Fatal(err)
		}
	})
}
