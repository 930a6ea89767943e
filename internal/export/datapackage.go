package export

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"time"
)

// DataPackage is a Frictionless Data Package descriptor
// (https://specs.frictionlessdata.io/data-package/), with blocwatch's
// provenance in its own properties.
type DataPackage struct {
	Profile     string     `json:"profile"`
	Name        string     `json:"name"`
	Title       string     `json:"title"`
	Description string     `json:"description"`
	Version     string     `json:"version"`
	Created     string     `json:"created"`
	DataVersion int        `json:"blocwatch:data_version"`
	Selection   Selection  `json:"blocwatch:selection"`
	Licenses    []License  `json:"licenses"`
	Sources     []Source   `json:"sources"`
	Resources   []Resource `json:"resources"`
}

// Selection records the options of the export.
type Selection struct {
	From     string `json:"from,omitempty"`
	To       string `json:"to,omitempty"`
	Body     string `json:"body,omitempty"`
	Universe string `json:"universe"`
	Fit      string `json:"ideal_point_fit"`
}

// License is a data licence.
type License struct {
	Name  string `json:"name,omitempty"`
	Title string `json:"title"`
	Path  string `json:"path,omitempty"`
}

// Source is one ingested file: the provenance of the data. Its local path
// is left out: the data set may be published.
type Source struct {
	Title      string `json:"title"`
	Layout     string `json:"blocwatch:layout"`
	SHA256     string `json:"blocwatch:sha256"`
	Rows       int    `json:"blocwatch:rows"`
	IngestedAt string `json:"blocwatch:ingested_at"`
}

// Resource is one table in one format.
type Resource struct {
	Name        string   `json:"name"`
	Path        []string `json:"path"`
	Format      string   `json:"format"`
	MediaType   string   `json:"mediatype"`
	Encoding    string   `json:"encoding,omitempty"`
	Profile     string   `json:"profile"`
	Description string   `json:"description"`
	Rows        int      `json:"blocwatch:rows"`
	Partitioned string   `json:"blocwatch:partitioned_by,omitempty"`
	Schema      Schema   `json:"schema"`
}

// Schema is a Frictionless Table Schema.
type Schema struct {
	Fields        []Field  `json:"fields"`
	PrimaryKey    []string `json:"primaryKey,omitempty"`
	MissingValues []string `json:"missingValues"`
}

// Field is one column.
type Field struct {
	Name        string         `json:"name"`
	Type        string         `json:"type"`
	Format      string         `json:"format,omitempty"`
	Description string         `json:"description,omitempty"`
	Unit        string         `json:"unit,omitempty"`
	Parquet     string         `json:"blocwatch:parquet_type,omitempty"`
	Constraints map[string]any `json:"constraints,omitempty"`
}

// tableInfo is what the descriptor says of each table.
var tableInfo = map[string]struct {
	desc string
	row  reflect.Type
	key  []string
}{
	TableRollCalls:   {"one row per roll call (a resolution, draft, amendment or paragraph put to the vote)", reflect.TypeFor[RollCallRow](), []string{"rollcall_id"}},
	TableVotes:       {"one row per member per roll call (long format)", reflect.TypeFor[VoteRow](), []string{"rollcall_id", "state"}},
	TableStates:      {"the registry's state identities: codes, membership dates, succession", reflect.TypeFor[StateRow](), []string{"code"}},
	TableStateNames:  {"every name of every state, with the days of use", reflect.TypeFor[StateNameRow](), nil},
	TableGroups:      {"groups of states with dated membership, one row per membership span", reflect.TypeFor[GroupRow](), nil},
	TableDyadYears:   {"every pair of states in every year: the 3x3 cross-table of their cast votes, n and every alignment measure (docs/alignment.md)", reflect.TypeFor[DyadYearRow](), []string{"year", "state_a", "state_b"}},
	TableIdealPoints: {"ideal points by state and year from the stored fit (docs/ideal.md); empty if none was fitted", reflect.TypeFor[IdealPointRow](), []string{"fit_id", "state", "year"}},
	TableBlocs:       {"voting blocs by year: each placed state's bloc (docs/blocs.md)", reflect.TypeFor[BlocRow](), []string{"year", "state"}},
	TableVetoes:      {"Security Council vetoes", reflect.TypeFor[VetoRow](), []string{"veto_id"}},
	TableCoverage:    {"what the data hold for each body and year, and whether the year is only partly covered", reflect.TypeFor[CoverageRow](), []string{"year", "body"}},
}

