package brief

import (
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
	"text/template"

	htemplate "html/template"

	"github.com/blocwatch/blocwatch/internal/align"
	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/registry"
	"github.com/blocwatch/blocwatch/internal/rollcalls"
	"github.com/blocwatch/blocwatch/internal/store"
	"github.com/blocwatch/blocwatch/internal/votes"
)

// Partners is how many closest partners a state's usual company is, and
// PartnerYears how many years before the roll call they are measured over.
const (
	Partners     = rollcalls.BreakPartners
	PartnerYears = 3
)

// RollCallInput is what a roll-call brief is built from.
type RollCallInput struct {
	M        *votes.Matrix
	RollCall *store.RollCall // with its member votes
	Reg      *registry.Registry
	Six      []string // the six around the peninsula, in order
	Vetoes   []store.StoredVeto
	// Outcome, if set, says what became of the draft (a hook for stored
	// outcomes of failed drafts); else it is read from the symbol and tally.
	Outcome       string
	CommandPrefix string
}

// Named is a state with its name and vote.
type Named struct {
	State string `json:"state"`
	Name  string `json:"name"`
	Vote  string `json:"vote"`
}

// Break is a state that voted otherwise than its usual partners.
type Break struct {
	State        string   `json:"state"`
	Name         string   `json:"name"`
	Vote         string   `json:"vote"`
	PartnersVote string   `json:"partners_vote"`
	Partners     []string `json:"partners"` // its closest partners that voted so
}

// Related is another roll call on the same item.
type Related struct {
	Symbol  string       `json:"symbol"`
	Date    string       `json:"date"`
	Title   string       `json:"title"`
	Tally   record.Tally `json:"tally"`
	Link    string       `json:"link"`
	Current bool         `json:"current"`
}

// RollCallBrief is a brief on one roll call.
type RollCallBrief struct {
	Symbol    string            `json:"symbol"`
	Date      string            `json:"date"`
	Body      string            `json:"body"`
	Title     string            `json:"title"`
	Outcome   string            `json:"outcome"`
	Tally     record.Tally      `json:"tally"`
	Official  *record.Tally     `json:"official_tally,omitempty"`
	No        []Named           `json:"no"`
	Abstain   []Named           `json:"abstain"`
	Six       []Named           `json:"six"`
	Breaks    []Break           `json:"broke_with_partners"`
	BreakNote string            `json:"broke_note"`
	Related   []Related         `json:"related"`
	Links     map[string]string `json:"links"`
	Vetoes    []VetoItem        `json:"vetoes,omitempty"`
	Commands  []string          `json:"commands"`
}

var esRe = regexp.MustCompile(`^(A/RES/ES-\d+/)`)

