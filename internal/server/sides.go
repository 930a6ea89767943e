package server

import (
	"errors"
	"strings"

	"github.com/blocwatch/blocwatch/internal/align"
	"github.com/blocwatch/blocwatch/internal/registry"
)

// side is one side of a comparison, resolved against the registry and the
// matrix.
type side struct {
	Code  string `json:"code"` // state code or group code
	Name  string `json:"name"`
	Group bool   `json:"group"`
	// Members lists a group's members (ever), for the pages.
	Members []string `json:"members,omitempty"`

	align align.Side
	group *registry.Group
}

// resolveSide reads a state or a group as a user writes it: a group code
// (KOREA-WEST, P5), or anything registry.Lookup accepts (PRK, KP, 731,
// "North Korea"). A state must have recorded votes. param names the query
// parameter for the error.
func (s *Server) resolveSide(sn *snapshot, param, text string) (*side, error) {
	t := strings.TrimSpace(text)
	if t == "" {
		return nil, paramErrorf(param, "missing: give a state (USA, \"North Korea\") or a group (KOREA-WEST)")
	}
	if g, err := s.reg.Group(t); err == nil {
		return groupSide(g), nil
	}
	st, err := s.reg.Lookup(t)
	if err != nil {
		msg := clipErr(err)
		var le *registry.LookupError
		if errors.As(err, &le) && len(le.Candidates) == 0 {
			msg += "; groups: " + strings.Join(s.groupCodes(), ", ")
		}
		return nil, &ParamError{param, msg}
	}
	if sn.m != nil {
		if _, ok := sn.m.State(st.Code); !ok {
			return nil, paramErrorf(param, "%s (%s) has no recorded votes", st.Code, st.Name)
		}
	}
	return &side{Code: st.Code, Name: st.Name, align: align.State(st.Code)}, nil
}

// groupSide returns the side of a registry group. Membership is first
// checked against the set of codes the group ever had, so that the matrix's
// other states cost a map look-up, not a scan of the memberships.
func groupSide(g *registry.Group) *side {
	ever := map[string]bool{}
	var members []string
	for _, c := range g.MembersOn("") {
		ever[c] = true
		members = append(members, c)
	}
	has := align.MembersFunc(func(state, date string) bool {
		return ever[state] && g.Has(state, date)
	})
	return &side{Code: g.Code, Name: g.Name, Group: true, Members: members, align: align.Group(g.Code, has), group: g}
}

func (s *Server) groupCodes() []string {
	var out []string
	for _, g := range s.reg.Groups() {
		out = append(out, g.Code)
	}
	return out
}

// stateName returns a state's name, or its code if the registry does not
// know it.
func (s *Server) stateName(code string) string {
	if st := s.reg.State(code); st != nil {
		return st.Name
	}
	return code
}
