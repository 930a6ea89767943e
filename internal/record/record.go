// Package record defines the plain values that flow through blocwatch: roll
// calls, the votes cast on them, tallies and vetoes. Every layer speaks this
// vocabulary; the package holds no I/O and imports nothing of the project.
package record

import (
	"fmt"
	"strings"
)

// Vote is one member's vote on a roll call.
type Vote byte

// The four vote values. NonVoting covers absence, "not voting" and an empty
// cell in the source files.
const (
	Yes       Vote = 'Y'
	No        Vote = 'N'
	Abstain   Vote = 'A'
	NonVoting Vote = 'X'
)

// Cast reports whether v is a cast vote (yes, no or abstain).
func (v Vote) Cast() bool { return v == Yes || v == No || v == Abstain }

// CastVotes are the three cast votes in the order of every yes/no/abstain
// table: yes, no, abstain.
var CastVotes = [3]Vote{Yes, No, Abstain}

// Index returns v's index in CastVotes: 0 yes, 1 no, 2 abstain, -1 for a
// vote not cast.
func (v Vote) Index() int {
	switch v {
	case Yes:
		return 0
	case No:
		return 1
	case Abstain:
		return 2
	}
	return -1
}

// String returns the one-letter code.
func (v Vote) String() string {
	if v == 0 {
		return ""
	}
	return string(rune(v))
}

// ParseVote reads a vote as written in the UN Digital Library files
// (Y, N, A, X, NV, or empty for non-voting) or in the researchers' layout
// (yes, no, abstain, absent, "not voting"). Case is ignored.
func ParseVote(s string) (Vote, error) {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "Y", "YES":
		return Yes, nil
	case "N", "NO":
		return No, nil
	case "A", "ABSTAIN", "ABSTENTION":
		return Abstain, nil
	case "X", "NV", "", "ABSENT", "NOT VOTING", "NON-VOTING", "NONVOTING":
		return NonVoting, nil
	}
	return 0, fmt.Errorf("unknown vote %q", s)
}

// Body is the UN organ that held a roll call.
type Body string

// The bodies whose votes blocwatch reads.
const (
	GA Body = "GA" // General Assembly
	SC Body = "SC" // Security Council
)

// ParseBody accepts GA or SC in any case.
func ParseBody(s string) (Body, error) {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "GA":
		return GA, nil
	case "SC":
		return SC, nil
	}
	return "", fmt.Errorf("unknown body %q (want GA or SC)", s)
}

// BodyOfSymbol tells the body from a document symbol: A/ is the General
// Assembly, S/ the Security Council; "" otherwise.
func BodyOfSymbol(sym string) Body {
	if len(sym) < 2 || sym[1] != '/' {
		return ""
	}
	switch sym[0] {
	case 'A', 'a':
		return GA
	case 'S', 's':
		return SC
	}
	return ""
}

// Tally counts the votes of a roll call.
type Tally struct {
	Yes       int `json:"yes"`
	No        int `json:"no"`
	Abstain   int `json:"abstain"`
	NonVoting int `json:"non_voting"`
}

// Add counts one vote.
func (t *Tally) Add(v Vote) {
	switch v {
	case Yes:
		t.Yes++
	case No:
		t.No++
	case Abstain:
		t.Abstain++
	default:
		t.NonVoting++
	}
}

// String formats the tally as the UN writes it: yes-no-abstain.
func (t Tally) String() string { return fmt.Sprintf("%d-%d-%d", t.Yes, t.No, t.Abstain) }

