package council

import (
	"slices"
	"strings"

	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/registry"
)

// A VetoQuery selects vetoes. The zero VetoQuery selects every veto.
type VetoQuery struct {
	// By keeps the vetoes cast by this member (an identity code) or by an
	// earlier holder of its seat: RUS includes the USSR (SUN), CHN the
	// Republic of China (TWN). SUN or TWN alone name only those.
	By string
	// Topic keeps the vetoes whose agenda item, topic, region or draft
	// symbol contain the text, compared as registry.Fold folds names
	// (case, accents and apostrophes ignored). A text that names the
	// Democratic People's Republic of Korea (DPRK, North Korea, the full
	// name) matches any of these names.
	Topic string
	// From and To keep the vetoes dated within them (YYYY-MM-DD,
	// inclusive; empty is open).
	From, To string
}

// aliases are the names of one country concerned that a topic may use.
var aliases = [][]string{
	{"DPRK", "DEMOCRATIC PEOPLES REPUBLIC OF KOREA", "NORTH KOREA"},
}

// Holders returns the identity code and the codes of the identities whose
// permanent seat it continues, by the registry's succession (RUS: RUS SUN).
func Holders(code string) []string {
	reg := registry.Default()
	out := []string{code}
	for st := reg.State(code); st != nil && st.Continues != "" && !slices.Contains(out, st.Continues); st = reg.State(st.Continues) {
		out = append(out, st.Continues)
	}
	return out
}

// Matcher returns a function that reports whether a veto matches q.
func (q VetoQuery) Matcher() func(v *record.Veto) bool {
	var seat []string
	if q.By != "" {
		seat = Holders(strings.ToUpper(q.By))
	}
	phrases := topicPhrases(q.Topic)
	return func(v *record.Veto) bool {
		if q.From != "" && v.Date < q.From || q.To != "" && v.Date > q.To {
			return false
		}
		if seat != nil && !slices.ContainsFunc(v.Vetoers, func(c string) bool { return slices.Contains(seat, c) }) {
			return false
		}
		if phrases == nil {
			return true
		}
		text := registry.Fold(strings.Join([]string{v.Agenda, v.Topic, v.Region, v.Draft}, " | "))
		return slices.ContainsFunc(phrases, func(p string) bool { return strings.Contains(text, p) })
	}
}

// topicPhrases returns the folded phrases any of which a topic text must
// contain, or nil for no topic.
func topicPhrases(topic string) []string {
	t := registry.Fold(topic)
	if t == "" {
		return nil
	}
	for _, names := range aliases {
		if slices.Contains(names, t) {
			return names
		}
	}
	return []string{t}
}
