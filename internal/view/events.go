package view

import (
	"encoding/json"
	"strings"

	"github.com/blocwatch/blocwatch/internal/events"
	"github.com/blocwatch/blocwatch/internal/format"
)

// Events lists dated events, one a row.
type Events []events.Event

// Rows writes the columns of an events file, and whether a user added it.
func (v Events) Rows() *format.Rows {
	r := &format.Rows{Columns: append(append([]string(nil), events.Header...), "user_added")}
	for _, e := range v {
		r.Data = append(r.Data, []any{e.Date, e.Title, e.Kind, strings.Join(e.States, " "), e.Source, e.UserAdded})
	}
	return r
}

// MarshalJSON writes the events as objects with states as a list.
func (v Events) MarshalJSON() ([]byte, error) {
	if v == nil {
		v = Events{}
	}
	return json.Marshal([]events.Event(v))
}
