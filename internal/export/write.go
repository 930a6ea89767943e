package export

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/zstd"
)

// Date is a calendar day as the number of days since 1970-01-01: the
// Parquet DATE logical type. CSV writes it as YYYY-MM-DD.
type Date int32

// ParseDate reads YYYY-MM-DD; ok is false for anything else.
func ParseDate(s string) (Date, bool) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return 0, false
	}
	return Date(t.Unix() / 86400), true
}

// String returns the date as YYYY-MM-DD.
func (d Date) String() string {
	return time.Unix(int64(d)*86400, 0).UTC().Format(time.DateOnly)
}

// datePtr returns the date of s, or nil if s is not a full date.
func datePtr(s string) *Date {
	d, ok := ParseDate(s)
	if !ok {
		return nil
	}
	return &d
}

// column is one field of a row type as the writers see it.
type column struct {
	index  int    // in the struct
	name   string // the column name, the same in every format
	csv    bool   // written to CSV
	pq     bool   // written to Parquet (false for the partition key)
	typ    reflect.Type
	desc   string
	unit   string
	values []string // the allowed values of an enum
}

// columns returns the columns of the row type T, from its struct tags:
// `parquet:"name,..."` names a column (a name of "-" keeps it out of the
// Parquet files: the partition key, given by the folder), `col:"name"`
// names a column that is in CSV only, `desc` describes it, `unit` gives
// its unit and `enum` its values, separated by spaces.
func columns(t reflect.Type) []column {
	var cs []column
	for i := range t.NumField() {
		f := t.Field(i)
		c := column{index: i, typ: f.Type, desc: f.Tag.Get("desc"), unit: f.Tag.Get("unit")}
		if e := f.Tag.Get("enum"); e != "" {
			c.values = strings.Fields(e)
		}
		name, _, _ := strings.Cut(f.Tag.Get("parquet"), ",")
		switch {
		case name != "" && name != "-":
			c.name, c.csv, c.pq = name, true, true
		case f.Tag.Get("col") != "":
			c.name, c.csv = f.Tag.Get("col"), true
		default:
			continue
		}
		cs = append(cs, c)
	}
	return cs
}

var dateType = reflect.TypeFor[Date]()

// appendCSV appends the value v of column c as one CSV field (RFC 4180):
// an empty field for a null, YYYY-MM-DD for dates, true/false, numbers in
// the shortest form that reads back exactly, strings quoted where needed.
func appendCSV(b []byte, v reflect.Value) []byte {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return b
		}
		v = v.Elem()
	}
	if v.Type() == dateType {
		return append(b, Date(v.Int()).String()...)
	}
	switch v.Kind() {
	case reflect.String:
		s := v.String()
		if !strings.ContainsAny(s, "\",\r\n") {
			return append(b, s...)
		}
		b = append(b, '"')
		b = append(b, strings.ReplaceAll(s, `"`, `""`)...)
		return append(b, '"')
	case reflect.Bool:
		return strconv.AppendBool(b, v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.AppendInt(b, v.Int(), 10)
	case reflect.Float32, reflect.Float64:
		return strconv.AppendFloat(b, v.Float(), 'g', -1, 64)
	}
	panic(fmt.Sprintf("export: no CSV form for %s", v.Type()))
}

// zstdCodec compresses every Parquet file. It keeps a pool of encoders, so
// it is shared: a codec per file would build new encoders for every file.
var zstdCodec = &zstd.Codec{Level: zstd.SpeedFastest}

// A tableWriter writes the rows of one table in the chosen formats: one CSV
// file, and one Parquet file or, for a partitioned table, one Parquet file
// per year in Hive-style folders (votes/year=2022/part-0.parquet).
type tableWriter[T any] struct {
	name        string
	dir         string
	formats     []Format
	partitioned bool
	cols        []column
	meta        []parquet.WriterOption

	csvFile *os.File
	csvBuf  *bufio.Writer
	line    []byte

	pqFile *os.File
	pq     *parquet.GenericWriter[T]
	year   int

	rows  int
	files map[Format][]string // relative paths written
}

