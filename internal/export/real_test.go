package export

import (
	"github.com/blocwatch/blocwatch/internal/realdata"
	"github.com/blocwatch/blocwatch/internal/store/storetest"

	"context"
	"encoding/csv"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/blocwatch/blocwatch/internal/registry"
	"github.com/blocwatch/blocwatch/internal/store"
)

var real struct {
	once sync.Once
	dir  string // holds real.db and the export in out/
	st   *store.Store
	res  *Result
	err  error
}

// realExport ingests the UN Digital Library files and the veto lists of
// ../shared/data into a new store, stores a small ideal-point fit, and
// exports every table in both formats, once per test binary. Without the
// data it skips, unless CI=true.
func realExport(tb testing.TB) (*store.Store, *Result) {
	tb.Helper()
	realdata.Dir(tb) // skips with -short or without the data, fails under CI
	real.once.Do(func() {
		ctx := context.Background()
		if real.dir, real.err = os.MkdirTemp("", "blocwatch-export"); real.err != nil {
			return
		}
		// A copy of the cached store of the UN Digital Library files and the
		// veto lists: the test stores a fit in it.
		var data []byte
		if data, real.err = os.ReadFile(storetest.Of(tb, "undl", "vetoes")); real.err != nil {
			return
		}
		db := filepath.Join(real.dir, "real.db")
		if real.err = os.WriteFile(db, data, 0o644); real.err != nil {
			return
		}
		if real.st, real.err = store.Open(db); real.err != nil {
			return
		}
		v, _ := real.st.Version(ctx)
		pts := []store.Point{{State: "PRK", Year: 2022, X: -1.5, SE: 0.1, N: 70}, {State: "USA", Year: 2022, X: 1.2, SE: 0.05, N: 75}}
		if real.err = real.st.SaveFit(ctx, &store.Fit{Name: "default", Settings: `{"test":true}`, DataVersion: v}, pts); real.err != nil {
			return
		}
		real.res, real.err = Export(ctx, real.st, filepath.Join(real.dir, "out"), Options{Formats: []Format{Parquet, CSV}})
	})
	if real.err != nil {
		tb.Fatal(real.err)
	}
	return real.st, real.res
}

func TestMain(m *testing.M) {
	code := m.Run()
	if real.st != nil {
		real.st.Close()
	}
	if real.dir != "" {
		os.RemoveAll(real.dir)
	}
	os.Exit(code)
}

// readParquet reads every Parquet file of a table with the library.
func readParquet[T any](t *testing.T, res *Result, table string) []T {
	t.Helper()
	var out []T
	for _, tr := range res.Tables {
		if tr.Name != table {
			continue
		}
		for _, rel := range tr.Files[Parquet] {
			rows, err := parquet.ReadFile[T](filepath.Join(res.Dir, rel))
			if err != nil {
				t.Fatalf("%s: %v", rel, err)
			}
			out = append(out, rows...)
		}
		return out
	}
	t.Fatalf("table %s not exported", table)
	return nil
}

