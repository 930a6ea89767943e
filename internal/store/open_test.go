package store

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A --db path is a file name, whatever characters it holds: none of them
// may be read as part of a connection string.
func TestOpenPathWithURICharacters(t *testing.T) {
	for _, name := range []string{"x#y.db", "a?b.db", "p%41.db", "with space.db", "all ?#% .db", "x?mode=ro.db"} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, name)
			s, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			ingest(t, s, "testdata/ga_small.csv")
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			ents, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, e := range ents {
				names = append(names, e.Name())
			}
			if len(names) != 1 || names[0] != name {
				t.Fatalf("the folder holds %q, want only %q", names, name)
			}
			s, err = OpenExisting(path)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if v, err := s.Version(context.Background()); err != nil || v == 0 {
				t.Errorf("reopened %q: data version %d, %v; want the ingested data", name, v, err)
			}
		})
	}
}

// Every lookup by key is served by an index, not by a scan of its table.
func TestLookupsUseIndexes(t *testing.T) {
	s := openTemp(t)
	ingest(t, s, "testdata/ga_small.csv")
	sel := `SELECT ` + rollCallCols + ` FROM rollcall r WHERE `
	for _, q := range []string{
		sel + bySymbol,
		sel + bySymbol + onDate,
		sel + bySymbolKey,
		sel + bySymbolKey + onDate,
		sel + `r.id = ?`,
		`SELECT state, name, vote FROM vote WHERE rollcall_id = ? ORDER BY state`,
		`SELECT DISTINCT s.name FROM rollcall_source rs JOIN source s ON s.id = rs.source_id WHERE rs.rollcall_id = ? ORDER BY s.id`,
		`SELECT id FROM fit WHERE name = ?`,
		`SELECT state, year, x, se, n FROM fit_point WHERE fit_id = ? ORDER BY state, year`,
	} {
		rows, err := s.db.Query(`EXPLAIN QUERY PLAN `+q, "A/RES/1/1", "2000-01-01")
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, notused int
			var detail string
			if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		for _, step := range plan {
			if strings.HasPrefix(step, "SCAN ") {
				t.Errorf("%s\nscans a table: %q", q, plan)
			}
		}
	}
}
