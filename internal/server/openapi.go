package server

import (
	_ "embed"
	"net/http"
)

// openAPIDoc describes the API (OpenAPI 3.0). TestOpenAPIRoutes checks that
// it lists every API route and nothing else.
//
//go:embed openapi.json
var openAPIDoc []byte

func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.Write(openAPIDoc)
}