// BuildRollCall assembles the brief on one roll call.
func BuildRollCall(in RollCallInput) (*RollCallBrief, error) {
	rc, m := in.RollCall, in.M
	idx := -1
	for i, x := range m.RollCalls() {
		if x.ID == rc.ID {
			idx = i
			break
		}
	}
	if idx < 0 {
		return nil, fmt.Errorf("brief: roll call %s (id %d) is not in the vote matrix", rc.Resolution, rc.ID)
	}
	name := func(code, asWritten string) string {
		if st := in.Reg.State(code); st != nil {
			return st.Name
		}
		return asWritten
	}
	b := &RollCallBrief{Symbol: rc.Symbol, Date: rc.Date, Body: string(rc.Body), Title: cleanTitle(rc.Title), Tally: rc.Tally, Official: rc.Official,
		No: []Named{}, Abstain: []Named{}, Six: []Named{}, Breaks: []Break{}, Related: []Related{}, Links: map[string]string{}}
	votesOf := map[string]record.Vote{}
	for _, v := range rc.Votes {
		votesOf[v.State] = v.Vote
		switch v.Vote {
		case record.No:
			b.No = append(b.No, Named{v.State, name(v.State, v.Name), "N"})
		case record.Abstain:
			b.Abstain = append(b.Abstain, Named{v.State, name(v.State, v.Name), "A"})
		}
	}
	for _, s := range in.Six {
		b.Six = append(b.Six, Named{s, name(s, s), voteString(votesOf[s])})
	}
	b.Outcome = in.Outcome
	if b.Outcome == "" {
		b.Outcome = outcome(rc)
	}
	for k, l := range map[string]string{"record": rc.Links.Record, "document": rc.Links.Document, "draft": rc.Links.Draft, "meeting": rc.Links.Meeting} {
		if l != "" {
			b.Links[k] = l
		}
	}
	for _, v := range in.Vetoes {
		if v.Draft != "" && (strings.EqualFold(v.Draft, rc.Resolution) || strings.EqualFold(v.Draft, rc.Draft)) {
			b.Vetoes = append(b.Vetoes, VetoItem{Date: v.Date, Draft: v.Draft, Vetoers: v.Vetoers, Topic: v.Topic, Link: record.DocLink(v.Draft), Source: v.Source})
		}
	}

	// Who broke with their usual partners: each state's closest partners by
	// agreement over the years before, and their most common vote here.
	y := record.YearOf(rc.Date)
	w := align.Period(fmt.Sprintf("%04d-01-01", y-PartnerYears), fmt.Sprintf("%04d-12-31", y-1))
	mask := m.Select(votes.Filter{Body: rc.Body})
	b.BreakNote = fmt.Sprintf("A state broke with its usual partners when its vote differs from the vote cast by more than half of those of its %d closest partners by agreement on %s roll calls in %s..%s that voted here, at least %d of them (the rule of blocwatch vote --breaks, over the years before the vote).", rollcalls.BreakPartners, rc.Body, w.From, w.To, rollcalls.BreakMinPartner)
	if tables, err := align.AllPairs(m, []align.Window{w}, mask); err == nil && len(tables) == 1 {
		// The rule of rollcalls.Breaks, over the partnerships of the years
		// before the vote.
		for _, br := range rollcalls.Breaks(m, idx, tables[0].Pairs) {
			var with []string
			for _, p := range br.Partners {
				if p.Vote == br.Majority {
					with = append(with, p.State)
				}
			}
			b.Breaks = append(b.Breaks, Break{State: br.State, Name: name(br.State, br.State), Vote: br.Vote.String(), PartnersVote: br.Majority.String(), Partners: with})
		}
		sort.Slice(b.Breaks, func(x, y int) bool { return b.Breaks[x].State < b.Breaks[y].State })
	}

	// Related votes on the same item: the emergency session's series, or the
	// roll calls with the same title.
	same := func(x *votes.RollCall) bool {
		return strings.EqualFold(cleanTitle(x.Title), cleanTitle(rc.Title)) && x.Body == rc.Body
	}
	if es := esRe.FindString(rc.Resolution); es != "" {
		same = func(x *votes.RollCall) bool { return strings.HasPrefix(x.Resolution, es) }
	}
	var rel []Related
	cur := -1
	for i, x := range m.RollCalls() {
		if !same(&x) {
			continue
		}
		if i == idx {
			cur = len(rel)
		}
		rel = append(rel, Related{Symbol: x.Symbol(), Date: x.Date, Title: cleanTitle(x.Title), Tally: x.Tally, Link: x.Links.Best(), Current: i == idx})
	}
	if cur >= 0 {
		lo, hi := max(0, cur-5), min(len(rel), cur+6)
		rel = rel[lo:hi]
	}
	if len(rel) > 1 {
		b.Related = rel
	}
	b.Commands = []string{in.CommandPrefix + " vote " + rc.Resolution}
	return b, nil
}