func count(t *testing.T, st *store.Store, q string) int {
	t.Helper()
	var n int
	if err := st.DB().QueryRow(q).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestRealParquet(t *testing.T) {
	st, res := realExport(t)
	rows := map[string]int{}
	for _, tr := range res.Tables {
		rows[tr.Name] = tr.Rows
	}
	vetoes, err := st.Vetoes(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	reg := registry.Default()
	nMembers := 0
	for _, g := range reg.Groups() {
		nMembers += len(g.Members)
	}
	want := map[string]int{
		TableRollCalls:   count(t, st, `SELECT count(*) FROM rollcall`),
		TableVotes:       count(t, st, `SELECT count(*) FROM vote`),
		TableStates:      len(reg.States()),
		TableGroups:      nMembers,
		TableIdealPoints: 2,
		TableVetoes:      len(vetoes),
	}
	for table, n := range want {
		if rows[table] != n {
			t.Errorf("%s: %d rows written, the store has %d", table, rows[table], n)
		}
	}
	check := func(table string, n int) {
		t.Helper()
		if n != rows[table] {
			t.Errorf("%s: read %d rows back from Parquet, wrote %d", table, n, rows[table])
		}
		if n == 0 && table != TableIdealPoints {
			t.Errorf("%s: no rows", table)
		}
	}
	rcs := readParquet[RollCallRow](t, res, TableRollCalls)
	check(TableRollCalls, len(rcs))
	vs := readParquet[VoteRow](t, res, TableVotes)
	check(TableVotes, len(vs))
	check(TableStates, len(readParquet[StateRow](t, res, TableStates)))
	check(TableStateNames, len(readParquet[StateNameRow](t, res, TableStateNames)))
	check(TableGroups, len(readParquet[GroupRow](t, res, TableGroups)))
	dy := readParquet[DyadYearRow](t, res, TableDyadYears)
	check(TableDyadYears, len(dy))
	check(TableIdealPoints, len(readParquet[IdealPointRow](t, res, TableIdealPoints)))
	check(TableBlocs, len(readParquet[BlocRow](t, res, TableBlocs)))
	check(TableVetoes, len(readParquet[VetoRow](t, res, TableVetoes)))
	check(TableCoverage, len(readParquet[CoverageRow](t, res, TableCoverage)))

	// A/RES/ES-11/1 is 141-5-35; the five no votes are BLR ERI PRK RUS SYR.
	var es *RollCallRow
	for i := range rcs {
		if rcs[i].Symbol == "A/RES/ES-11/1" {
			es = &rcs[i]
		}
	}
	if es == nil {
		t.Fatal("A/RES/ES-11/1 not in roll_calls")
	}
	if es.Yes != 141 || es.No != 5 || es.Abstain != 35 || es.Date == nil || es.Date.String() != "2022-03-02" {
		t.Errorf("A/RES/ES-11/1: %d-%d-%d on %v, want 141-5-35 on 2022-03-02", es.Yes, es.No, es.Abstain, es.Date)
	}
	tally := map[string]int{}
	var no []string
	for _, v := range vs {
		if v.RollCallID == es.RollCallID {
			tally[v.Vote]++
			if v.Vote == "N" {
				no = append(no, v.State)
			}
		}
	}
	sort.Strings(no)
	if tally["Y"] != 141 || tally["N"] != 5 || tally["A"] != 35 || strings.Join(no, " ") != "BLR ERI PRK RUS SYR" {
		t.Errorf("votes of A/RES/ES-11/1: %v, no %v", tally, no)
	}

	// PRK-RUS 2022: n 79, agreement 0.835 (blocwatch align PRK RUS).
	dy2022, err := parquet.ReadFile[DyadYearRow](filepath.Join(res.Dir, "dyad_years", "year=2022", "part-0.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, d := range dy2022 {
		if d.StateA == "PRK" && d.StateB == "RUS" {
			found = true
			if d.N != 79 {
				t.Errorf("PRK-RUS 2022: n %d, want 79", d.N)
			}
			if d.Agree == nil || math.Abs(*d.Agree-0.835) > 0.0005 {
				t.Errorf("PRK-RUS 2022: agree %v, want 0.835", d.Agree)
			}
			if d.YY+d.YN+d.YA+d.NY+d.NN+d.NA+d.AY+d.AN+d.AA != d.N {
				t.Errorf("PRK-RUS 2022: cross-table does not add up to n %d", d.N)
			}
		}
	}
	if !found {
		t.Error("no PRK-RUS row in dyad_years/year=2022")
	}
}

// TestRealParquetTypes checks the logical types of the Parquet columns.
func TestRealParquetTypes(t *testing.T) {
	_, res := realExport(t)
	open := func(rel string) *parquet.File {
		f, err := os.Open(filepath.Join(res.Dir, rel))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		st, _ := f.Stat()
		pf, err := parquet.OpenFile(f, st.Size())
		if err != nil {
			t.Fatal(err)
		}
		return pf
	}
	rc := open("roll_calls.parquet")
	col := func(f *parquet.File, name string) parquet.Field {
		for _, c := range f.Schema().Fields() {
			if c.Name() == name {
				return c
			}
		}
		t.Fatalf("no column %s", name)
		return nil
	}
	if lt := col(rc, "date").Type().LogicalType(); lt == nil || lt.String() != "DATE" {
		t.Errorf("roll_calls.date: logical type %v, want DATE", lt)
	}
	if !col(rc, "session").Optional() || !col(rc, "official_yes").Optional() {
		t.Error("roll_calls.session and official_yes should be nullable")
	}
	if lt := col(rc, "body").Type().LogicalType(); lt == nil || lt.String() != "STRING" {
		t.Errorf("roll_calls.body: logical type %v, want STRING", lt)
	}
	v := open("votes/year=2022/part-0.parquet")
	for _, c := range v.Schema().Fields() {
		if c.Name() == "year" {
			t.Error("votes: year is the partition folder and must not be a column of the files")
		}
	}
	for _, rg := range v.RowGroups() {
		for i, cc := range rg.ColumnChunks() {
			name := v.Schema().Fields()[i].Name()
			if name != "vote" && name != "state" {
				continue
			}
			pages := cc.Pages()
			p, err := pages.ReadPage()
			pages.Close()
			if err != nil {
				t.Fatal(err)
			}
			if p.Dictionary() == nil {
				t.Errorf("votes.%s is not dictionary-encoded", name)
			}
			parquet.Release(p)
		}
	}
	for _, cc := range v.Metadata().RowGroups[0].Columns {
		if cc.MetaData.Codec.String() != "ZSTD" {
			t.Errorf("votes.%s: codec %v, want ZSTD", cc.MetaData.PathInSchema, cc.MetaData.Codec)
		}
	}
}

// TestRealCSV reads the CSV files back: header as declared, rows as
// written, and datapackage.json naming every file.
func TestRealCSV(t *testing.T) {
	_, res := realExport(t)
	dp, err := ReadDataPackage(res.Dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(dp.Resources) != 2*len(Tables()) {
		t.Errorf("datapackage.json: %d resources, want %d", len(dp.Resources), 2*len(Tables()))
	}
	if len(dp.Sources) == 0 || dp.DataVersion == 0 {
		t.Errorf("datapackage.json: sources %v, data version %d", dp.Sources, dp.DataVersion)
	}
	for _, r := range dp.Resources {
		for _, p := range r.Path {
			if _, err := os.Stat(filepath.Join(res.Dir, p)); err != nil {
				t.Errorf("%s: %v", r.Name, err)
			}
		}
		if r.Format != "csv" {
			continue
		}
		table := strings.TrimSuffix(r.Name, "_csv")
		f, err := os.Open(filepath.Join(res.Dir, r.Path[0]))
		if err != nil {
			t.Fatal(err)
		}
		cr := csv.NewReader(f)
		head, err := cr.Read()
		if err != nil {
			t.Fatalf("%s: %v", table, err)
		}
		var names []string
		for _, fd := range r.Schema.Fields {
			names = append(names, fd.Name)
		}
		if !slices.Equal(head, names) || !slices.Equal(head, columnNames(table)) {
			t.Errorf("%s.csv header %v, datapackage.json %v", table, head, names)
		}
		n := 0
		for {
			_, err := cr.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s.csv: %v", table, err)
			}
			n++
		}
		f.Close()
		if n != r.Rows {
			t.Errorf("%s.csv: %d rows, datapackage.json says %d", table, n, r.Rows)
		}
	}
}
