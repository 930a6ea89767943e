package export

import (
	"archive/zip"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Zip writes the files under dir to w as a zip archive, with paths relative
// to dir. Parquet files, compressed already, are stored; the others are
// deflated.
func Zip(w io.Writer, dir string) error {
	zw := zip.NewWriter(w)
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		h, err := zip.FileInfoHeader(info)
		if err != nil {
			return err
		}
		h.Name = filepath.ToSlash(rel)
		h.Method = zip.Deflate
		if strings.HasSuffix(h.Name, ".parquet") {
			h.Method = zip.Store
		}
		fw, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		_, err = io.Copy(fw, f)
		return err
	})
	if err != nil {
		return err
	}
	return zw.Close()
}

// TableInfo describes one table of the data set for an index: its name,
// description, whether its Parquet files are split by year, and its
// columns.
type TableInfo struct {
	Name        string  `json:"name"`
	Description string  `json:"description"`
	Partitioned bool    `json:"partitioned_by_year"`
	Fields      []Field `json:"fields"`
}

// Describe returns the description of every table, as datapackage.json
// gives it.
func Describe() []TableInfo {
	var out []TableInfo
	for _, t := range Tables() {
		info := tableInfo[t]
		out = append(out, TableInfo{Name: t, Description: info.desc, Partitioned: Partitioned(t), Fields: fieldsOf(info.row)})
	}
	return out
}
