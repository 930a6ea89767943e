package store

import (
	"strings"

	"github.com/blocwatch/blocwatch/internal/classify"
	"github.com/blocwatch/blocwatch/internal/record"
)

// Where a roll call's issue codes come from (RollCall.IssuesOrigin).
const (
	IssuesVoeten     = "voeten"     // Voeten's codes, as his data give them
	IssuesClassifier = "classifier" // package classify, from the roll call's texts
)

// issuesOf returns the issue codes of a roll call and their origin: Voeten's
// codes where the store holds them (stored, space-separated), else the
// classifier's from the title, agenda and UNBIS subjects (joined by "|").
// The store keeps only Voeten's codes: the classifier's are computed when a
// roll call is read, so that they always follow the rules of the running
// code (docs/classifier.md), in lookups and in the vote matrix alike.
func issuesOf(stored, title, agenda, subjects string) (record.Issue, []string, string) {
	if stored != "" {
		var is record.Issue
		codes := strings.Fields(stored)
		for _, c := range codes {
			if x, err := record.ParseIssue(c); err == nil {
				is |= x
			}
		}
		return is, codes, IssuesVoeten
	}
	var subj []string
	if subjects != "" {
		subj = strings.Split(subjects, "|")
	}
	is := classify.Classify(title, agenda, subj)
	codes := is.Codes()
	if codes == nil {
		codes = []string{}
	}
	return is, codes, IssuesClassifier
}
