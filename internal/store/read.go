package store

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/source"
)

// Family names the kind of source a batch comes from. Where two families
// disagree on a member's vote, the one with the higher priority is kept and
// the disagreement recorded.
type Family string

// The source families, highest priority first.
const (
	FamilyUNDL       Family = "undl"        // UN Digital Library bulk files
	FamilyUnvotes    Family = "unvotes"     // Voeten's data, researchers' layout
	FamilyVetoes     Family = "vetoes"      // the published veto list
	FamilyUserVetoes Family = "user-vetoes" // vetoes added by a user
)

func (f Family) priority() int {
	switch f {
	case FamilyUNDL:
		return 2
	case FamilyUnvotes:
		return 1
	}
	return 0
}

// Batch is one source read into memory and not yet written: a file, or the
// three files of the unvotes layout together.
type Batch struct {
	Name     string // what messages call it: the file's base name
	Path     string
	Layout   string
	Family   Family
	SHA256   string // of the file's bytes (of the three files' digests for unvotes)
	Rows     int
	Groups   []source.Group
	Vetoes   []record.Veto
	Problems []source.Problem
}

// Read reads files into batches, checking that each parses completely. A
// directory stands for the data files in it. The three files of the unvotes
// layout form one batch. Nothing is written.
func Read(paths []string) ([]*Batch, error) {
	files, err := expand(paths)
	if err != nil {
		return nil, err
	}
	type unvotesSet struct{ votes, rollCalls, issues string }
	unv := map[string]*unvotesSet{}
	var batches []*Batch
	for _, f := range files {
		layout, err := source.Sniff(f)
		if err != nil {
			return nil, err
		}
		switch layout {
		case source.LayoutUNDL, source.LayoutUNDL2021:
			b, err := readUNDL(f, string(layout))
			if err != nil {
				return nil, err
			}
			batches = append(batches, b)
		case source.LayoutVetoes:
			b, err := readVetoes(f)
			if err != nil {
				return nil, err
			}
			batches = append(batches, b)
		case source.LayoutUserVetoes:
			b, err := readUserVetoes(f)
			if err != nil {
				return nil, err
			}
			batches = append(batches, b)
		case source.LayoutUnvotesVotes, source.LayoutUnvotesRollCalls, source.LayoutUnvotesIssues:
			dir := filepath.Dir(f)
			set := unv[dir]
			if set == nil {
				set = &unvotesSet{}
				unv[dir] = set
			}
			switch layout {
			case source.LayoutUnvotesVotes:
				set.votes = f
			case source.LayoutUnvotesRollCalls:
				set.rollCalls = f
			default:
				set.issues = f
			}
		default:
			return nil, fmt.Errorf("%s: layout %s cannot be ingested", f, layout)
		}
	}
	dirs := make([]string, 0, len(unv))
	for d := range unv {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	for _, d := range dirs {
		set := unv[d]
		if set.votes == "" || set.rollCalls == "" {
			return nil, fmt.Errorf("%s: the unvotes layout needs both a votes file and a roll_calls file in the same folder (found votes=%q roll_calls=%q)", d, set.votes, set.rollCalls)
		}
		b, err := readUnvotes(set.votes, set.rollCalls, set.issues)
		if err != nil {
			return nil, err
		}
		batches = append(batches, b)
	}
	return batches, nil
}

// expand replaces directories by the data files in them, sorted.
func expand(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !fi.IsDir() {
			out = append(out, p)
			continue
		}
		ents, err := os.ReadDir(p)
		if err != nil {
			return nil, err
		}
		n := 0
		for _, e := range ents {
			name := strings.ToLower(e.Name())
			if e.Type().IsRegular() && (strings.HasSuffix(name, ".csv") || strings.HasSuffix(name, ".csv.gz")) {
				out = append(out, filepath.Join(p, e.Name()))
				n++
			}
		}
		if n == 0 {
			return nil, fmt.Errorf("%s: no .csv or .csv.gz files in this folder", p)
		}
	}
	return out, nil
}

func hashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func openNamed(path string) (io.ReadCloser, string, string, error) {
	sum, err := hashFile(path)
	if err != nil {
		return nil, "", "", err
	}
	rc, err := source.Open(path)
	if err != nil {
		return nil, "", "", err
	}
	return rc, filepath.Base(path), sum, nil
}

func readUNDL(path, layout string) (*Batch, error) {
	rc, name, sum, err := openNamed(path)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	r, err := source.NewUNDLReader(rc, name)
	if err != nil {
		return nil, err
	}
	b := &Batch{Name: name, Path: path, Layout: layout, Family: FamilyUNDL, SHA256: sum}
	for {
		rcall, casts, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		b.Groups = append(b.Groups, source.Group{RollCall: *rcall, Casts: casts})
	}
	b.Rows = r.Rows()
	b.Problems = r.Problems()
	return b, nil
}

func readUnvotes(votes, rollCalls, issues string) (*Batch, error) {
	var closers []io.Closer
	defer func() {
		for _, c := range closers {
			c.Close()
		}
	}()
	var sums []string
	open := func(p string) (source.NamedReader, error) {
		if p == "" {
			return source.NamedReader{}, nil
		}
		rc, name, sum, err := openNamed(p)
		if err != nil {
			return source.NamedReader{}, err
		}
		closers = append(closers, rc)
		sums = append(sums, sum)
		return source.NamedReader{Name: name, R: rc}, nil
	}
	v, err := open(votes)
	if err != nil {
		return nil, err
	}
	r, err := open(rollCalls)
	if err != nil {
		return nil, err
	}
	is, err := open(issues)
	if err != nil {
		return nil, err
	}
	groups, problems, err := source.ReadUnvotes(v, r, is)
	if err != nil {
		return nil, err
	}
	h := sha256.Sum256([]byte(strings.Join(sums, "+")))
	b := &Batch{
		Name:     filepath.Base(filepath.Dir(votes)) + "/{" + filepath.Base(votes) + "," + filepath.Base(rollCalls) + "}",
		Path:     filepath.Dir(votes),
		Layout:   "unvotes",
		Family:   FamilyUnvotes,
		SHA256:   hex.EncodeToString(h[:]),
		Groups:   groups,
		Problems: problems,
	}
	for _, g := range groups {
		b.Rows += len(g.Casts)
	}
	return b, nil
}

func readVetoes(path string) (*Batch, error) {
	rc, name, sum, err := openNamed(path)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	vs, problems, err := source.ReadVetoes(rc, name)
	if err != nil {
		return nil, err
	}
	return &Batch{Name: name, Path: path, Layout: string(source.LayoutVetoes), Family: FamilyVetoes, SHA256: sum, Rows: len(vs), Vetoes: vs, Problems: problems}, nil
}

func readUserVetoes(path string) (*Batch, error) {
	rc, name, sum, err := openNamed(path)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	vs, err := source.ReadUserVetoes(rc, name)
	if err != nil {
		return nil, err
	}
	return &Batch{Name: name, Path: path, Layout: string(source.LayoutUserVetoes), Family: FamilyUserVetoes, SHA256: sum, Rows: len(vs), Vetoes: vs}, nil
}