// outcome reads what became of a roll call from its symbol and tally: the
// store holds adopted resolutions and, where a source has them, drafts.
func outcome(rc *store.RollCall) string {
	t := rc.Tally
	if rc.Official != nil {
		t = *rc.Official
	}
	switch {
	case rc.Outcome == record.OutcomeVetoed:
		return fmt.Sprintf("not adopted: vetoed by %s; %d in favour, %d against, %d abstaining", strings.Join(rc.VetoedBy, " "), t.Yes, t.No, t.Abstain)
	case rc.Outcome == record.OutcomeNotAdopted:
		return fmt.Sprintf("not adopted, %d in favour, %d against, %d abstaining", t.Yes, t.No, t.Abstain)
	case rc.Outcome == record.OutcomeAdopted:
		return fmt.Sprintf("adopted, %d in favour, %d against, %d abstaining", t.Yes, t.No, t.Abstain)
	}
	return fmt.Sprintf("%d in favour, %d against, %d abstaining (draft or part vote: see the record)", t.Yes, t.No, t.Abstain)
}

var rollCallMD = template.Must(template.New("rc").Funcs(template.FuncMap{"word": voteWord, "join": strings.Join}).Parse(
	`# {{.Symbol}} ({{.Date}}, {{.Body}}): {{.Title}}

Outcome: {{.Outcome}}.{{if .Official}} Official tally {{.Official.Yes}}–{{.Official.No}}–{{.Official.Abstain}}.{{end}}
{{if .Tally.Yes}}Tally of the member rows: {{.Tally.Yes}} yes, {{.Tally.No}} no, {{.Tally.Abstain}} abstaining, {{.Tally.NonVoting}} not voting.
{{end}}
## Voted against ({{len .No}})

{{range .No}}- {{.Name}} ({{.State}})
{{end}}
## Abstained ({{len .Abstain}})

{{range .Abstain}}- {{.Name}} ({{.State}})
{{end}}
## The six

| state | vote |
|---|---|
{{range .Six}}| {{.Name}} ({{.State}}) | {{word .Vote}} |
{{end}}
## Broke with their usual partners ({{len .Breaks}})

{{range .Breaks}}- {{.Name}} ({{.State}}) voted {{word .Vote}}; {{join .Partners " "}} voted {{word .PartnersVote}}
{{end}}
{{.BreakNote}}
{{if .Vetoes}}
## Vetoes

{{range .Vetoes}}- {{.Date}} [{{.Draft}}]({{.Link}}) vetoed by {{join .Vetoers " "}}
{{end}}{{end}}{{if .Related}}
## Related votes on the same item

{{range .Related}}- {{if .Current}}**{{end}}[{{.Symbol}}]({{.Link}}) {{.Date}} {{.Title}}: {{.Tally.Yes}}–{{.Tally.No}}–{{.Tally.Abstain}}{{if .Current}}** (this vote){{end}}
{{end}}{{end}}
## Links

{{range $k, $v := .Links}}- {{$k}}: <{{$v}}>
{{end}}
## Reproduce

` + "```" + `
{{range .Commands}}{{.}}
{{end}}` + "```" + `
`))

