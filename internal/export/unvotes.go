package export

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/registry"
	"github.com/blocwatch/blocwatch/internal/store"
	"github.com/blocwatch/blocwatch/internal/votes"
)

// UnvotesOptions choose the roll calls of the unvotes layout.
type UnvotesOptions struct {
	From, To string // YYYY-MM-DD, inclusive; empty is open
}

// UnvotesCounts says what WriteUnvotes wrote.
type UnvotesCounts struct {
	RollCalls, Votes, Issues int
}

// UnvotesRCIDBase is added to the store's id of a roll call that no
// unvotes file numbered, to make its rcid: Voeten's rcids stay far below it.
const UnvotesRCIDBase = 1_000_000

// unvotesNames are the country names of the unvotes package (those of the
// R countrycode package) where they differ from the registry's names.
var unvotesNames = map[string]string{
	"ATG": "Antigua & Barbuda", "BIH": "Bosnia & Herzegovina", "BOL": "Bolivia", "BRN": "Brunei",
	"CIV": "Côte d’Ivoire", "COD": "Congo - Kinshasa", "COG": "Congo - Brazzaville", "CPV": "Cape Verde",
	"IRN": "Iran", "KNA": "St. Kitts & Nevis", "KOR": "South Korea", "LAO": "Laos", "LCA": "St. Lucia",
	"MDA": "Moldova", "MMR": "Myanmar (Burma)", "PRK": "North Korea", "RUS": "Russia", "SUN": "Russia",
	"STP": "São Tomé & Príncipe", "SYR": "Syria", "TTO": "Trinidad & Tobago", "TUR": "Turkey",
	"TWN": "Taiwan", "TZA": "Tanzania", "VCT": "St. Vincent & Grenadines", "VEN": "Venezuela",
	"VNM": "Vietnam", "YMD": "Yemen People's Republic", "SCG": "Yugoslavia",
	"FSM": "Micronesia (Federated States of)", "MKD": "North Macedonia", "SWZ": "Eswatini",
	"CZE": "Czechia", "GBR": "United Kingdom", "USA": "United States",
}

// unvotesCountry returns the unvotes package's name and ISO 3166-1 alpha-2
// code of a state on a date.
func unvotesCountry(reg *registry.Registry, code, date string) (name, iso2 string) {
	switch {
	case code == "DEU" && date < "1990-10-03":
		return "Federal Republic of Germany", ""
	case code == "YEM" && date < "1990-05-22":
		return "Yemen Arab Republic", ""
	case code == "SUN":
		return "Russia", "RU"
	case code == "SCG":
		return "Yugoslavia", "YU"
	}
	s := reg.State(code)
	if s == nil {
		return code, ""
	}
	name, iso2 = s.Name, s.ISO2
	if n, ok := unvotesNames[code]; ok {
		name = n
	}
	return name, iso2
}

var unvotesVote = map[record.Vote]string{record.Yes: "yes", record.No: "no", record.Abstain: "abstain"}

// WriteUnvotes writes the three tables of the unvotes R package's layout
// into dir: votes.csv (rcid, country, country_code, vote), roll_calls.csv
// (rcid, session, importantvote, date, unres, amend, para, short, descr)
// and roll_call_issues.csv (rcid, short_name, issue), for the General
// Assembly's roll calls. Non-voting members are left out, as unvotes does.
// A roll call from an unvotes file keeps its rcid; any other gets
// UnvotesRCIDBase plus its store id. Issue codes are Voeten's where the
// roll call has them, else blocwatch's classifier's. importantvote is NA
// for roll calls that no unvotes file holds.
func WriteUnvotes(ctx context.Context, st *store.Store, dir string, o UnvotesOptions) (UnvotesCounts, error) {
	var n UnvotesCounts
	m, err := st.Matrix(ctx)
	if err != nil {
		return n, err
	}
	rcids, err := unvotesRCIDs(ctx, st)
	if err != nil {
		return n, err
	}
	mask := m.Select(votes.Filter{Body: record.GA, From: o.From, To: o.To})
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return n, err
	}
	type file struct {
		f *os.File
		b *bufio.Writer
		w *csv.Writer
	}
	open := func(name string, header ...string) (*file, error) {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		b := bufio.NewWriterSize(f, 1<<16)
		w := csv.NewWriter(b)
		return &file{f, b, w}, w.Write(header)
	}
	files := make([]*file, 3)
	names := []string{"votes.csv", "roll_calls.csv", "roll_call_issues.csv"}
	headers := [][]string{
		{"rcid", "country", "country_code", "vote"},
		{"rcid", "session", "importantvote", "date", "unres", "amend", "para", "short", "descr"},
		{"rcid", "short_name", "issue"},
	}
	for i := range files {
		if files[i], err = open(names[i], headers[i]...); err != nil {
			return n, fmt.Errorf("export: %s: %w", names[i], err)
		}
	}
	defer func() {
		for _, f := range files {
			f.f.Close()
		}
	}()
	votesW, rcW, issW := files[0].w, files[1].w, files[2].w
	reg := registry.Default()
	states := m.States()
	bit := func(b bool) string {
		if b {
			return "1"
		}
		return "0"
	}
	for i, rc := range m.RollCalls() {
		if !mask.Has(i) {
			continue
		}
		rcid, fromUnvotes := rcids[rc.ID]
		if !fromUnvotes {
			rcid = UnvotesRCIDBase + rc.ID
		}
		id := strconv.FormatInt(rcid, 10)
		session, important := "", "NA"
		if rc.Session != 0 {
			session = strconv.Itoa(rc.Session)
		}
		if fromUnvotes {
			important = bit(rc.Important)
		}
		title := strings.TrimSpace(rc.Title)
		if err := rcW.Write([]string{id, session, important, rc.Date, rc.Resolution, bit(rc.Amendment), bit(rc.Paragraph), title, title}); err != nil {
			return n, err
		}
		n.RollCalls++
		for s, code := range states {
			v, ok := unvotesVote[m.Vote(i, s)]
			if !ok {
				continue
			}
			name, iso2 := unvotesCountry(reg, code, rc.Date)
			if err := votesW.Write([]string{id, name, iso2, v}); err != nil {
				return n, err
			}
			n.Votes++
		}
		for _, c := range rc.Issues.Codes() {
			if err := issW.Write([]string{id, c, record.IssueName(c)}); err != nil {
				return n, err
			}
			n.Issues++
		}
	}
	for i, f := range files {
		f.w.Flush()
		err := f.w.Error()
		if err == nil {
			err = f.b.Flush()
		}
		if err == nil {
			err = f.f.Close()
		}
		if err != nil {
			return n, fmt.Errorf("export: %s: %w", names[i], err)
		}
	}
	return n, nil
}

// unvotesRCIDs returns the rcid of every roll call an unvotes file holds.
func unvotesRCIDs(ctx context.Context, st *store.Store) (map[int64]int64, error) {
	rows, err := st.DB().QueryContext(ctx, `SELECT rollcall_id, key FROM rollcall_source WHERE family = 'unvotes'`)
	if err != nil {
		return nil, fmt.Errorf("export: read unvotes keys: %w", err)
	}
	defer rows.Close()
	out := map[int64]int64{}
	for rows.Next() {
		var id int64
		var key string
		if err := rows.Scan(&id, &key); err != nil {
			return nil, err
		}
		if n, err := strconv.ParseInt(strings.TrimPrefix(key, "rcid:"), 10, 64); err == nil {
			out[id] = n
		}
	}
	return out, rows.Err()
}
