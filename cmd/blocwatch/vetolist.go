package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sort"

	"github.com/blocwatch/blocwatch/internal/source/vetolist"
	"github.com/blocwatch/blocwatch/internal/store"
)

// allVetoes returns the vetoes, oldest first: the published list built into
// the binary, or the published list in the store if one was ingested (a
// newer edition, say), which then stands in for it; and the user-added
// vetoes in the store. A missing store is no error: the built-in list alone
// is returned.
func (a *app) allVetoes(ctx context.Context) ([]store.StoredVeto, error) {
	var stored []store.StoredVeto
	if _, err := os.Stat(a.dbPath); err == nil {
		s, err := a.openStore()
		if err != nil {
			return nil, err
		}
		defer s.Close()
		if stored, err = s.Vetoes(ctx); err != nil {
			return nil, err
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("store: %w", err)
	}
	for _, v := range stored {
		if !v.UserAdded {
			return stored, nil
		}
	}
	builtin, err := vetolist.All()
	if err != nil {
		return nil, err
	}
	out := make([]store.StoredVeto, 0, len(builtin)+len(stored))
	for _, v := range builtin {
		out = append(out, store.StoredVeto{Veto: v.Veto, File: "built-in/" + v.File})
	}
	out = append(out, stored...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date < out[j].Date })
	return out, nil
}
