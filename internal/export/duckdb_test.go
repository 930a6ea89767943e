package export

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// duckDBScript is the Node script that reads an export with DuckDB; its
// package (pinned in package-lock.json) is installed by .ci/install-duckdb.
const duckDBScript = "../../tools/duckdb/check.mjs"

// TestDuckDB reads the real export with DuckDB, an engine independent of
// the library that wrote it: the row count of every table (Parquet and
// CSV), the declared column types, a join of votes to roll calls and a
// filter on dyad_years. Without node or the DuckDB package it skips,
// unless CI=true.
func TestDuckDB(t *testing.T) {
	node, err := exec.LookPath("node")
	if err == nil {
		_, err = os.Stat(filepath.Join(filepath.Dir(duckDBScript), "node_modules", "@duckdb", "node-api"))
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("node or @duckdb/node-api missing in CI (run .ci/install-duckdb): %v", err)
		}
		t.Skipf("node or @duckdb/node-api missing (run .ci/install-duckdb): %v", err)
	}
	_, res := realExport(t)
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(node, duckDBScript, res.Dir)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\n%s", duckDBScript, err, stderr.String())
	}
	var got struct {
		Version string
		Tables  map[string]struct {
			Rows    int
			CSVRows *int `json:"csv_rows"`
			Columns map[string]string
		}
		ES11   map[string]int `json:"es_11_1"`
		ES11No string         `json:"es_11_1_no"`
		PRKRUS *struct {
			N     int
			Agree float64
		} `json:"prk_rus_2022"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
		t.Fatalf("%v: %s", err, stdout.String())
	}
	t.Logf("DuckDB %s", got.Version)
	dp, err := ReadDataPackage(res.Dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, tr := range res.Tables {
		g, ok := got.Tables[tr.Name]
		if !ok {
			t.Errorf("DuckDB did not read %s", tr.Name)
			continue
		}
		if g.Rows != tr.Rows {
			t.Errorf("%s: DuckDB counts %d rows in Parquet, blocwatch wrote %d", tr.Name, g.Rows, tr.Rows)
		}
		if g.CSVRows != nil && *g.CSVRows != tr.Rows {
			t.Errorf("%s: DuckDB counts %d rows in CSV, blocwatch wrote %d", tr.Name, *g.CSVRows, tr.Rows)
		}
		if tr.Rows == 0 {
			continue
		}
		for _, r := range dp.Resources {
			if r.Name != tr.Name+"_parquet" {
				continue
			}
			for _, f := range r.Schema.Fields {
				want := duckDBType(f)
				if g.Columns[f.Name] != want {
					t.Errorf("%s.%s: DuckDB reads %q, datapackage.json declares %s (%s), want %s", tr.Name, f.Name, g.Columns[f.Name], f.Type, f.Parquet, want)
				}
			}
			if len(g.Columns) != len(r.Schema.Fields) {
				t.Errorf("%s: DuckDB reads %d columns, datapackage.json declares %d", tr.Name, len(g.Columns), len(r.Schema.Fields))
			}
		}
	}
	if got.ES11["Y"] != 141 || got.ES11["N"] != 5 || got.ES11["A"] != 35 || got.ES11No != "BLR ERI PRK RUS SYR" {
		t.Errorf("A/RES/ES-11/1 through DuckDB: %v, no: %s", got.ES11, got.ES11No)
	}
	if got.PRKRUS == nil || got.PRKRUS.N != 79 || math.Abs(got.PRKRUS.Agree-0.835) > 0.0005 {
		t.Errorf("PRK-RUS 2022 through DuckDB: %+v, want n 79, agree 0.835", got.PRKRUS)
	}
}

// duckDBType is the type DuckDB gives a column that datapackage.json
// declares as f.
func duckDBType(f Field) string {
	switch {
	case f.Parquet == "": // the Hive partition key
		return "BIGINT"
	case f.Type == "date":
		return "DATE"
	case f.Type == "string":
		return "VARCHAR"
	case f.Type == "boolean":
		return "BOOLEAN"
	case f.Type == "number":
		return "DOUBLE"
	case f.Parquet == "INT64":
		return "BIGINT"
	case f.Parquet == "INT32":
		return "INTEGER"
	}
	return strings.ToUpper(f.Type)
}
