package export

// The row types of the tables. Each field is a column: its `parquet` tag
// names it (and sets its Parquet encoding), `desc` describes it for
// datapackage.json and docs/exports.md, `unit` gives its unit, `enum` its
// values. Adding a column is adding a field here and setting it where the
// rows are made (export.go).

// RollCallRow is one roll call: a resolution, draft, amendment or paragraph
// put to the vote.
type RollCallRow struct {
	RollCallID   int64  `parquet:"rollcall_id" desc:"blocwatch's id of the roll call (stable for one store; the key of votes.rollcall_id)"`
	Body         string `parquet:"body,dict" enum:"GA SC" desc:"GA General Assembly, SC Security Council"`
	Symbol       string `parquet:"symbol,dict" desc:"resolution symbol as the source writes it, e.g. A/RES/ES-11/1 (empty for a draft that adopted nothing)"`
	Draft        string `parquet:"draft" desc:"draft symbol or first originating document, where the source gives it"`
	Date         *Date  `parquet:"date,date" desc:"day of the vote; null for the few roll calls whose source gives only the year"`
	Year         int32  `parquet:"year" desc:"calendar year of the vote"`
	Session      *int32 `parquet:"session,optional" desc:"General Assembly session; null where unknown"`
	Title        string `parquet:"title" desc:"title of the resolution or draft"`
	Agenda       string `parquet:"agenda" desc:"agenda item title, where the source gives it"`
	Committee    string `parquet:"committee_report" desc:"committee report symbol, where the source gives it"`
	Meeting      string `parquet:"meeting" desc:"verbatim record of the meeting, e.g. A/ES-11/PV.5"`
	Subjects     string `parquet:"subjects" desc:"UNBIS subject terms joined by |"`
	Note         string `parquet:"vote_note" desc:"the source's note on the vote (e.g. Not adopted - veto)"`
	Amendment    bool   `parquet:"amendment" desc:"universe flag: a vote on an amendment (Voeten's amend)"`
	Paragraph    bool   `parquet:"paragraph" desc:"universe flag: a separate vote on a paragraph (Voeten's para)"`
	Important    bool   `parquet:"important" desc:"flagged important by the US State Department (Voeten's importantvote)"`
	Issues       string `parquet:"issues,dict" desc:"issue codes (me nu di hr co ec), space separated"`
	IssuesOrigin string `parquet:"issues_origin,dict" enum:"voeten classifier" desc:"where the issue codes come from: Voeten's data, or blocwatch's classifier (docs/classifier.md)"`
	Yes          int32  `parquet:"yes" unit:"votes" desc:"yes votes counted from the member rows"`
	No           int32  `parquet:"no" unit:"votes" desc:"no votes counted from the member rows"`
	Abstain      int32  `parquet:"abstain" unit:"votes" desc:"abstentions counted from the member rows"`
	NonVoting    int32  `parquet:"non_voting" unit:"votes" desc:"members listed as not voting"`
	OfficialYes  *int32 `parquet:"official_yes,optional" unit:"votes" desc:"yes votes as published; null where the source has no totals"`
	OfficialNo   *int32 `parquet:"official_no,optional" unit:"votes" desc:"no votes as published"`
	OfficialAbst *int32 `parquet:"official_abstain,optional" unit:"votes" desc:"abstentions as published"`
	OfficialNV   *int32 `parquet:"official_non_voting,optional" unit:"votes" desc:"non-voting members as published"`
	Mismatch     bool   `parquet:"tally_mismatch" desc:"the published yes/no/abstain totals differ from the member rows"`
	Link         string `parquet:"link" desc:"UN Digital Library record, where there is one"`
	Sources      string `parquet:"sources,dict" desc:"names of the ingested files that hold the roll call, joined by |"`
}

// VoteRow is one member's vote on one roll call.
type VoteRow struct {
	Year       int32  `parquet:"-" col:"year" desc:"calendar year of the roll call (in Parquet the partition folder year=YYYY)"`
	RollCallID int64  `parquet:"rollcall_id,delta" desc:"the roll call (roll_calls.rollcall_id)"`
	State      string `parquet:"state,dict" desc:"blocwatch state code (states.code): ISO 3166-1 alpha-3, ISO 3166-3 style for former states"`
	Vote       string `parquet:"vote,dict" enum:"Y N A X" desc:"Y yes, N no, A abstain, X present or absent but not voting"`
	Source     string `parquet:"source,dict" desc:"name of the ingested file the vote was taken from"`
}

