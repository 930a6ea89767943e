package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExportCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "t.db")
	if code, _, stderr := blocwatch(t, "--db", db, "ingest", fixtures+"/ga_small.csv", fixtures+"/unvotes"); code != 0 {
		t.Fatal(stderr)
	}
	out := t.TempDir()
	tests := []struct {
		name  string
		args  []string
		code  int
		files []string // that must exist under out afterwards
		msg   string   // in stderr
	}{
		{"parquet", []string{"export", "--out", out + "/p"}, 0,
			[]string{"p/datapackage.json", "p/roll_calls.parquet", "p/votes/year=1980/part-0.parquet", "p/dyad_years/year=1981/part-0.parquet"}, "votes"},
		{"csv tables", []string{"export", "--out", out + "/c", "--format", "csv", "--tables", "roll_calls,votes", "--from", "1981"}, 0,
			[]string{"c/roll_calls.csv", "c/votes.csv", "c/datapackage.json"}, "wrote"},
		{"unvotes", []string{"export", "--out", out + "/u", "--layout", "unvotes"}, 0,
			[]string{"u/votes.csv", "u/roll_calls.csv", "u/roll_call_issues.csv"}, "unvotes layout"},
		{"no out", []string{"export"}, 2, nil, "--out"},
		{"bad format", []string{"export", "--out", out + "/x", "--format", "xlsx"}, 2, nil, "xlsx"},
		{"bad table", []string{"export", "--out", out + "/x", "--tables", "nope"}, 2, nil, "nope"},
		{"bad layout", []string{"export", "--out", out + "/x", "--layout", "stata"}, 2, nil, "stata"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := blocwatch(t, append([]string{"--db", db}, tt.args...)...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d: %s", code, tt.code, stderr)
			}
			if !strings.Contains(stderr, tt.msg) {
				t.Errorf("stderr lacks %q: %s", tt.msg, stderr)
			}
			for _, f := range tt.files {
				if _, err := os.Stat(filepath.Join(out, f)); err != nil {
					t.Error(err)
				}
			}
		})
	}
	b, err := os.ReadFile(filepath.Join(out, "c", "votes.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(b), "year,rollcall_id,state,vote,source\r\n1981,") {
		t.Errorf("votes.csv starts %q", string(b[:min(len(b), 60)]))
	}
}
