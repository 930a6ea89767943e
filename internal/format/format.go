// Package format writes results as an aligned text table, JSON or CSV. The
// command line and the HTTP API both write through it, so a result looks
// the same wherever it is read.
package format

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"
)

// Format is an output format.
type Format string

// The output formats.
const (
	Table Format = "table"
	JSON  Format = "json"
	CSV   Format = "csv"
)

// Parse reads a format name.
func Parse(s string) (Format, error) {
	switch Format(strings.ToLower(s)) {
	case Table, "":
		return Table, nil
	case JSON:
		return JSON, nil
	case CSV:
		return CSV, nil
	}
	return "", fmt.Errorf("unknown format %q (want table, json or csv)", s)
}

// Rows is tabular data: a header and rows of cells. A cell is a string, an
// int, a float64 (NaN and infinities are written as empty, never as a
// number), a bool, nil (empty) or a fmt.Stringer.
type Rows struct {
	Heading []string // lines printed above the table in table format only
	Columns []string
	Data    [][]any
	Footer  []string // lines printed below the table in table format only
	// Precision of floats in table format (default 3); CSV and JSON keep full
	// precision.
	Precision int
}

// Tabular is a result that can be written as rows.
type Tabular interface {
	Rows() *Rows
}

// CSVStreamer is a result large enough to be written as CSV row by row
// rather than built as Rows first.
type CSVStreamer interface {
	StreamCSV(w *csv.Writer) error
}

// Write writes v in format f. JSON writes v itself (or its Rows as a list
// of objects if v is a *Rows); table and CSV need v to be Tabular or *Rows
// (or, for CSV, a CSVStreamer).
func Write(w io.Writer, f Format, v any) error {
	if s, ok := v.(CSVStreamer); ok && f == CSV {
		cw := csv.NewWriter(w)
		if err := s.StreamCSV(cw); err != nil {
			return err
		}
		cw.Flush()
		return cw.Error()
	}
	if f == JSON {
		if r, ok := v.(*Rows); ok {
			v = r.Objects()
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(v)
	}
	var r *Rows
	switch t := v.(type) {
	case *Rows:
		r = t
	case Tabular:
		r = t.Rows()
	default:
		return fmt.Errorf("format: %T cannot be written as %s", v, f)
	}
	if f == CSV {
		return r.WriteCSV(w)
	}
	return r.WriteTable(w)
}

// Objects returns the rows as a list of objects, for JSON: each maps the
// columns to the row's values and is written with its keys in column order.
func (r *Rows) Objects() []Object {
	out := make([]Object, 0, len(r.Data))
	for _, row := range r.Data {
		o := Object{Keys: r.Columns[:min(len(r.Columns), len(row))], Values: make([]any, 0, len(r.Columns))}
		for i := range o.Keys {
			v := row[i]
			if f, ok := v.(float64); ok && (math.IsNaN(f) || math.IsInf(f, 0)) {
				v = nil
			}
			if s, ok := v.(fmt.Stringer); ok {
				v = s.String()
			}
			o.Values = append(o.Values, v)
		}
		out = append(out, o)
	}
	return out
}

// Object is one row as a JSON object: Keys[i] maps to Values[i], written in
// that order (a Go map would sort them).
type Object struct {
	Keys   []string
	Values []any
}

// Get returns the value of key, and whether the object has it.
func (o Object) Get(key string) (any, bool) {
	for i, k := range o.Keys {
		if k == key {
			return o.Values[i], true
		}
	}
	return nil, false
}

// MarshalJSON writes the object with its keys in order.
func (o Object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range o.Keys {
		if i > 0 {
			b.WriteByte(',')
		}
		kb, err := json.Marshal(k)
		if err != nil {
			return nil, err
		}
		vb, err := json.Marshal(o.Values[i])
		if err != nil {
			return nil, fmt.Errorf("format: column %s: %w", k, err)
		}
		b.Write(kb)
		b.WriteByte(':')
		b.Write(vb)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// WriteCSV writes the header and the rows as CSV with full precision.
func (r *Rows) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(r.Columns); err != nil {
		return err
	}
	rec := make([]string, len(r.Columns))
	for _, row := range r.Data {
		for i := range rec {
			rec[i] = ""
			if i < len(row) {
				rec[i] = cell(row[i], -1)
			}
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteTable writes an aligned text table with the heading and footer.
func (r *Rows) WriteTable(w io.Writer) error {
	for _, h := range r.Heading {
		if _, err := fmt.Fprintln(w, h); err != nil {
			return err
		}
	}
	if len(r.Heading) > 0 {
		fmt.Fprintln(w)
	}
	prec := r.Precision
	if prec == 0 {
		prec = 3
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(r.Columns, "\t"))
	for _, row := range r.Data {
		cells := make([]string, len(row))
		for i, c := range row {
			cells[i] = cell(c, prec)
			if cells[i] == "" {
				cells[i] = "-"
			}
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, f := range r.Footer {
		if _, err := fmt.Fprintln(w, f); err != nil {
			return err
		}
	}
	return nil
}

// Cell formats one value as CSV writes it: full precision, empty for nil
// and NaN.
func Cell(v any) string { return cell(v, -1) }

// cell formats one value; prec < 0 means full precision.
func cell(v any, prec int) string {
	switch t := v.(type) {
	case nil:
		return ""
	case string:
		return t
	case int:
		return strconv.Itoa(t)
	case int64:
		return strconv.FormatInt(t, 10)
	case float64:
		if math.IsNaN(t) || math.IsInf(t, 0) {
			return ""
		}
		return strconv.FormatFloat(t, 'f', prec, 64)
	case *float64:
		if t == nil {
			return ""
		}
		return cell(*t, prec)
	case bool:
		return strconv.FormatBool(t)
	case fmt.Stringer:
		return t.String()
	}
	return fmt.Sprint(v)
}
