package web

import (
	"fmt"
	"html/template"
)

// funcs are the template functions.
var funcs = template.FuncMap{
	// dict builds a map from pairs of arguments, to pass several values
	// to a sub-template: {{template "select" dict "Name" "year" "Options" .Years}}.
	"dict": func(kv ...any) (map[string]any, error) {
		if len(kv)%2 != 0 {
			return nil, fmt.Errorf("dict: odd number of arguments")
		}
		m := make(map[string]any, len(kv)/2)
		for i := 0; i < len(kv); i += 2 {
			k, ok := kv[i].(string)
			if !ok {
				return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
			}
			m[k] = kv[i+1]
		}
		return m, nil
	},
}
