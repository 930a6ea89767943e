package votes

import "errors"

// ErrNoVotes is matched (errors.Is) by the errors of analyses whose
// selection holds no votes to measure: a valid question without an answer in
// the data, which the command line reports with exit code 3 and the API
// with 404, not as a failure.
var ErrNoVotes = errors.New("no votes in the selection")

// NoVotes marks err as a selection without votes: the result keeps err's
// message and matches both err and ErrNoVotes.
func NoVotes(err error) error { return noVotes{err} }

type noVotes struct{ err error }

func (e noVotes) Error() string   { return e.err.Error() }
func (e noVotes) Unwrap() []error { return []error{e.err, ErrNoVotes} }
