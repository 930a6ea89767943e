package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEventsCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	if code, _, stderr := blocwatch(t, "--db", db, "-q", "ingest", fixtures+"/ga_small.csv"); code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, stderr)
	}
	code, out, _ := blocwatch(t, "--db", db, "events", "--format", "csv")
	if code != 0 || !strings.Contains(out, "2023-09-13,Vostochny summit") || !strings.HasPrefix(out, "date,title,kind,states,source,user_added\n") {
		t.Fatalf("events: exit %d:\n%s", code, out)
	}
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("date,title,kind,states,source\n2025-01-01,ok,meeting,PRK,https://e.org\n2025-13-01,bad,meeting,PRK,https://e.org\n"), 0o644)
	code, _, stderr := blocwatch(t, "--db", db, "events", "add", bad)
	if code != exitUsage || !strings.Contains(stderr, "bad.csv:3: column 1 (date)") {
		t.Fatalf("events add bad.csv: exit %d, stderr %q", code, stderr)
	}
	good := filepath.Join(dir, "good.csv")
	os.WriteFile(good, []byte("date,title,kind,states,source\n2025-01-01,A user's meeting,meeting,PRK RUS,https://e.org/x\n"), 0o644)
	if code, _, stderr := blocwatch(t, "--db", db, "events", "add", good); code != 0 {
		t.Fatalf("events add good.csv: exit %d: %s", code, stderr)
	}
	code, out, _ = blocwatch(t, "--db", db, "events", "--from", "2025", "--format", "csv")
	if code != 0 || !strings.Contains(out, "2025-01-01,A user's meeting,meeting,PRK RUS,https://e.org/x,true") {
		t.Fatalf("events after add: exit %d:\n%s", code, out)
	}
}

func TestAlignAround(t *testing.T) {
	db := filepath.Join(t.TempDir(), "t.db")
	if code, _, stderr := blocwatch(t, "--db", db, "-q", "ingest", fixtures+"/ga_small.csv"); code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, stderr)
	}
	if code, _, stderr := blocwatch(t, "--db", db, "align", "PRK", "RUS", "--around", "2023-09-13", "--from", "2020"); code != exitUsage {
		t.Errorf("--around with --from: exit %d (%s), want %d", code, stderr, exitUsage)
	}
	if code, _, stderr := blocwatch(t, "--db", db, "align", "PRK", "RUS", "--around", "no such event"); code != exitNotFound {
		t.Errorf("--around unknown: exit %d (%s), want %d", code, stderr, exitNotFound)
	}
}
