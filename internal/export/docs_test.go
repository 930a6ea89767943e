package export

import (
	"os"
	"strings"
	"testing"
)

// TestDataDictionary checks that docs/exports.md lists every column of
// every table under the table's heading.
func TestDataDictionary(t *testing.T) {
	b, err := os.ReadFile("../../docs/exports.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	for _, ti := range Describe() {
		_, sec, ok := strings.Cut(doc, "\n### "+ti.Name+"\n")
		if !ok {
			t.Errorf("docs/exports.md has no section ### %s", ti.Name)
			continue
		}
		sec, _, _ = strings.Cut(sec, "\n### ")
		for _, f := range ti.Fields {
			if !strings.Contains(sec, "| `"+f.Name+"` |") {
				t.Errorf("docs/exports.md, %s: column %s missing", ti.Name, f.Name)
			}
		}
	}
}
