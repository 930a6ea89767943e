package store

import (
	"context"
	"database/sql"
	"fmt"
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
	PRIMARY KEY (fit_id, state, year)
) WITHOUT ROWID;
`

// SaveFit stores a fit under f.Name, replacing an earlier fit of that name,
// in one transaction.
func (s *Store) SaveFit(ctx context.Context, f *Fit, points []Point) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var old int64
	switch err := tx.QueryRowContext(ctx, `SELECT id FROM fit WHERE name = ?`, f.Name).Scan(&old); err {
	case nil:
		if _, err := tx.ExecContext(ctx, `DELETE FROM fit_point WHERE fit_id = ?`, old); err != nil {
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
	ins := newBulk(tx, "INSERT INTO fit_point(fit_id, state, year, x, se, n) VALUES ", 6)
	for _, p := range points {
		if err := ins.add(f.ID, p.State, p.Year, p.X, p.SE, p.N); err != nil {
			return err
		}
	}
	if err := ins.flush(); err != nil {
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
	rows, err := s.db.QueryContext(ctx, `SELECT state, year, x, se, n FROM fit_point WHERE fit_id = ? ORDER BY state, year`, f.ID)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var pts []Point
	for rows.Next() {
		var p Point
		if err := rows.Scan(&p.State, &p.Year, &p.X, &p.SE, &p.N); err != nil {
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
