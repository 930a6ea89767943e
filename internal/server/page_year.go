package server

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/blocwatch/blocwatch/internal/record"
)

type yearData struct {
	Year                           int
	Years, Metrics, Bodies, Issues []option
	Heatmap                        *chart
	Divisive                       *table
	DivisiveTotal                  int
	DivisiveCSV                    string
	OrderBy                        string
	IdealNote                      string
	Prev, Next                     string
}

// divisiveShown is how many divisive roll calls the year page lists.
const divisiveShown = 25

func (s *Server) yearPage(r *http.Request, sn *snapshot, q Query) (*page, error) {
	year, err := pathYear(r, sn)
	if err != nil {
		return nil, err
	}
	body := q.bodyOr(record.GA)
	m := q.Metric
	info := metricInfo[m]
	d := &yearData{Year: year, Years: yearOptions(sn.years(), year), Metrics: metricOptions(m), Bodies: bodyOptions(body), Issues: issueOptions(q.Issue)}
	sel := url.Values{"metric": {m.String()}, "body": {bodyParam(body)}}
	if c := issueCode(q.Issue); c != "" {
		sel.Set("issue", c)
	}
	ys := sn.years()
	for i, y := range ys {
		if y == year {
			if i > 0 {
				d.Prev = apiURL("/year/"+strconv.Itoa(ys[i-1]), sel)
			}
			if i+1 < len(ys) {
				d.Next = apiURL("/year/"+strconv.Itoa(ys[i+1]), sel)
			}
		}
	}

	ym, err := s.yearMatrix(sn, year, body, q.Issue, m)
	if err != nil {
		return nil, err
	}
	d.OrderBy = ym.OrderBy
	if st := sn.ideal.Load(); st.Status != idealReady {
		d.IdealNote = st.message()
	}
	order := make([]string, len(ym.States))
	names := map[string]string{}
	t := &table{Caption: "States in the order of the heat map", Columns: []column{{Label: "#", Num: true}, {Label: "State"}, {Label: "Position", Num: true}, {Label: "Mean " + info.Label, Num: true}, {Label: "Votes cast", Num: true}},
		Empty: "No state cast enough votes in this selection."}
	for i, st := range ym.States {
		order[i] = st.State
		names[st.State] = st.Name
		t.Rows = append(t.Rows, []tcell{numCell(i + 1), link(st.Name, fmt.Sprintf("/state/%s?year=%d", st.State, year)),
			{Text: fmt.Sprintf("%.2f", st.Position), Class: "num"}, valueCell(st.Mean, info.Percent), numCell(st.N)})
	}
	var cells []matrixCell
	for _, c := range ym.Cells {
		if c.Value != nil && names[c.A] != "" && names[c.B] != "" {
			cells = append(cells, c)
		}
	}
	d.Heatmap = &chart{ID: "heatmap", Title: fmt.Sprintf("%s between every pair of states, %d", info.Label, year),
		Note: fmt.Sprintf("States ordered by %s; states with fewer than %d votes cast are left out.", ym.OrderBy, minYearVotes),
		Spec: chartSpec{Kind: "heatmap", Name: fmt.Sprintf("matrix-%d-%s", year, m), Rows: cells, Order: order, Names: names, YLabel: info.Label, YDomain: metricDomain(m), Percent: info.Percent},
		CSV:  csvURL(fmt.Sprintf("/api/v1/years/%d/matrix", year), sel), Table: t}

	dv := sn.divisive(year, body, divisiveShown)
	d.DivisiveTotal = dv.Total
	dt := &table{Columns: []column{{Label: "Date"}, {Label: "Resolution"}, {Label: "Yes-No-Abst.", Num: true}, {Label: "Margin", Num: true, Title: "|yes − (no + abstain)|"}, {Label: "Title"}},
		Empty: "No roll call with a no vote or an abstention this year."}
	for _, v := range dv.Votes {
		dt.Rows = append(dt.Rows, []tcell{dateCell(v.Date), link(symbolOr(v.Resolution), fmt.Sprintf("/resolution/%d", v.ID)), {Text: v.Tally.String(), Class: "num"}, numCell(v.Margin), {Text: clipTitle(v.Title), Title: v.Title}})
	}
	d.Divisive = dt
	d.DivisiveCSV = csvURL(fmt.Sprintf("/api/v1/years/%d/divisive", year), url.Values{"body": {bodyParam(body)}, "limit": {"1000"}})
	return &page{Template: "year", Title: strconv.Itoa(year), Nav: "year", Data: d}, nil
}

type searchData struct {
	Text, From, To string
	Bodies         []option
	Results        *table
	Shown          int
	Offset         int
	Prev, Next     string
	CSV            string
	Searched       bool
}

const searchPageSize = 50

func (s *Server) searchPage(r *http.Request, sn *snapshot, q Query) (*page, error) {
	body := q.bodyOr(BodyAll)
	d := &searchData{Text: q.Text, From: dateParam(r, "from"), To: dateParam(r, "to"), Bodies: bodyOptions(body), Offset: q.Offset}
	raw := r.URL.Query()
	d.Searched = q.Text != "" || raw.Get("from") != "" || raw.Get("to") != "" || raw.Get("body") != ""
	limit := orDefault(q.Limit, searchPageSize)
	res, err := s.search(r.Context(), sn, q.Text, body, q.From, q.To, q.Offset, limit)
	if err != nil {
		return nil, err
	}
	d.Shown = len(res.Found)
	t := &table{Columns: []column{{Label: "Date"}, {Label: "Body"}, {Label: "Resolution"}, {Label: "Yes-No-Abst.", Num: true}, {Label: "Title"}}, Empty: "No roll call matches."}
	for _, f := range res.Found {
		t.Rows = append(t.Rows, []tcell{dateCell(f.Date), text(f.Body), link(symbolOr(f.Resolution), fmt.Sprintf("/resolution/%d", f.ID)), {Text: f.Tally.String(), Class: "num"}, {Text: f.Title}})
	}
	d.Results = t
	sel := url.Values{"q": {q.Text}, "body": {bodyParam(body)}}
	if q.From != "" {
		sel.Set("from", q.From)
	}
	if q.To != "" {
		sel.Set("to", q.To)
	}
	d.CSV = csvURL("/api/v1/rollcalls", sel)
	pageURL := func(off int) string {
		v := cloneValues(raw)
		v.Set("offset", strconv.Itoa(off))
		return "/search?" + v.Encode()
	}
	if q.Offset > 0 {
		d.Prev = pageURL(max(0, q.Offset-limit))
	}
	if res.More {
		d.Next = pageURL(q.Offset + limit)
	}
	title := "Search"
	if q.Text != "" {
		title = "Search: " + q.Text
	}
	return &page{Template: "search", Title: title, Nav: "search", Data: d}, nil
}
