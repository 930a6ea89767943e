package brief

import (
	"fmt"
	"html/template"
	"io"
	"math"
	"strings"
)

// voteWord spells a vote code.
func voteWord(v string) string {
	switch v {
	case "Y":
		return "yes"
	case "N":
		return "no"
	case "A":
		return "abstain"
	case "X":
		return "not voting"
	}
	return "absent"
}

func itemLine(it Item, a, b string) string {
	s := fmt.Sprintf("[%s](%s) (%s) %s — %s %s, %s %s; tally %d–%d–%d", it.Symbol, it.Link, it.Date, it.Title,
		a, voteWord(it.VoteA), b, voteWord(it.VoteB), it.Tally.Yes, it.Tally.No, it.Tally.Abstain)
	if it.Event != "" {
		s += " — event: " + it.Event
	}
	if len(it.Six) > 0 {
		var vs []string
		for _, v := range it.Six {
			vs = append(vs, v.State+" "+v.Vote)
		}
		s += "; camps: " + strings.Join(vs, ", ")
	}
	return s
}

// Markdown writes the pair brief as Markdown.
func (p *Pair) Markdown(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s and %s: %s against %s\n\n", p.A, p.B, p.Period.Label, p.Baseline.Label)
	fmt.Fprintf(&b, "%s and %s; %s; period %s..%s, baseline %s..%s.\n\n", p.ALabel, p.BLabel, p.Universe, p.Period.From, p.Period.To, p.Baseline.From, p.Baseline.To)
	b.WriteString("## Headlines\n\n")
	for _, h := range p.Headlines {
		fmt.Fprintf(&b, "- %s  \n  `%s`\n", h.Text, h.Command)
	}
	b.WriteString("\n## Agreement by year\n\n| year | agree | n | |\n|---|---|---|---|\n")
	for _, pt := range p.Series {
		note := ""
		if pt.Partial {
			note = "partial year"
		}
		fmt.Fprintf(&b, "| %d | %s | %d | %s |\n", pt.Year, pct(pt.Agree), pt.N, note)
	}
	if len(p.Events) > 0 {
		b.WriteString("\nEvents: ")
		var es []string
		for _, e := range p.Events {
			es = append(es, fmt.Sprintf("%s [%s](%s)", e.Date, e.Title, e.Source))
		}
		b.WriteString(strings.Join(es, "; ") + ".\n")
	}
	fmt.Fprintf(&b, "\n`%s`\n", p.SeriesCmd)
	fmt.Fprintf(&b, "\n## Roll calls that split them (%d of %d; most telling first)\n\n", len(p.Splits), p.SplitCount)
	for _, it := range p.Splits {
		fmt.Fprintf(&b, "- %s\n", itemLine(it, p.A, p.B))
	}
	fmt.Fprintf(&b, "\n## Roll calls that joined them (%d of %d; where most of the world voted otherwise first)\n\n", len(p.Joined), p.JoinedCount)
	for _, it := range p.Joined {
		fmt.Fprintf(&b, "- %s\n", itemLine(it, p.A, p.B))
	}
	fmt.Fprintf(&b, "\n`%s`\n\n## Security Council: vetoes by either, and votes, in %s\n\n", p.DivergeCmd, p.Period.Label)
	if len(p.Vetoes) == 0 {
		b.WriteString("None stored.\n")
	}
	for _, v := range p.Vetoes {
		fmt.Fprintf(&b, "- %s [%s](%s) vetoed by %s — %s\n", v.Date, v.Draft, v.Link, strings.Join(v.Vetoers, " "), v.Topic)
	}
	for _, c := range p.VetoCommands {
		fmt.Fprintf(&b, "\n`%s`\n", c)
	}
	fmt.Fprintf(&b, "\nSecurity Council roll calls of %s on which both voted: %d; on which they voted differently: %d", p.Period.Label, p.CouncilCommon, p.CouncilSplitN)
	if p.CouncilSplitN > len(p.CouncilSplits) {
		fmt.Fprintf(&b, " (the latest %d below)", len(p.CouncilSplits))
	}
	b.WriteString(".\n")
	for _, it := range p.CouncilSplits {
		fmt.Fprintf(&b, "- %s\n", itemLine(it, p.A, p.B))
	}
	if p.CouncilCommon > 0 {
		fmt.Fprintf(&b, "\n`%s`\n", p.CouncilCmd)
	}
	if p.Camp != nil {
		fmt.Fprintf(&b, "\n## Camps: %s (%s against %s)\n\nExact splits, the roll calls on which the two camps voted as blocs against each other:\n\n| year | n | exact | share |\n|---|---|---|---|\n", p.Camp.Preset, p.Camp.A, p.Camp.B)
		for _, e := range p.Camp.Exact {
			fmt.Fprintf(&b, "| %d | %d | %d | %.1f%% |\n", e.Year, e.N, e.Exact, 100*e.Share)
		}
		fmt.Fprintf(&b, "\n%s\n\n`%s`\n", p.Camp.Note, p.Camp.Command)
	}
	b.WriteString("\n## Coverage\n\n")
	for _, c := range p.Coverage {
		fmt.Fprintf(&b, "- %s\n", c)
	}
	b.WriteString("\n## Method\n\n")
	for _, c := range p.Method {
		fmt.Fprintf(&b, "- %s\n", c)
	}
	b.WriteString("\n## Reproduce every number\n\n```\n")
	for _, c := range p.Commands {
		b.WriteString(c + "\n")
	}
	b.WriteString("```\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// Chart returns the SVG chart of the yearly series: agreement by year, partial
// years hollow, events as dashed vertical lines with their titles.
func (p *Pair) Chart() template.HTML {
	const W, H, L, R, T, B = 720.0, 260.0, 44.0, 12.0, 16.0, 36.0
	if len(p.Series) == 0 {
		return ""
	}
	// Year Y spans Y−½..Y+½ on the axis: its point sits in the middle, an
	// event at its place within the year.
	y0, y1 := p.Series[0].Year, p.Series[len(p.Series)-1].Year
	lo, hi := float64(y0)-0.5, float64(y1)+0.5
	x := func(year float64) float64 { return L + (year-lo)/(hi-lo)*(W-L-R) }
	y := func(v float64) float64 { return T + (1-v)*(H-T-B) }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %.0f %.0f" width="%.0f" height="%.0f" role="img" aria-label="agreement of %s and %s by year">`, W, H, W, H, template.HTMLEscapeString(p.A), template.HTMLEscapeString(p.B))
	for _, v := range []float64{0, 0.25, 0.5, 0.75, 1} {
		fmt.Fprintf(&b, `<line x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f" stroke="#ddd"/><text x="%.1f" y="%.1f" font-size="10" text-anchor="end">%.0f%%</text>`, L, W-R, y(v), y(v), L-4, y(v)+3, 100*v)
	}
	for yr := y0; yr <= y1; yr++ {
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="10" text-anchor="middle">%d</text>`, x(float64(yr)), H-B+14, yr)
	}
	// Events at their fraction of the year.
	for k, e := range p.Events {
		var yy, mm, dd int
		fmt.Sscanf(e.Date, "%d-%d-%d", &yy, &mm, &dd)
		fx := x(float64(yy) + (float64(mm-1)*30.5+float64(dd))/366 - 0.5)
		fmt.Fprintf(&b, `<g class="event"><line x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f" stroke="#b44" stroke-dasharray="3 3"/><text x="%.1f" y="%.1f" font-size="9" fill="#b44">%s</text><title>%s %s</title></g>`,
			fx, fx, T, H-B, fx+2, T+10+float64(k%4)*10, template.HTMLEscapeString(e.Date), template.HTMLEscapeString(e.Date), template.HTMLEscapeString(e.Title))
	}
	var path []string
	for _, pt := range p.Series {
		if pt.Agree != nil {
			path = append(path, fmt.Sprintf("%.1f,%.1f", x(float64(pt.Year)), y(*pt.Agree)))
		}
	}
	fmt.Fprintf(&b, `<polyline fill="none" stroke="#246" stroke-width="2" points="%s"/>`, strings.Join(path, " "))
	for _, pt := range p.Series {
		if pt.Agree == nil {
			continue
		}
		fill := "#246"
		if pt.Partial {
			fill = "#fff"
		}
		fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="4" fill="%s" stroke="#246"><title>%d: %.1f%% of %d roll calls%s</title></circle>`,
			x(float64(pt.Year)), y(*pt.Agree), fill, pt.Year, 100**pt.Agree, pt.N, map[bool]string{true: " (partial year)", false: ""}[pt.Partial])
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

var pairTemplate = template.Must(template.New("pair").Funcs(template.FuncMap{
	"pct": pct, "f3": f3, "word": voteWord,
	"share": func(x float64) string { return fmt.Sprintf("%.1f%%", 100*x) },
	"round": func(x float64) float64 { return math.Round(x*1000) / 1000 },
}).Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{.A}} and {{.B}}: {{.Period.Label}} against {{.Baseline.Label}}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;max-width:52em;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #ccc}
code{font-size:.85em;background:#f4f4f4;padding:0 .2em}table{border-collapse:collapse}td,th{padding:.1em .6em;border-bottom:1px solid #eee;text-align:left}
.cmd{color:#555;font-size:.85em}.chart{max-width:100%;height:auto}
@media print{body{margin:0;max-width:none}a{color:#000}.cmd{font-size:.75em}}
</style></head><body>
<h1>{{.A}} and {{.B}}: {{.Period.Label}} against {{.Baseline.Label}}</h1>
<p>{{.ALabel}} and {{.BLabel}}; {{.Universe}}; period {{.Period.From}}..{{.Period.To}}, baseline {{.Baseline.From}}..{{.Baseline.To}}.</p>
<h2>Headlines</h2><ul>{{range .Headlines}}<li>{{.Text}}<br><code class="cmd">{{.Command}}</code></li>{{end}}</ul>
<h2>Agreement by year</h2>
<figure>{{.Chart}}<figcaption>Agreement by year; hollow points are years the data cover only in part; dashed lines mark events. <code class="cmd">{{.SeriesCmd}}</code></figcaption></figure>
{{if .Events}}<ul>{{range .Events}}<li>{{.Date}} <a href="{{.Source}}">{{.Title}}</a>{{if .UserAdded}} (user-added){{end}}</li>{{end}}</ul>{{end}}
<h2>Roll calls that split them ({{len .Splits}} of {{.SplitCount}}; most telling first)</h2>
<table><tr><th>date</th><th>symbol</th><th>title</th><th>{{.A}}</th><th>{{.B}}</th><th>tally</th></tr>
{{range .Splits}}<tr><td>{{.Date}}</td><td><a href="{{.Link}}">{{.Symbol}}</a></td><td>{{.Title}}{{if .Event}} <em>(event: {{.Event}})</em>{{end}}{{if .Six}}<br><small>{{range .Six}}{{.State}} {{.Vote}} {{end}}</small>{{end}}</td><td>{{word .VoteA}}</td><td>{{word .VoteB}}</td><td>{{.Tally.Yes}}–{{.Tally.No}}–{{.Tally.Abstain}}</td></tr>
{{end}}</table>
<h2>Roll calls that joined them ({{len .Joined}} of {{.JoinedCount}}; where most of the world voted otherwise first)</h2>
<table><tr><th>date</th><th>symbol</th><th>title</th><th>vote</th><th>tally</th><th>world's distance</th></tr>
{{range .Joined}}<tr><td>{{.Date}}</td><td><a href="{{.Link}}">{{.Symbol}}</a></td><td>{{.Title}}{{if .Event}} <em>(event: {{.Event}})</em>{{end}}{{if .Six}}<br><small>{{range .Six}}{{.State}} {{.Vote}} {{end}}</small>{{end}}</td><td>{{word .VoteA}}</td><td>{{.Tally.Yes}}–{{.Tally.No}}–{{.Tally.Abstain}}</td><td>{{share .Against}}</td></tr>
{{end}}</table>
<p><code class="cmd">{{.DivergeCmd}}</code></p>
<h2>Security Council: vetoes by either, and votes, in {{.Period.Label}}</h2>
{{if .Vetoes}}<ul>{{range .Vetoes}}<li>{{.Date}} <a href="{{.Link}}">{{.Draft}}</a> vetoed by {{range .Vetoers}}{{.}} {{end}}— {{.Topic}}</li>{{end}}</ul>{{else}}<p>None stored.</p>{{end}}
{{range .VetoCommands}}<p><code class="cmd">{{.}}</code></p>{{end}}
<p>Security Council roll calls of {{.Period.Label}} on which both voted: {{.CouncilCommon}}; on which they voted differently: {{.CouncilSplitN}}{{if gt .CouncilSplitN (len .CouncilSplits)}} (the latest {{len .CouncilSplits}} below){{end}}.</p>
{{if .CouncilSplits}}<ul>{{range .CouncilSplits}}<li>{{.Date}} <a href="{{.Link}}">{{.Symbol}}</a> {{.Title}}: {{word .VoteA}} / {{word .VoteB}}</li>{{end}}</ul>{{end}}
{{if .CouncilCommon}}<p><code class="cmd">{{.CouncilCmd}}</code></p>{{end}}
{{with .Camp}}<h2>Camps: {{.Preset}} ({{.A}} against {{.B}})</h2>
<p>Exact splits: the roll calls on which the two camps voted as blocs against each other.</p>
<table><tr><th>year</th><th>n</th><th>exact</th><th>share</th></tr>{{range .Exact}}<tr><td>{{.Year}}</td><td>{{.N}}</td><td>{{.Exact}}</td><td>{{share .Share}}</td></tr>{{end}}</table>
<p>{{.Note}}</p>
<p><code class="cmd">{{.Command}}</code></p>{{end}}
<h2>Coverage</h2><ul>{{range .Coverage}}<li>{{.}}</li>{{end}}</ul>
<h2>Method</h2><ul>{{range .Method}}<li>{{.}}</li>{{end}}</ul>
<h2>Reproduce every number</h2><pre>{{range .Commands}}{{.}}
{{end}}</pre>
</body></html>
`))

// HTML writes the pair brief as a printable HTML page with an SVG chart.
func (p *Pair) HTML(w io.Writer) error { return pairTemplate.Execute(w, p) }
