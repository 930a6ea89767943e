package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// Fit is a stored ideal-point fit: its name, settings and the data version
// it was computed from.
type Fit struct {
	ID          int64   `json:"id"`
	Name        string  `json:"name"`
	Settings    string  `json:"settings"` // JSON
	DataVersion int     `json:"data_version"`
	CreatedAt   string  `json:"created_at"`
	Iterations  int     `json:"iterations"`
	Converged   bool    `json:"converged"`
	Seconds     float64 `json:"seconds"`
}

// Point is one state's ideal point in one year.
type Point struct {
	State string  `json:"state"`
	Year  int     `json:"year"`
	X     float64 `json:"x"`
	SE    float64 `json:"se"`
	N     int     `json:"n"` // votes cast that year
	// Corr is the correlation of X with the state's next stored point (0
	// at its last, in static fits, and in fits stored before it existed).
	Corr float64 `json:"corr,omitempty"`
}

const fitSchema = `
CREATE TABLE IF NOT EXISTS fit (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	settings TEXT NOT NULL,
	data_version INTEGER NOT NULL,
	created_at TEXT NOT NULL,
	iterations INTEGER NOT NULL,
	converged INTEGER NOT NULL,
	seconds REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS fit_point (
	fit_id INTEGER NOT NULL REFERENCES fit(id),
	state TEXT NOT NULL,
	year INTEGER NOT NULL,
	x REAL NOT NULL,
	se REAL NOT NULL,
	n INTEGER NOT NULL,
	corr REAL NOT NULL DEFAULT 0,
	PRIMARY KEY (fit_id, state, year)
) WITHOUT ROWID;
` + fitRollCallSchema

// fitRollCallSchema lists the roll calls each fit used (by rollcall.id).
// It and fit_point.corr are created on first use in a store made before
// them (ensureFitSchema), without a schema version of their own.
const fitRollCallSchema = `
CREATE TABLE IF NOT EXISTS fit_rollcall (
	fit_id INTEGER NOT NULL REFERENCES fit(id),
	rollcall_id INTEGER NOT NULL,
	PRIMARY KEY (fit_id, rollcall_id)
) WITHOUT ROWID;
`

// ensureFitSchema adds fit_point.corr and fit_rollcall to a store created
// before them.
func ensureFitSchema(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, fitRollCallSchema); err != nil {
		return fmt.Errorf("store: create fit_rollcall: %w", err)
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM pragma_table_info('fit_point') WHERE name = 'corr'`).Scan(&n); err != nil {
		return fmt.Errorf("store: fit_point columns: %w", err)
	}
	if n == 0 {
		if _, err := tx.ExecContext(ctx, `ALTER TABLE fit_point ADD COLUMN corr REAL NOT NULL DEFAULT 0`); err != nil {
			return fmt.Errorf("store: add fit_point.corr: %w", err)
		}
	}
	return nil
}

// SaveFit stores a fit under f.Name, replacing an earlier fit of that name,
// in one transaction.
//
// rollCalls, if not nil, are the ids of the roll calls the fit used.
func (s *Store) SaveFit(ctx context.Context, f *Fit, points []Point, rollCalls ...int64) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := ensureFitSchema(ctx, tx); err != nil {
		return err
	}
	var old int64
	switch err := tx.QueryRowContext(ctx, `SELECT id FROM fit WHERE name = ?`, f.Name).Scan(&old); err {
	case nil:
		if _, err := tx.ExecContext(ctx, `DELETE FROM fit_point WHERE fit_id = ?`, old); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM fit_rollcall WHERE fit_id = ?`, old); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM fit WHERE id = ?`, old); err != nil {
			return err
		}
	case sql.ErrNoRows:
	default:
		return err
	}
	if f.CreatedAt == "" {
		f.CreatedAt = time.Now().UTC().Format(time.RFC3339)
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO fit(name, settings, data_version, created_at, iterations, converged, seconds) VALUES (?,?,?,?,?,?,?)`,
		f.Name, f.Settings, f.DataVersion, f.CreatedAt, f.Iterations, f.Converged, f.Seconds)
	if err != nil {
		return fmt.Errorf("store: save fit %s: %w", f.Name, err)
	}
	f.ID, _ = res.LastInsertId()
	ins := newBulk(tx, "INSERT INTO fit_point(fit_id, state, year, x, se, n, corr) VALUES ", 7)
	for _, p := range points {
		if err := ins.add(f.ID, p.State, p.Year, p.X, p.SE, p.N, p.Corr); err != nil {
			return err
		}
	}
	if err := ins.flush(); err != nil {
		return err
	}
	rc := newBulk(tx, "INSERT OR IGNORE INTO fit_rollcall(fit_id, rollcall_id) VALUES ", 2)
	for _, id := range rollCalls {
		if err := rc.add(f.ID, id); err != nil {
			return err
		}
	}
	if err := rc.flush(); err != nil {
		return err
	}
	return tx.Commit()
}

// Fit returns the stored fit of that name with its points.
func (s *Store) Fit(ctx context.Context, name string) (*Fit, []Point, error) {
	f := &Fit{}
	err := s.db.QueryRowContext(ctx, `SELECT id, name, settings, data_version, created_at, iterations, converged, seconds FROM fit WHERE name = ?`, name).
		Scan(&f.ID, &f.Name, &f.Settings, &f.DataVersion, &f.CreatedAt, &f.Iterations, &f.Converged, &f.Seconds)
	if err == sql.ErrNoRows {
		return nil, nil, &NotFoundError{What: fmt.Sprintf("ideal-point fit %q", name), Hint: "run `blocwatch ideal fit` first"}
	}
	if err != nil {
		return nil, nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT state, year, x, se, n, corr FROM fit_point WHERE fit_id = ? ORDER BY state, year`, f.ID)
	if err != nil {
		// A store made before fit_point.corr.
		rows, err = s.db.QueryContext(ctx, `SELECT state, year, x, se, n, 0 FROM fit_point WHERE fit_id = ? ORDER BY state, year`, f.ID)
	}
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var pts []Point
	for rows.Next() {
		var p Point
		if err := rows.Scan(&p.State, &p.Year, &p.X, &p.SE, &p.N, &p.Corr); err != nil {
			return nil, nil, err
		}
		pts = append(pts, p)
	}
	return f, pts, rows.Err()
}

// Fits lists the stored fits.
func (s *Store) Fits(ctx context.Context) ([]Fit, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, name, settings, data_version, created_at, iterations, converged, seconds FROM fit ORDER BY name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Fit
	for rows.Next() {
		var f Fit
		if err := rows.Scan(&f.ID, &f.Name, &f.Settings, &f.DataVersion, &f.CreatedAt, &f.Iterations, &f.Converged, &f.Seconds); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// FitRollCalls returns the ids of the roll calls a stored fit used, in
// order (none for a fit stored before they were recorded).
func (s *Store) FitRollCalls(ctx context.Context, name string) ([]int64, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT r.rollcall_id FROM fit_rollcall r JOIN fit f ON f.id = r.fit_id WHERE f.name = ? ORDER BY r.rollcall_id`, name)
	if err != nil {
		if strings.Contains(err.Error(), "no such table") {
			return nil, nil // a store made before fits recorded their roll calls
		}
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
