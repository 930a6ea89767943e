package server

import (
	"fmt"

	"github.com/blocwatch/blocwatch/internal/align"
	"github.com/blocwatch/blocwatch/internal/format"
	"github.com/blocwatch/blocwatch/internal/record"
)

// The groups of the Korean peninsula lens.
const (
	groupWest = "KOREA-WEST"
	groupEast = "KOREA-EAST"
)

// campRow is one window of one of the lens's three series.
type campRow struct {
	Series string `json:"series"` // "West", "East", "West–East"
	Window string `json:"window"`
	Year   int    `json:"year"`
	N      int    `json:"n"`     // roll calls on which at least one dyad cast a vote
	Dyads  int    `json:"dyads"` // member dyads measured
	Value  value  `json:"value"`
}

// campSeries is agreement within the western camp (USA, JPN, KOR), within
// the eastern camp (PRK, CHN, RUS; the USSR before 1992) and between them,
// each as the mean of the metric over member dyads (align's
// Options.MeanOfDyads), year by year.
type campSeries struct {
	Metric string    `json:"metric"`
	Body   string    `json:"body"`
	Issue  string    `json:"issue,omitempty"`
	Points []campRow `json:"rows"`
}

// Rows writes one series and year a row.
func (c *campSeries) Rows() *format.Rows {
	r := &format.Rows{Columns: []string{"series", "window", "year", "n", "dyads", c.Metric}}
	for _, x := range c.Points {
		r.Data = append(r.Data, []any{x.Series, x.Window, x.Year, x.N, x.Dyads, cell(x.Value)})
	}
	return r
}

// Names of the three series.
const (
	seriesWest    = "within West"
	seriesEast    = "within East"
	seriesBetween = "West–East"
)

func (s *Server) camps(sn *snapshot, m align.Metric, body record.Body, issue record.Issue) (*campSeries, error) {
	key := fmt.Sprintf("camps|%s|%s|%d", m, body, issue)
	return cached(sn.cache, key, func() (*campSeries, error) {
		gw, err := s.reg.Group(groupWest)
		if err != nil {
			return nil, err
		}
		ge, err := s.reg.Group(groupEast)
		if err != nil {
			return nil, err
		}
		west, east := groupSide(gw), groupSide(ge)
		out := &campSeries{Metric: m.String(), Body: bodyParam(body), Issue: issueCode(issue), Points: []campRow{}}
		for _, p := range []struct {
			name string
			a, b *side
		}{{seriesWest, west, west}, {seriesEast, east, east}, {seriesBetween, west, east}} {
			ser, err := sn.compareSeries(p.a, p.b, []align.Metric{m}, body, issue, "year", true)
			if err != nil {
				return nil, err
			}
			for _, r := range ser.Windows {
				out.Points = append(out.Points, campRow{Series: p.name, Window: r.Window, Year: r.Year, N: r.N, Dyads: r.Dyads, Value: r.Values[m.String()]})
			}
		}
		return out, nil
	})
}