func newTableWriter[T any](dir, name string, formats []Format, partitioned bool, meta []parquet.WriterOption) *tableWriter[T] {
	return &tableWriter[T]{
		name: name, dir: dir, formats: formats, partitioned: partitioned,
		cols: columns(reflect.TypeFor[T]()), meta: meta, year: -1,
		files: map[Format][]string{},
	}
}

// Write writes rows, all of one year if the table is partitioned. Years
// must come in ascending order.
func (w *tableWriter[T]) Write(year int, rows []T) error {
	for _, f := range w.formats {
		var err error
		switch f {
		case CSV:
			err = w.writeCSV(rows)
		case Parquet:
			err = w.writeParquet(year, rows)
		}
		if err != nil {
			return fmt.Errorf("export: %s: %w", w.name, err)
		}
	}
	w.rows += len(rows)
	return nil
}

func (w *tableWriter[T]) writeCSV(rows []T) error {
	if w.csvFile == nil {
		rel := w.name + ".csv"
		f, err := create(filepath.Join(w.dir, rel))
		if err != nil {
			return err
		}
		w.csvFile, w.csvBuf = f, bufio.NewWriterSize(f, 1<<16)
		w.files[CSV] = append(w.files[CSV], rel)
		b := w.line[:0]
		for i, c := range w.cols {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, c.name...)
		}
		b = append(b, '\r', '\n')
		if _, err := w.csvBuf.Write(b); err != nil {
			return err
		}
	}
	for i := range rows {
		v := reflect.ValueOf(&rows[i]).Elem()
		b := w.line[:0]
		for k, c := range w.cols {
			if k > 0 {
				b = append(b, ',')
			}
			b = appendCSV(b, v.Field(c.index))
		}
		b = append(b, '\r', '\n')
		w.line = b
		if _, err := w.csvBuf.Write(b); err != nil {
			return err
		}
	}
	return nil
}

func (w *tableWriter[T]) writeParquet(year int, rows []T) error {
	if w.pq != nil && w.partitioned && year != w.year {
		if err := w.closeParquet(); err != nil {
			return err
		}
	}
	if w.pq == nil {
		rel := w.name + ".parquet"
		if w.partitioned {
			rel = filepath.Join(w.name, fmt.Sprintf("year=%d", year), "part-0.parquet")
		}
		f, err := create(filepath.Join(w.dir, rel))
		if err != nil {
			return err
		}
		opts := append([]parquet.WriterOption{
			parquet.Compression(zstdCodec),
			parquet.CreatedBy("blocwatch", "", ""),
		}, w.meta...)
		w.pqFile, w.pq, w.year = f, parquet.NewGenericWriter[T](f, opts...), year
		w.files[Parquet] = append(w.files[Parquet], filepath.ToSlash(rel))
	}
	_, err := w.pq.Write(rows)
	return err
}

func (w *tableWriter[T]) closeParquet() error {
	err := w.pq.Close()
	if cerr := w.pqFile.Close(); err == nil {
		err = cerr
	}
	w.pq, w.pqFile = nil, nil
	return err
}

// Close finishes the files. A table without rows still gets its files, with
// the header (CSV) or the schema (Parquet) only.
func (w *tableWriter[T]) Close() error {
	if w.rows == 0 {
		for _, f := range w.formats {
			var err error
			switch {
			case f == CSV:
				err = w.writeCSV(nil)
			case f == Parquet && !w.partitioned: // a partitioned table without a year has no folder
				err = w.writeParquet(0, nil)
			}
			if err != nil {
				return fmt.Errorf("export: %s: %w", w.name, err)
			}
		}
	}
	var err error
	if w.pq != nil {
		err = w.closeParquet()
	}
	if w.csvFile != nil {
		if ferr := w.csvBuf.Flush(); err == nil {
			err = ferr
		}
		if cerr := w.csvFile.Close(); err == nil {
			err = cerr
		}
		w.csvFile = nil
	}
	if err != nil {
		return fmt.Errorf("export: %s: %w", w.name, err)
	}
	return nil
}

func create(path string) (*os.File, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	return os.Create(path)
}