// StateRow is one state identity of the registry.
type StateRow struct {
	Code         string `parquet:"code" desc:"identity code: ISO 3166-1 alpha-3; SUN, YUG, CSK, DDR, YMD, SCG, EAZ for former states; TWN for the Republic of China"`
	Name         string `parquet:"name" desc:"current or last English short name, as the UN writes it"`
	ISO2         string `parquet:"iso2" desc:"ISO 3166-1 alpha-2 code, empty where none is used"`
	COW          *int32 `parquet:"cow,optional" desc:"Correlates of War state number; null where none"`
	Former       bool   `parquet:"former" desc:"the identity no longer holds a UN seat"`
	Observer     bool   `parquet:"observer" desc:"a non-member observer State"`
	Admitted     *Date  `parquet:"admitted,date" desc:"first day the identity held its UN seat; null for observers"`
	Left         *Date  `parquet:"left,date" desc:"first day it no longer held the seat; null while it does"`
	Continues    string `parquet:"continues" desc:"identity whose seat this one continues (RUS: SUN)"`
	AbsorbedInto string `parquet:"absorbed_into" desc:"identity it merged into (DDR: DEU)"`
	Successors   string `parquet:"successors" desc:"states formed from its territory when it ended, space separated"`
	OtherCodes   string `parquet:"other_codes" desc:"other codes sources write for it, space separated"`
}

// StateNameRow is one name of a state over time.
type StateNameRow struct {
	Code string `parquet:"code,dict" desc:"identity code (states.code)"`
	Name string `parquet:"name" desc:"the name as written"`
	From string `parquet:"from" desc:"first day of use: YYYY-MM-DD, YYYY-MM or YYYY where the day is not known; empty if open"`
	To   string `parquet:"to" desc:"first day no longer used, same form; empty if open"`
	Kind string `parquet:"kind,dict" enum:"un alt src typo" desc:"un a UN name, alt a common English name, src a spelling a voting source uses, typo a misspelling found in a source"`
}

// GroupRow is one span of one state's membership of a group.
type GroupRow struct {
	Group     string `parquet:"group,dict" desc:"group code, e.g. P5, EU, NATO"`
	GroupName string `parquet:"group_name,dict" desc:"group name"`
	State     string `parquet:"state,dict" desc:"member's identity code (states.code)"`
	From      *Date  `parquet:"from,date" desc:"first day of membership; null if open"`
	To        *Date  `parquet:"to,date" desc:"first day no longer a member; null if open"`
}

// DyadYearRow is the cross-table and every alignment measure of one pair of
// states in one year.
type DyadYearRow struct {
	Year        int32    `parquet:"-" col:"year" desc:"calendar year (in Parquet the partition folder year=YYYY)"`
	StateA      string   `parquet:"state_a,dict" desc:"first state of the pair (states.code), state_a < state_b"`
	StateB      string   `parquet:"state_b,dict" desc:"second state of the pair"`
	N           int32    `parquet:"n" unit:"roll calls" desc:"roll calls of the universe in the year on which both cast yes, no or abstain"`
	YY          int32    `parquet:"yy" unit:"roll calls" desc:"A yes, B yes"`
	YN          int32    `parquet:"yn" unit:"roll calls" desc:"A yes, B no"`
	YA          int32    `parquet:"ya" unit:"roll calls" desc:"A yes, B abstain"`
	NY          int32    `parquet:"ny" unit:"roll calls" desc:"A no, B yes"`
	NN          int32    `parquet:"nn" unit:"roll calls" desc:"A no, B no"`
	NA          int32    `parquet:"na" unit:"roll calls" desc:"A no, B abstain"`
	AY          int32    `parquet:"ay" unit:"roll calls" desc:"A abstain, B yes"`
	AN          int32    `parquet:"an" unit:"roll calls" desc:"A abstain, B no"`
	AA          int32    `parquet:"aa" unit:"roll calls" desc:"A abstain, B abstain"`
	Agree       *float64 `parquet:"agree,optional" unit:"share (0..1)" desc:"share of the n roll calls with the same vote (docs/alignment.md); null if undefined"`
	AgreeHalf   *float64 `parquet:"agree_half,optional" unit:"share (0..1)" desc:"agreement with half credit for yes or no against abstain (Voeten)"`
	Coincidence *float64 `parquet:"coincidence,optional" unit:"share (0..1)" desc:"US State Department voting coincidence: (YY+NN)/(YY+NN+YN+NY)"`
	S           *float64 `parquet:"s,optional" unit:"index (-1..1)" desc:"Signorino and Ritter's S on no -1, abstain 0, yes 1"`
	Kappa       *float64 `parquet:"kappa,optional" unit:"index (-1..1)" desc:"Cohen's kappa, three nominal categories (Häge 2011)"`
	Pi          *float64 `parquet:"pi,optional" unit:"index (-1..1)" desc:"Scott's pi, three nominal categories (Häge 2011)"`
	KappaW      *float64 `parquet:"kappa_w,optional" unit:"index" desc:"distance-weighted Cohen's kappa (Häge 2011)"`
	PiW         *float64 `parquet:"pi_w,optional" unit:"index" desc:"distance-weighted Scott's pi (Häge 2011)"`
	Universe    string   `parquet:"universe,dict" desc:"the roll calls counted: body and selection"`
}

