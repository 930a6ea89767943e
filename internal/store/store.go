// Package store keeps blocwatch's records in one SQLite file: roll calls,
// member votes, vetoes, and the provenance of every one of them (which file,
// which line). It is the only code that writes the database. An ingest is a
// single transaction: it lands whole or not at all.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"time"

	_ "modernc.org/sqlite" // the pure-Go SQLite driver
)

// Store is an open blocwatch database.
type Store struct {
	db   *sql.DB
	path string
}

// schemaVersion is written to meta.schema_version; bump it with a migration.
const schemaVersion = 1

const schema = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS source (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,          -- file name as given
	path TEXT NOT NULL,
	layout TEXT NOT NULL,
	sha256 TEXT NOT NULL UNIQUE,
	rows INTEGER NOT NULL,
	ingested_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS rollcall (
	id INTEGER PRIMARY KEY,
	body TEXT NOT NULL,
	undl_id TEXT,
	resolution TEXT NOT NULL DEFAULT '',
	symkey TEXT NOT NULL DEFAULT '', -- normalised symbol, for matching sources
	date TEXT NOT NULL,
	session INTEGER NOT NULL DEFAULT 0,
	draft TEXT NOT NULL DEFAULT '',
	committee TEXT NOT NULL DEFAULT '',
	meeting TEXT NOT NULL DEFAULT '',
	title TEXT NOT NULL DEFAULT '',
	agenda TEXT NOT NULL DEFAULT '',
	subjects TEXT NOT NULL DEFAULT '', -- joined by |
	note TEXT NOT NULL DEFAULT '',
	amendment INTEGER NOT NULL DEFAULT 0,
	paragraph INTEGER NOT NULL DEFAULT 0,
	important INTEGER NOT NULL DEFAULT 0,
	issues TEXT NOT NULL DEFAULT '', -- Voeten codes, space separated
	link TEXT NOT NULL DEFAULT '',
	off_yes INTEGER, off_no INTEGER, off_abstain INTEGER, off_non_voting INTEGER,
	members INTEGER NOT NULL DEFAULT 0,
	priority INTEGER NOT NULL, -- priority of the source that wrote the metadata
	packed TEXT NOT NULL DEFAULT '' -- the votes again, as CODE+VOTE units ("USAY"), for a fast matrix load
);
CREATE UNIQUE INDEX IF NOT EXISTS rollcall_undl ON rollcall(undl_id) WHERE undl_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS rollcall_resolution ON rollcall(resolution);
CREATE INDEX IF NOT EXISTS rollcall_date ON rollcall(date);
CREATE TABLE IF NOT EXISTS rollcall_source (
	rollcall_id INTEGER NOT NULL REFERENCES rollcall(id),
	source_id INTEGER NOT NULL REFERENCES source(id),
	family TEXT NOT NULL,   -- undl or unvotes
	key TEXT NOT NULL,      -- the source's own key (undl:ID, sym:SYMBOL@DATE, rcid:N)
	line INTEGER NOT NULL,
	PRIMARY KEY (rollcall_id, source_id, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS rollcall_source_key ON rollcall_source(family, key);
CREATE TABLE IF NOT EXISTS vote (
	rollcall_id INTEGER NOT NULL,
	state TEXT NOT NULL,    -- registry code
	vote TEXT NOT NULL,     -- Y N A X
	name TEXT NOT NULL,     -- the member's name as the source wrote it
	source_id INTEGER NOT NULL,
	line INTEGER NOT NULL,
	priority INTEGER NOT NULL,
	PRIMARY KEY (rollcall_id, state)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS vote_state ON vote(state, rollcall_id);
CREATE TABLE IF NOT EXISTS disagreement (
	rollcall_id INTEGER NOT NULL,
	state TEXT NOT NULL,
	kind TEXT NOT NULL,      -- sources: two files disagree; duplicate: one file has two rows
	kept TEXT NOT NULL, kept_source INTEGER NOT NULL, kept_line INTEGER NOT NULL,
	other TEXT NOT NULL, other_source INTEGER NOT NULL, other_line INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS problem (
	source_id INTEGER NOT NULL,
	line INTEGER NOT NULL,
	kind TEXT NOT NULL,
	code TEXT NOT NULL DEFAULT '',
	name TEXT NOT NULL DEFAULT '',
	vote TEXT NOT NULL DEFAULT '',
	rollcall_id INTEGER,
	message TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS veto (
	id INTEGER PRIMARY KEY,
	date TEXT NOT NULL,
	draft TEXT NOT NULL,
	meeting TEXT NOT NULL DEFAULT '',
	agenda TEXT NOT NULL DEFAULT '',
	topic TEXT NOT NULL DEFAULT '',
	region TEXT NOT NULL DEFAULT '',
	vetoers TEXT NOT NULL,   -- space separated registry codes
	user_added INTEGER NOT NULL DEFAULT 0,
	link TEXT NOT NULL DEFAULT '',
	source_id INTEGER NOT NULL,
	line INTEGER NOT NULL,
	seq INTEGER NOT NULL,    -- 0 for the first veto with this date, draft and agenda in its file, 1 for the next...
	UNIQUE (date, draft, agenda, seq)
);
`

// DefaultPath returns the default database file: $BLOCWATCH_DB if set, else
// blocwatch/blocwatch.db under the user's data directory
// ($XDG_DATA_HOME, or ~/.local/share).
func DefaultPath() string {
	if p := os.Getenv("BLOCWATCH_DB"); p != "" {
		return p
	}
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			home = "."
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "blocwatch", "blocwatch.db")
}

// Bounds on the resources of an open store: at most maxConns connections
// to the file, each with a page cache of at most cacheKiB KiB. A server
// under load then holds at most maxConns × cacheKiB of SQLite page cache
// (64 MiB), whatever the number of requests in flight.
const (
	maxConns = 4
	cacheKiB = 16 << 10
)

// busyTimeout is how long a connection waits for another's write lock
// before it fails with "database is locked".
const busyTimeout = 10 * time.Second

// pragmas are set on every connection.
var pragmas = []string{
	"busy_timeout(" + strconv.FormatInt(busyTimeout.Milliseconds(), 10) + ")",
	"foreign_keys(0)",
	"journal_mode(DELETE)",
	"synchronous(NORMAL)",
	"temp_store(MEMORY)",
	"cache_size(-" + strconv.Itoa(cacheKiB) + ")",
}

// DSN returns the SQLite connection string for the file at path: a file:
// URI with the path escaped, so that a name holding '?', '#', '%' or a
// space names that very file, and the connection pragmas as parameters.
func DSN(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	q := url.Values{"_pragma": pragmas, "_txlock": {"immediate"}}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs), RawQuery: q.Encode()}
	return u.String(), nil
}

// Open opens or creates the database at path and brings its schema up to
// date.
func Open(path string) (*Store, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("store: %w", err)
		}
	}
	dsn, err := DSN(path)
	if err != nil {
		return nil, fmt.Errorf("store: %s: %w", path, err)
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	db.SetMaxOpenConns(maxConns)
	db.SetMaxIdleConns(maxConns)
	db.SetConnMaxIdleTime(5 * time.Minute)
	s := &Store{db: db, path: path}
	if err := s.migrate(); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: %s: %w", path, err)
	}
	if err := s.ensureIndexes(); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: %s: %w", path, err)
	}
	return s, nil
}

// lookupIndexes serve the lookups by symbol: exactly as written but
// case-insensitive (RollCallBySymbol's COLLATE NOCASE cannot use the plain
// index on resolution), and by normalised symbol. They are created on open
// when missing, so stores written before them gain them too.
var lookupIndexes = map[string]string{
	"rollcall_resolution_nocase": `CREATE INDEX IF NOT EXISTS rollcall_resolution_nocase ON rollcall(resolution COLLATE NOCASE)`,
	"rollcall_symkey":            `CREATE INDEX IF NOT EXISTS rollcall_symkey ON rollcall(symkey)`,
}

// ensureIndexes creates the lookup indexes that are missing. A store that
// has them all is not written to.
func (s *Store) ensureIndexes() error {
	rows, err := s.db.Query(`SELECT name FROM sqlite_master WHERE type = 'index'`)
	if err != nil {
		return err
	}
	have := map[string]bool{}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return err
		}
		have[n] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for name, ddl := range lookupIndexes {
		if have[name] {
			continue
		}
		if _, err := s.db.Exec(ddl); err != nil {
			return fmt.Errorf("create index %s: %w", name, err)
		}
	}
	return nil
}

// OpenExisting opens a database that must already exist.
func OpenExisting(path string) (*Store, error) {
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("no database at %s: run `blocwatch update` or `blocwatch ingest FILE` first", path)
		}
		return nil, fmt.Errorf("store: %w", err)
	}
	return Open(path)
}

func (s *Store) migrate() error {
	var v int
	err := s.db.QueryRow(`SELECT value FROM meta WHERE key='schema_version'`).Scan(&v)
	if err == nil {
		if v > schemaVersion {
			return fmt.Errorf("schema version %d is newer than this blocwatch (%d): upgrade blocwatch", v, schemaVersion)
		}
		if v == schemaVersion {
			return nil
		}
	}
	tx, err := s.db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.Exec(schema + fitSchema); err != nil {
		return fmt.Errorf("create schema: %w", err)
	}
	if _, err := tx.Exec(`INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)`, strconv.Itoa(schemaVersion)); err != nil {
		return err
	}
	return tx.Commit()
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Path returns the database file's path.
func (s *Store) Path() string { return s.path }

// DB returns the underlying database handle, for read-only queries.
func (s *Store) DB() *sql.DB { return s.db }

// Version returns the data version: a number that changes with every ingest
// that changed data. Matrices and fits record it.
func (s *Store) Version(ctx context.Context) (int, error) {
	var v string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key='data_version'`).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	return strconv.Atoi(v)
}
