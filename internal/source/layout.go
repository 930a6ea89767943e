// Package source reads the known file layouts of UN voting data into the
// plain values of package record: the UN Digital Library bulk voting files
// (General Assembly and Security Council, 2026 and 2021 headers), the
// researchers' "unvotes" layout of Erik Voeten's data, the published list of
// Security Council vetoes and a user-written list of extra vetoes.
//
// The package knows file formats and nothing else: it does not resolve state
// codes or names (they are passed through as written, spaces trimmed), it does
// not merge sources and it does not judge votes.
//
// Errors come in two kinds. A fatal error (unreadable file, truncated or
// corrupt gzip data, malformed CSV, unknown header) makes the file unusable and
// is returned as an error. A row-level problem (an unknown vote code, a
// duplicate member row, a bad date) is reported as a Problem and the file stays
// usable. Both name the file and the 1-based physical line, as in
//
//	ga_voting.csv:1042: unknown vote "Q"
//
// The file name is the base name the caller passes in; lines are lines of the
// decompressed text, the header being line 1.
package source

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Layout names a known file layout.
type Layout string

// The known layouts.
const (
	LayoutUNDL             Layout = "undl"               // UN Digital Library bulk voting file, header of 2026
	LayoutUNDL2021         Layout = "undl-2021"          // the same, older header without vote_note
	LayoutUnvotesVotes     Layout = "unvotes-votes"      // unvotes votes.csv
	LayoutUnvotesRollCalls Layout = "unvotes-roll-calls" // unvotes roll_calls.csv
	LayoutUnvotesIssues    Layout = "unvotes-issues"     // unvotes roll_call_issues.csv
	LayoutVetoes           Layout = "vetoes"             // published list of Security Council vetoes
	LayoutUserVetoes       Layout = "user-vetoes"        // vetoes added by a user
)

// layoutDef is the column set of one layout. A header matches a layout when
// it holds every required column; other columns are ignored.
type layoutDef struct {
	layout   Layout
	required []string
}

var undlColumns2021 = []string{
	"undl_id", "ms_code", "ms_name", "ms_vote", "date", "session", "resolution",
	"draft", "committee_report", "meeting", "title", "agenda_title", "subjects",
	"total_yes", "total_no", "total_abstentions", "total_non_voting", "total_ms", "undl_link",
}

// layouts lists the known layouts, most specific first where one's required
// columns include another's.
var layouts = []layoutDef{
	{LayoutUNDL, append(slices.Clone(undlColumns2021), "vote_note")},
	{LayoutUNDL2021, undlColumns2021},
	{LayoutUnvotesVotes, []string{"rcid", "country", "country_code", "vote"}},
	{LayoutUnvotesRollCalls, []string{"rcid", "session", "importantvote", "date", "unres", "amend", "para", "short", "descr"}},
	{LayoutUnvotesIssues, []string{"rcid", "short_name"}},
	{LayoutVetoes, []string{"date", "draft", "meeting_record", "agenda_item", "crisis_topic", "region",
		"member_veto1", "member_veto2", "member_veto3", "china", "france", "russia", "ussr", "usa", "uk"}},
	{LayoutUserVetoes, []string{"date", "draft", "vetoed_by", "source"}},
}

// Layouts returns the known layouts and their required columns, for help
// texts.
func Layouts() map[Layout][]string {
	m := make(map[Layout][]string, len(layouts))
	for _, l := range layouts {
		m[l.layout] = slices.Clone(l.required)
	}
	return m
}

// normColumn normalizes a header cell: no byte order mark, no surrounding
// space, lower case.
func normColumn(s string) string {
	s = strings.TrimPrefix(s, "\ufeff")
	return strings.ToLower(strings.TrimSpace(s))
}

// columns maps the normalized names of a header to their indexes. A name that
// appears twice keeps its first index and is reported in dups.
func columns(header []string) (idx map[string]int, dups []string) {
	idx = make(map[string]int, len(header))
	for i, h := range header {
		n := normColumn(h)
		if n == "" {
			continue
		}
		if _, ok := idx[n]; ok {
			dups = append(dups, n)
			continue
		}
		idx[n] = i
	}
	return idx, dups
}

