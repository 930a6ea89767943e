package view

import (
	"encoding/json"
	"fmt"

	"github.com/blocwatch/blocwatch/internal/align"
	"github.com/blocwatch/blocwatch/internal/events"
	"github.com/blocwatch/blocwatch/internal/format"
)

// Around is the comparison of two sides before and after an event.
type Around struct {
	Event   events.Event
	Metrics []align.Metric
	Result  *align.Around
}

// Rows writes one row per period (before, after) with its dates, n and
// metrics, then the test of the change in agreement on each row.
func (v Around) Rows() *format.Rows {
	cols := []string{"period", "from", "to", "a", "b", "n"}
	for _, m := range v.Metrics {
		cols = append(cols, m.String())
	}
	cols = append(cols, "partial", "agree_diff", "diff_lo", "diff_hi", "z", "p")
	t := v.Result.Test
	r := &format.Rows{Columns: cols}
	r.Heading = []string{fmt.Sprintf("%d months before and after %s %s", v.Result.Months, v.Event.Date, v.Event.Title)}
	for i, row := range []align.Row{v.Result.Before, v.Result.After} {
		d := []any{row.Label, row.From, row.To, row.A, row.B, row.N}
		for k := range v.Metrics {
			d = append(d, number(row.Values[k]))
		}
		d = append(d, v.Result.Partial[i], number(t.Diff), number(t.Lo), number(t.Hi), number(t.Z), number(t.P))
		r.Data = append(r.Data, d)
	}
	r.Footer = []string{
		fmt.Sprintf("agreement %d/%d before, %d/%d after; two-proportion z-test: z = %s, p = %s (docs/alignment.md)",
			t.X1, t.N1, t.X2, t.N2, fixed3(t.Z), fixed3(t.P)),
	}
	if v.Result.Partial[0] || v.Result.Partial[1] {
		r.Footer = append(r.Footer, "a period marked partial reaches beyond the dates of the stored roll calls")
	}
	return r
}

// MarshalJSON writes the event, both periods and the test as one object.
func (v Around) MarshalJSON() ([]byte, error) {
	period := func(row align.Row, partial bool) map[string]any {
		o := map[string]any{"from": row.From, "to": row.To, "a": row.A, "b": row.B, "n": row.N, "partial": partial}
		for k, m := range v.Metrics {
			o[m.String()] = number(row.Values[k])
		}
		return o
	}
	t := v.Result.Test
	return json.Marshal(map[string]any{
		"event":  v.Event,
		"months": v.Result.Months,
		"before": period(v.Result.Before, v.Result.Partial[0]),
		"after":  period(v.Result.After, v.Result.Partial[1]),
		"test": map[string]any{
			"name":    "two-proportion z-test of agreement (pooled), two-sided",
			"formula": "z = (p2 - p1) / sqrt(p (1 - p) (1/n1 + 1/n2)), p = (x1 + x2) / (n1 + n2); P = 2 (1 - Phi(|z|))",
			"x1":      t.X1, "n1": t.N1, "x2": t.X2, "n2": t.N2,
			"diff": number(t.Diff), "diff_lo": number(t.Lo), "diff_hi": number(t.Hi),
			"z": number(t.Z), "p": number(t.P),
		},
	})
}

func fixed3(v align.Value) string {
	if !v.Defined {
		return "undefined"
	}
	return fmt.Sprintf("%.3f", v.X)
}