// RollCall is one recorded vote: a resolution, an amendment or a paragraph
// put to the vote. Fields a source does not carry are left zero.
type RollCall struct {
	Body       Body
	UNDLID     string   // UN Digital Library record number, if any
	SourceID   string   // the source's own key (unvotes rcid), if any
	Date       string   // YYYY-MM-DD (a bare YYYY where the source gives only the year)
	Session    int      // General Assembly session, 0 if unknown
	Resolution string   // symbol as the source writes it, e.g. A/RES/ES-11/1
	Draft      string   // first originating document
	Committee  string   // committee report
	Meeting    string   // verbatim record, e.g. A/ES-11/PV.5
	Title      string   //
	Agenda     string   // agenda item title
	Subjects   []string // UNBIS subject terms
	Note       string   // vote note
	Amendment  bool     // vote on an amendment (unvotes layout)
	Paragraph  bool     // separate vote on a paragraph (unvotes layout)
	Important  bool     // flagged important by the US State Department (unvotes)
	Issues     []string // Voeten issue codes: me nu di hr co ec
	Link       string   // UN Digital Library URL
	Official   *Tally   // totals as published, nil if the source has none
	Members    int      // total_ms as published, 0 if unknown
}

// Key returns the identity of a roll call within one body: the UN Digital
// Library record where there is one, else the source's own key (the unvotes
// rcid), else the symbol and the date. A symbol alone is not an identity:
// two records can share one, and so can a resolution and the paragraph votes
// on it.
func (r *RollCall) Key() string {
	if r.UNDLID != "" {
		return "undl:" + r.UNDLID
	}
	if r.SourceID != "" {
		return "src:" + r.SourceID
	}
	if r.Resolution == "" && r.Draft != "" {
		// A vote that adopted nothing has no resolution symbol: the draft
		// and the date identify it (two drafts can be voted on one day).
		return "draft:" + r.Draft + "@" + r.Date
	}
	return "sym:" + r.Resolution + "@" + r.Date
}

// Symbol returns the symbol that names the roll call: the resolution, else
// the draft put to the vote.
func (r *RollCall) Symbol() string {
	if r.Resolution != "" {
		return r.Resolution
	}
	return r.Draft
}

// Outcome is what a roll call decided.
type Outcome string

// The outcomes of a roll call. OutcomeUnknown means that no source says.
const (
	OutcomeUnknown    Outcome = ""
	OutcomeAdopted    Outcome = "adopted"
	OutcomeNotAdopted Outcome = "not adopted" // too few votes
	OutcomeVetoed     Outcome = "vetoed"      // a permanent member of the Security Council voted no
)

// OutcomeOf tells the outcome of a roll call from its resolution symbol and
// vote note: a note "Not adopted - veto" is a veto, any other "not adopted"
// or "failed" note a draft short of the votes it needed, a resolution symbol
// (A/RES/..., S/RES/...) or a note saying "adopted" an adoption. Anything
// else is unknown: a draft symbol alone does not say whether it passed.
func OutcomeOf(resolution, note string) Outcome {
	n := strings.ToLower(note)
	switch {
	case strings.Contains(n, "not adopted") || strings.Contains(n, "failed") || strings.Contains(n, "rejected"):
		if strings.Contains(n, "veto") {
			return OutcomeVetoed
		}
		return OutcomeNotAdopted
	case strings.Contains(n, "veto"):
		return OutcomeVetoed
	case strings.Contains(strings.ToUpper(resolution), "/RES/"), strings.Contains(n, "adopted"):
		return OutcomeAdopted
	}
	return OutcomeUnknown
}

// Year returns the calendar year of the roll call, or 0 if the date is bad.
func (r *RollCall) Year() int { return YearOf(r.Date) }

// YearOf returns the year of a YYYY-MM-DD date, or 0.
func YearOf(date string) int {
	if len(date) < 4 {
		return 0
	}
	y := 0
	for i := 0; i < 4; i++ {
		c := date[i]
		if c < '0' || c > '9' {
			return 0
		}
		y = y*10 + int(c-'0')
	}
	return y
}

// Cast is one member's vote as a source writes it: the code and name of the
// member, not yet resolved to a state.
type Cast struct {
	Code string // as written: ISO3 in UNDL files, ISO2 in unvotes
	Name string // as written, typing errors included
	Vote Vote
	Line int // line in the source file
}

// Veto is one draft resolution vetoed in the Security Council.
type Veto struct {
	Date      string   // YYYY-MM-DD
	Draft     string   // draft symbol, e.g. S/2022/155
	Meeting   string   // meeting record, e.g. S/PV.8979
	Agenda    string   // agenda item
	Topic     string   // crisis topic or country concerned
	Region    string   //
	Vetoers   []string // ISO3 codes of the vetoing members (SUN for the USSR)
	UserAdded bool     // added by a user, not from the published list
	Source    string   // link to the source of a user-added record
	Line      int
}