// fieldsOf describes the columns of a row type.
func fieldsOf(t reflect.Type) []Field {
	var fs []Field
	for _, c := range columns(t) {
		f := Field{Name: c.name, Description: c.desc, Unit: c.unit}
		typ := c.typ
		if typ.Kind() == reflect.Pointer {
			typ = typ.Elem()
		} else {
			f.Constraints = map[string]any{"required": true}
		}
		switch {
		case typ == dateType:
			f.Type, f.Parquet = "date", "DATE"
		case typ.Kind() == reflect.String:
			f.Type, f.Parquet = "string", "STRING"
		case typ.Kind() == reflect.Bool:
			f.Type, f.Parquet = "boolean", "BOOLEAN"
		case typ.Kind() == reflect.Int32:
			f.Type, f.Parquet = "integer", "INT32"
		case typ.Kind() == reflect.Int64:
			f.Type, f.Parquet = "integer", "INT64"
		case typ.Kind() == reflect.Float64:
			f.Type, f.Parquet = "number", "DOUBLE"
		default:
			panic("export: no Frictionless type for " + typ.String())
		}
		if !c.pq {
			f.Parquet = "" // the partition folder's key
		}
		if len(c.values) > 0 {
			if f.Constraints == nil {
				f.Constraints = map[string]any{}
			}
			f.Constraints["enum"] = c.values
		}
		fs = append(fs, f)
	}
	return fs
}

func (e *exporter) writeDataPackage() error {
	dp := DataPackage{
		Profile:     "data-package",
		Name:        "blocwatch-un-votes",
		Title:       "United Nations recorded votes and alignment measures (blocwatch)",
		Description: "Recorded votes of the UN General Assembly and Security Council with the alignment of every pair of states by year, ideal points, blocs and vetoes, exported by blocwatch. See docs/exports.md.",
		Version:     fmt.Sprintf("data-%d", e.version),
		Created:     time.Now().UTC().Format(time.RFC3339),
		DataVersion: e.version,
		Selection:   Selection{From: e.o.From, To: e.o.To, Body: string(e.o.Body), Universe: e.universe(), Fit: e.o.Fit},
		Licenses: []License{
			{Title: "UN Digital Library voting data: United Nations Dag Hammarskjöld Library, General Assembly / Security Council Voting Data (non-commercial use with attribution)"},
			{Name: "CC0-1.0", Title: "Erik Voeten, Data and Analyses of Voting in the UN General Assembly (where ingested)", Path: "https://creativecommons.org/publicdomain/zero/1.0/"},
		},
	}
	rows, err := e.st.DB().QueryContext(e.ctx, `SELECT name, layout, sha256, rows, ingested_at FROM source ORDER BY id`)
	if err != nil {
		return fmt.Errorf("export: read sources: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var s Source
		if err := rows.Scan(&s.Title, &s.Layout, &s.SHA256, &s.Rows, &s.IngestedAt); err != nil {
			return fmt.Errorf("export: read sources: %w", err)
		}
		dp.Sources = append(dp.Sources, s)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("export: read sources: %w", err)
	}
	for _, tr := range e.res.Tables {
		info := tableInfo[tr.Name]
		for _, f := range e.o.Formats {
			r := Resource{
				Name: tr.Name, Path: tr.Files[f], Format: string(f), Profile: "tabular-data-resource",
				Description: info.desc, Rows: tr.Rows,
				Schema: Schema{Fields: fieldsOf(info.row), PrimaryKey: info.key, MissingValues: []string{""}},
			}
			if len(e.o.Formats) > 1 {
				r.Name += "_" + string(f)
			}
			switch f {
			case CSV:
				r.MediaType, r.Encoding = "text/csv", "utf-8"
			case Parquet:
				r.MediaType = "application/vnd.apache.parquet"
				if Partitioned(tr.Name) {
					r.Partitioned = "year"
				}
			}
			if r.Path == nil {
				r.Path = []string{}
			}
			dp.Resources = append(dp.Resources, r)
		}
	}
	b, err := json.MarshalIndent(dp, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(e.dir, "datapackage.json"), append(b, '\n'), 0o644)
}

// ReadDataPackage reads the descriptor of an exported data set.
func ReadDataPackage(dir string) (*DataPackage, error) {
	b, err := os.ReadFile(filepath.Join(dir, "datapackage.json"))
	if err != nil {
		return nil, err
	}
	var dp DataPackage
	if err := json.Unmarshal(b, &dp); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, "datapackage.json"), err)
	}
	return &dp, nil
}

// columnNames returns the column names of a table, as CSV writes them.
func columnNames(table string) []string {
	var out []string
	for _, c := range columns(tableInfo[table].row) {
		out = append(out, c.name)
	}
	return out
}