// Detect tells the layout of a file from its header row. Column names are
// matched in any order, ignoring case, surrounding spaces and a UTF-8 byte
// order mark; columns beyond those a layout requires are ignored. Where the
// columns of several layouts are present, the one requiring most wins (the
// 2026 UNDL header over the 2021 one).
func Detect(header []string) (Layout, error) {
	idx, dups := columns(header)
	best, bestMissing := -1, []string(nil)
	var closest Layout
	for i, l := range layouts {
		var missing []string
		for _, c := range l.required {
			if _, ok := idx[c]; !ok {
				missing = append(missing, c)
			}
		}
		if len(missing) == 0 {
			for _, d := range dups {
				if slices.Contains(l.required, d) {
					return "", fmt.Errorf("header of layout %s has column %q twice: %q", l.layout, d, header)
				}
			}
			return layouts[i].layout, nil // most specific first
		}
		if len(missing) < len(l.required)/2 && (best < 0 || len(missing) < len(bestMissing)) {
			best, bestMissing, closest = i, missing, l.layout
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "unknown header %q", header)
	if best >= 0 {
		fmt.Fprintf(&b, " (closest: %s, missing %s)", closest, strings.Join(bestMissing, ", "))
	}
	b.WriteString("; known layouts and their required columns:")
	for _, l := range layouts {
		fmt.Fprintf(&b, " %s (%s);", l.layout, strings.Join(l.required, ", "))
	}
	return "", errors.New(strings.TrimSuffix(b.String(), ";"))
}

// Sniff opens the file at path (plain or gzip), reads its header and tells
// its layout.
func Sniff(path string) (Layout, error) {
	rc, err := Open(path)
	if err != nil {
		return "", err
	}
	defer rc.Close()
	name := baseName(path)
	cr := newCSVReader(rc)
	header, err := readHeader(cr, name)
	if err != nil {
		return "", err
	}
	l, err := Detect(header)
	if err != nil {
		return "", fmt.Errorf("%s:1: %w", name, err)
	}
	return l, nil
}

// Problem is a row-level problem: the row (or, where Msg says so, the roll
// call or the value) is reported and kept out; the file is still usable.
type Problem struct {
	File string // base name of the file
	Line int    // 1-based physical line
	Msg  string
	Kind string // "duplicate" or "conflict" for a second row of one member; "" otherwise
}

// maxValue is how many characters of a field's value a message quotes.
const maxValue = 200

// Clip cuts a field's value to what a message quotes: at most 200
// characters, with "…" where it was cut.
func Clip(s string) string {
	n := 0
	for i := range s {
		if n == maxValue {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// Error formats the problem as file:line: msg.
func (p Problem) Error() string { return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg) }

// newCSVReader returns a CSV reader set up for the layouts: a leading UTF-8
// byte order mark dropped (it would make a quoted first header cell
// malformed), fields counted by the callers, records reused.
func newCSVReader(r io.Reader) *csv.Reader {
	br := bufio.NewReaderSize(r, 64<<10)
	if b, _ := br.Peek(3); string(b) == "\ufeff" {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	return cr
}

// readHeader reads the header row. An empty file is an error.
func readHeader(cr *csv.Reader, name string) ([]string, error) {
	rec, err := cr.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("%s:1: empty file, no header", name)
	}
	if err != nil {
		return nil, wrapReadErr(name, 1, err)
	}
	return slices.Clone(rec), nil
}

// rowReader reads the data rows of a CSV file and keeps the line numbers
// needed for messages.
type rowReader struct {
	name    string
	cr      *csv.Reader
	ncols   int
	line    int // first line of the current record
	endLine int // last line of the current record
}

func newRowReader(r io.Reader, name string) (*rowReader, []string, error) {
	cr := newCSVReader(r)
	header, err := readHeader(cr, name)
	if err != nil {
		return nil, nil, err
	}
	rr := &rowReader{name: name, cr: cr, ncols: len(header), line: 1, endLine: recordEndLine(cr, header)}
	return rr, header, nil
}

// read returns the next record, io.EOF at the end, or a fatal error naming
// the file and line. A record with the wrong number of fields is returned as
// a *Problem error; reading may go on.
func (rr *rowReader) read() ([]string, error) {
	rec, err := rr.cr.Read()
	if err == io.EOF {
		return nil, io.EOF
	}
	if err != nil {
		return nil, wrapReadErr(rr.name, rr.endLine+1, err)
	}
	rr.line, _ = rr.cr.FieldPos(0)
	rr.endLine = recordEndLine(rr.cr, rec)
	if len(rec) != rr.ncols {
		return nil, &Problem{rr.name, rr.line, fmt.Sprintf("row has %d fields, header has %d; row kept out", len(rec), rr.ncols), ""}
	}
	return rec, nil
}

// recordEndLine returns the physical line on which the record just read ends.
func recordEndLine(cr *csv.Reader, rec []string) int {
	n := len(rec) - 1
	if n < 0 {
		return 0
	}
	l, _ := cr.FieldPos(n)
	return l + strings.Count(rec[n], "\n")
}

// wrapReadErr turns a read or parse error into file:line: message.
func wrapReadErr(name string, line int, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s:%d: malformed CSV (column %d): %w", name, pe.Line, pe.Column, pe.Err)
	}
	var ge *gzipError
	if errors.As(err, &ge) {
		return fmt.Errorf("%s:%d: %w", name, line, err)
	}
	return fmt.Errorf("%s:%d: read failed: %w", name, line, err)
}
