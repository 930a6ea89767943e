package server

import (
	"fmt"
	"math"
	"net/url"
	"strconv"
)

// chart is one chart of a page: its specification for the front end (drawn
// by internal/web/src), the table beside it and the API URL of its data as
// CSV.
type chart struct {
	ID    string
	Title string
	Note  string // a sentence under the title: what is measured, how
	Spec  chartSpec
	CSV   string // URL of the data as CSV
	Table *table
}

// chartSpec is what the front end draws. Rows are objects whose fields
// depend on the kind:
//
//	lines:   s (series), x (year), y, n, lo, hi
//	facets:  f (facet), s, x, y, n
//	dots:    g (group), label, y, n
//	heatmap: a, b, v, n (with Order and Names)
//	map:     id (shape), code, name, v or c, n (with Scale)
//	tally:   label, y
type chartSpec struct {
	Kind    string            `json:"kind"`
	Name    string            `json:"name"` // file name of downloads
	Rows    any               `json:"rows"`
	XLabel  string            `json:"xLabel,omitempty"`
	YLabel  string            `json:"yLabel,omitempty"`
	YDomain []float64         `json:"yDomain,omitempty"`
	Percent bool              `json:"percent,omitempty"`
	Rule    *float64          `json:"rule,omitempty"`
	NLabel  string            `json:"nLabel,omitempty"`
	Colors  map[string]string `json:"colors,omitempty"`
	Dashes  map[string]string `json:"dashes,omitempty"`
	Order   []string          `json:"order,omitempty"`
	Names   map[string]string `json:"names,omitempty"`
	Scale   string            `json:"scale,omitempty"` // map: "vote" or "value"
	Focus   string            `json:"focus,omitempty"` // map: the state outlined
	Height  int               `json:"height,omitempty"`
	Empty   string            `json:"empty,omitempty"`
}

// linePoint is a row of a lines chart.
type linePoint struct {
	S  string   `json:"s"`
	X  int      `json:"x"`
	Y  float64  `json:"y"`
	N  int      `json:"n"`
	Lo *float64 `json:"lo,omitempty"`
	Hi *float64 `json:"hi,omitempty"`
	// Partial marks a year the data cover only in part: drawn as a hollow
	// point, and said in the tip.
	Partial bool `json:"partial,omitempty"`
}

// facetPoint is a row of a facets chart.
type facetPoint struct {
	F string  `json:"f"`
	S string  `json:"s"`
	X int     `json:"x"`
	Y float64 `json:"y"`
	N int     `json:"n"`
}

// dotPoint is a row of a dots chart.
type dotPoint struct {
	G     string  `json:"g"`
	Label string  `json:"label"`
	Y     float64 `json:"y"`
	N     int     `json:"n"`
}

// barPoint is a row of a tally chart.
type barPoint struct {
	Label string `json:"label"`
	Y     int    `json:"y"`
}

// table is an HTML table: beside a chart, or a list.
type table struct {
	Caption string
	Columns []column
	Rows    [][]tcell
	Empty   string // shown when there are no rows
}

type column struct {
	Label string
	Num   bool // right-aligned
	Title string
}

type tcell struct {
	Text  string
	Href  string
	Class string
	Title string
}

func text(s string) tcell       { return tcell{Text: s} }
func link(s, href string) tcell { return tcell{Text: s, Href: href} }
func numCell(n int) tcell       { return tcell{Text: strconv.Itoa(n), Class: "num"} }

// voteCell shows a vote with its letter and a class for its colour.
func voteCell(v string) tcell {
	switch v {
	case "Y":
		return tcell{Text: "Y", Class: "vote vote-y", Title: "yes"}
	case "N":
		return tcell{Text: "N", Class: "vote vote-n", Title: "no"}
	case "A":
		return tcell{Text: "A", Class: "vote vote-a", Title: "abstain"}
	case "X":
		return tcell{Text: "X", Class: "vote vote-x", Title: "not voting"}
	}
	return tcell{Text: "–", Class: "vote vote-none", Title: "no record (not a member)"}
}

// fmtValue formats a measure for a table.
func fmtValue(v value, percent bool) string {
	if v == nil || math.IsNaN(*v) {
		return "NA"
	}
	if percent {
		return fmt.Sprintf("%.1f%%", *v*100)
	}
	return fmt.Sprintf("%.3f", *v)
}

func valueCell(v value, percent bool) tcell {
	return tcell{Text: fmtValue(v, percent), Class: "num"}
}

// apiURL builds an API URL with a query.
func apiURL(path string, q url.Values) string {
	if len(q) == 0 {
		return path
	}
	return path + "?" + q.Encode()
}

// csvURL is apiURL with format=csv.
func csvURL(path string, q url.Values) string {
	c := url.Values{}
	for k, v := range q {
		c[k] = v
	}
	c.Set("format", "csv")
	return apiURL(path, c)
}

// dateCell shows a date on one line.
func dateCell(d string) tcell { return tcell{Text: d, Class: "date"} }