// Issue is a set of issue codes, one bit each.
type Issue uint8

// The six issue codes of Voeten's data.
const (
	MiddleEast  Issue = 1 << iota // me: Palestinian conflict
	Nuclear                       // nu: nuclear weapons and nuclear material
	Disarmament                   // di: arms control and disarmament
	HumanRights                   // hr: human rights
	Colonialism                   // co: colonialism
	Development                   // ec: economic development
)

var issueCodes = []struct {
	code, name string
	bit        Issue
}{
	{"me", "Palestinian conflict", MiddleEast},
	{"nu", "Nuclear weapons and nuclear material", Nuclear},
	{"di", "Arms control and disarmament", Disarmament},
	{"hr", "Human rights", HumanRights},
	{"co", "Colonialism", Colonialism},
	{"ec", "Economic development", Development},
}

// ParseIssue reads one issue code (me, nu, di, hr, co, ec) or its name.
func ParseIssue(s string) (Issue, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	for _, c := range issueCodes {
		if t == c.code || t == strings.ToLower(c.name) {
			return c.bit, nil
		}
	}
	return 0, fmt.Errorf("unknown issue %q (want one of me, nu, di, hr, co, ec)", s)
}

// Codes returns the codes of the issues in the set, in canonical order.
func (is Issue) Codes() []string {
	var out []string
	for _, c := range issueCodes {
		if is&c.bit != 0 {
			out = append(out, c.code)
		}
	}
	return out
}

// IssueName returns the long name of a single issue code, or "".
func IssueName(code string) string {
	for _, c := range issueCodes {
		if c.code == code {
			return c.name
		}
	}
	return ""
}

// Links are where a reader finds a roll call's documents. Record is the UN
// Digital Library's voting record, where a source names it; Document the
// resolution (or, for a vote that adopted nothing, the draft) by symbol on
// the UN's document service; Draft and Meeting the draft put to the vote and
// the verbatim record of the meeting, where known. Empty where unknown.
type Links struct {
	Record   string `json:"record,omitempty"`
	Document string `json:"document,omitempty"`
	Draft    string `json:"draft,omitempty"`
	Meeting  string `json:"meeting,omitempty"`
}

// Best returns the one link to show where there is room for one: the
// voting record, else the document.
func (l Links) Best() string {
	if l.Record != "" {
		return l.Record
	}
	return l.Document
}

// DocLink returns the UN document service's address of a General Assembly
// or Security Council document symbol (https://undocs.org/A/RES/ES-11/1), or
// "" if s is not one: "Oral amendment" has no document, and Voeten's "R/35/1"
// is his notation, not a UN symbol.
func DocLink(symbol string) string {
	s := strings.TrimSpace(symbol)
	if BodyOfSymbol(s) == "" || strings.ContainsAny(s, " \t") {
		return ""
	}
	return "https://undocs.org/" + s
}

// LinksOf returns the links of a roll call from its UN Digital Library link,
// resolution, draft and meeting symbols.
func LinksOf(undlLink, resolution, draft, meeting string) Links {
	l := Links{Record: undlLink, Draft: DocLink(draft), Meeting: DocLink(meeting)}
	if d := DocLink(resolution); d != "" {
		l.Document = d
	} else {
		l.Document = l.Draft
	}
	if l.Draft == l.Document {
		l.Draft = ""
	}
	return l
}

// SourceSpan is what one ingested source holds: its roll calls of one body
// (or its vetoes) and the dates they span.
type SourceSpan struct {
	Source string `json:"source"` // the file name
	Family string `json:"family"` // undl, unvotes, vetoes, user-vetoes
	Body   Body   `json:"body"`
	Kind   string `json:"kind"` // "roll calls" or "vetoes"
	First  string `json:"first"`
	Last   string `json:"last"`
	Count  int    `json:"count"`
}
