// Package vetolist is the published list of Security Council vetoes,
// embedded in the binary so that `blocwatch vetoes` and `blocwatch council`
// work on a fresh install, before (or without) ingesting any veto file.
//
// The list is built from the two files of the published veto list, as
// package source reads them (vetoers as registry codes, the China seat
// before 25 October 1971 as TWN): unsc_vetoes_1946_sept2022.csv, from the
// World Politics Data Lab's dataset of Security Council vetoes (MIT
// License, Copyright (c) 2022 The World Politics Data Lab), and
// unsc_vetoes_2022_2025.csv, which continues it from the UN's public record
// of vetoes. Both are public facts; see docs/council.md.
//
// vetoes.csv holds one veto a line: the file and line it was read from, then
// its fields. It is generated, never edited by hand: run go generate in this
// folder with the source files beside the checkout (../shared/data/vetoes).
// TestEmbeddedMatchesSources checks that it matches them.
package vetolist

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/source"
)

//go:generate go run ./gen -o vetoes.csv ../../../../shared/data/vetoes/unsc_vetoes_1946_sept2022.csv ../../../../shared/data/vetoes/unsc_vetoes_2022_2025.csv

//go:embed vetoes.csv
var embedded []byte

// Veto is a veto of the embedded list, with the name of the published file
// it comes from (its line is in Veto.Line).
type Veto struct {
	record.Veto
	File string
}

var header = []string{"file", "line", "date", "draft", "meeting", "agenda", "topic", "region", "vetoers"}

var all = sync.OnceValues(func() ([]Veto, error) { return Decode(bytes.NewReader(embedded)) })

// All returns the embedded list, oldest first. The slice is shared: do not
// modify it.
func All() ([]Veto, error) { return all() }

// Encode writes vs in the embedded list's layout.
func Encode(w io.Writer, vs []Veto) error {
	cw := csv.NewWriter(w)
	cw.Write(header)
	for _, v := range vs {
		cw.Write([]string{v.File, strconv.Itoa(v.Line), v.Date, v.Draft, v.Meeting, v.Agenda, v.Topic, v.Region, strings.Join(v.Vetoers, " ")})
	}
	cw.Flush()
	return cw.Error()
}

// Decode reads a list written by Encode.
func Decode(r io.Reader) ([]Veto, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = len(header)
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("vetolist: %w", err)
	}
	if strings.Join(head, ",") != strings.Join(header, ",") {
		return nil, fmt.Errorf("vetolist: header %q, want %q", head, header)
	}
	var out []Veto
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("vetolist: %w", err)
		}
		line, err := strconv.Atoi(rec[1])
		if err != nil {
			return nil, fmt.Errorf("vetolist: line %d: bad line number %q", len(out)+2, rec[1])
		}
		out = append(out, Veto{File: rec[0], Veto: record.Veto{Line: line, Date: rec[2], Draft: rec[3], Meeting: rec[4],
			Agenda: rec[5], Topic: rec[6], Region: rec[7], Vetoers: strings.Fields(rec[8])}})
	}
}

// FromFiles reads the published files at paths, in order, into the
// embedded list's records: what the generator writes and what the test
// compares the embedded list with. Rows the reader keeps out come back as
// problems.
func FromFiles(paths ...string) ([]Veto, []source.Problem, error) {
	var out []Veto
	var problems []source.Problem
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, nil, fmt.Errorf("vetolist: %w", err)
		}
		name := filepath.Base(p)
		vs, probs, err := source.ReadVetoes(f, name)
		f.Close()
		if err != nil {
			return nil, nil, fmt.Errorf("vetolist: %w", err)
		}
		problems = append(problems, probs...)
		for _, v := range vs {
			out = append(out, Veto{Veto: v, File: name})
		}
	}
	return out, problems, nil
}
