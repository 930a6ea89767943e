package votes

import (
	"errors"
	"fmt"
	"io"
	"testing"
)

func TestNoVotes(t *testing.T) {
	err := fmt.Errorf("command: %w", NoVotes(fmt.Errorf("no roll calls in 1999: %w", io.EOF)))
	if !errors.Is(err, ErrNoVotes) || !errors.Is(err, io.EOF) {
		t.Errorf("%v: Is ErrNoVotes %v, Is io.EOF %v", err, errors.Is(err, ErrNoVotes), errors.Is(err, io.EOF))
	}
	if err.Error() != "command: no roll calls in 1999: EOF" {
		t.Errorf("message %q", err)
	}
	if errors.Is(errors.New("no roll calls"), ErrNoVotes) {
		t.Error("a message alone matched ErrNoVotes")
	}
}