// IdealPointRow is one state's ideal point in one year from a stored fit.
type IdealPointRow struct {
	Fit         string  `parquet:"fit,dict" desc:"name of the stored fit (blocwatch ideal fit --name)"`
	FitID       int64   `parquet:"fit_id" desc:"the store's id of the fit"`
	State       string  `parquet:"state,dict" desc:"identity code (states.code)"`
	Year        int32   `parquet:"year" desc:"calendar year"`
	X           float64 `parquet:"x" unit:"latent scale (standard normal prior)" desc:"ideal point: posterior mean (docs/ideal.md)"`
	SE          float64 `parquet:"se" unit:"latent scale" desc:"posterior standard deviation of x"`
	N           int32   `parquet:"n" unit:"votes" desc:"votes cast by the state in the year"`
	DataVersion int32   `parquet:"data_version" desc:"data version of the store the fit was computed from"`
	Settings    string  `parquet:"settings,dict" desc:"the fit's settings, JSON"`
}

// BlocRow is one state's place in the blocs of one year.
type BlocRow struct {
	Year     int32    `parquet:"year" desc:"calendar year"`
	Bloc     int32    `parquet:"bloc" desc:"bloc number in the year: 1 the largest"`
	Track    int32    `parquet:"track" desc:"the bloc's line across years (docs/blocs.md)"`
	State    string   `parquet:"state,dict" desc:"identity code (states.code)"`
	Own      *float64 `parquet:"own,optional" unit:"share (0..1)" desc:"the state's mean agreement with the other members of its bloc"`
	Nearest  *int32   `parquet:"nearest,optional" desc:"the other bloc it is closest to; null if none"`
	Margin   *float64 `parquet:"margin,optional" unit:"share" desc:"own minus its mean agreement with the nearest bloc"`
	Edge     bool     `parquet:"edge" desc:"margin below 0.05: on the bloc's edge"`
	Cohesion *float64 `parquet:"cohesion,optional" unit:"share (0..1)" desc:"the bloc's mean agreement over pairs of members"`
	Universe string   `parquet:"universe,dict" desc:"the roll calls counted and the method: Louvain on agreement, resolution 1, edges of at least 10 common roll calls"`
}

// VetoRow is one Security Council veto.
type VetoRow struct {
	VetoID    int64  `parquet:"veto_id" desc:"the store's id of the veto"`
	Date      Date   `parquet:"date,date" desc:"day of the vote"`
	Draft     string `parquet:"draft" desc:"draft symbol, e.g. S/2022/155"`
	Meeting   string `parquet:"meeting" desc:"meeting record, e.g. S/PV.8979"`
	Agenda    string `parquet:"agenda" desc:"agenda item"`
	Topic     string `parquet:"topic" desc:"crisis topic or country concerned"`
	Region    string `parquet:"region,dict" desc:"region"`
	VetoedBy  string `parquet:"vetoed_by,dict" desc:"identity codes of the vetoing members, space separated (SUN for the USSR)"`
	UserAdded bool   `parquet:"user_added" desc:"added by a user, not from the published list"`
	Link      string `parquet:"link" desc:"link to the source of a user-added veto"`
	Source    string `parquet:"source,dict" desc:"name of the ingested file"`
	Line      int32  `parquet:"line" desc:"line in that file"`
}

// CoverageRow says what the data hold for one body and year.
type CoverageRow struct {
	Year        int32  `parquet:"year" desc:"calendar year"`
	Body        string `parquet:"body,dict" enum:"GA SC" desc:"GA or SC"`
	RollCalls   int32  `parquet:"roll_calls" unit:"roll calls" desc:"roll calls in the store"`
	MemberVotes int32  `parquet:"member_votes" unit:"votes" desc:"member rows (every value, non-voting included)"`
	States      int32  `parquet:"states" unit:"states" desc:"states with at least one row"`
	FirstDate   *Date  `parquet:"first_date,date" desc:"day of the year's first roll call (null if only its year is known)"`
	LastDate    *Date  `parquet:"last_date,date" desc:"day of the year's last roll call"`
	Partial     bool   `parquet:"partial" desc:"the body's data end before the year does (the year is only partly covered); gaps within a year are not detected"`
	Sources     string `parquet:"sources,dict" desc:"ingested files with roll calls in the year, joined by |"`
}