var rollCallHTML = htemplate.Must(htemplate.New("rc").Funcs(htemplate.FuncMap{"word": voteWord, "join": strings.Join}).Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Symbol}}: {{.Title}}</title>
<style>body{font:14px/1.45 system-ui,sans-serif;max-width:52em;margin:2em auto;padding:0 1em;color:#222}h1{font-size:1.4em}h2{font-size:1.1em;border-bottom:1px solid #ccc}td,th{padding:.1em .6em;text-align:left}@media print{body{margin:0}}</style>
</head><body>
<h1>{{.Symbol}} ({{.Date}}, {{.Body}}): {{.Title}}</h1>
<p>Outcome: {{.Outcome}}.{{if .Tally.Yes}} Tally of the member rows: {{.Tally.Yes}} yes, {{.Tally.No}} no, {{.Tally.Abstain}} abstaining, {{.Tally.NonVoting}} not voting.{{end}}</p>
<h2>Voted against ({{len .No}})</h2><ul>{{range .No}}<li>{{.Name}} ({{.State}})</li>{{end}}</ul>
<h2>Abstained ({{len .Abstain}})</h2><ul>{{range .Abstain}}<li>{{.Name}} ({{.State}})</li>{{end}}</ul>
<h2>The six</h2><table>{{range .Six}}<tr><td>{{.Name}} ({{.State}})</td><td>{{word .Vote}}</td></tr>{{end}}</table>
<h2>Broke with their usual partners ({{len .Breaks}})</h2><ul>{{range .Breaks}}<li>{{.Name}} ({{.State}}) voted {{word .Vote}}; {{join .Partners " "}} voted {{word .PartnersVote}}</li>{{end}}</ul><p>{{.BreakNote}}</p>
{{if .Vetoes}}<h2>Vetoes</h2><ul>{{range .Vetoes}}<li>{{.Date}} <a href="{{.Link}}">{{.Draft}}</a> vetoed by {{join .Vetoers " "}}</li>{{end}}</ul>{{end}}
{{if .Related}}<h2>Related votes on the same item</h2><ul>{{range .Related}}<li>{{if .Current}}<strong>{{end}}<a href="{{.Link}}">{{.Symbol}}</a> {{.Date}} {{.Title}}: {{.Tally.Yes}}–{{.Tally.No}}–{{.Tally.Abstain}}{{if .Current}}</strong> (this vote){{end}}</li>{{end}}</ul>{{end}}
<h2>Links</h2><ul>{{range $k, $v := .Links}}<li>{{$k}}: <a href="{{$v}}">{{$v}}</a></li>{{end}}</ul>
<h2>Reproduce</h2><pre>{{range .Commands}}{{.}}
{{end}}</pre>
</body></html>
`))

// Markdown writes the roll-call brief as Markdown.
func (b *RollCallBrief) Markdown(w io.Writer) error { return rollCallMD.Execute(w, b) }

// HTML writes the roll-call brief as a printable HTML page.
func (b *RollCallBrief) HTML(w io.Writer) error { return rollCallHTML.Execute(w, b) }

// VetoedDraft briefs a Security Council draft that the store holds no roll
// call of but the veto list names: what the veto record says, with links.
// The member votes of failed drafts are not in the store (until a source of
// them is ingested); the brief says so.
func VetoedDraft(symbol string, vetoes []store.StoredVeto, commandPrefix string) (*RollCallBrief, bool) {
	var hits []store.StoredVeto
	for _, v := range vetoes {
		if strings.EqualFold(strings.ReplaceAll(v.Draft, " ", ""), strings.ReplaceAll(symbol, " ", "")) {
			hits = append(hits, v)
		}
	}
	if len(hits) == 0 {
		return nil, false
	}
	v := hits[0]
	b := &RollCallBrief{Symbol: v.Draft, Date: v.Date, Body: string(record.SC), Title: v.Agenda,
		Outcome: "not adopted: vetoed by " + strings.Join(v.Vetoers, " ") + " (the member votes of this draft are not in the store; see the meeting record)",
		No:      []Named{}, Abstain: []Named{}, Six: []Named{}, Breaks: []Break{}, Related: []Related{}, Links: map[string]string{}}
	if l := record.DocLink(v.Draft); l != "" {
		b.Links["draft"] = l
	}
	if l := record.DocLink(v.Meeting); l != "" {
		b.Links["meeting"] = l
	}
	if v.Source != "" {
		b.Links["source"] = v.Source
	}
	for _, h := range hits {
		b.Vetoes = append(b.Vetoes, VetoItem{Date: h.Date, Draft: h.Draft, Vetoers: h.Vetoers, Topic: h.Topic, Link: record.DocLink(h.Draft), Source: h.Source})
		for _, c := range h.Vetoers {
			n := c
			if st := registry.Default().State(c); st != nil {
				n = st.Name
			}
			b.No = append(b.No, Named{State: c, Name: n, Vote: "N"})
		}
	}
	b.BreakNote = "Not computed: the store holds no member votes of this draft."
	b.Commands = []string{commandPrefix + " vetoes --topic " + v.Draft}
	return b, true
}
