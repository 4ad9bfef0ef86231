package server

import (
	"html/template"
	"net/http"
	"strings"
)

var indexPage = template.Must(template.New("index").Parse(`<!doctype html>
<html><head><meta charset="utf-8"><title>capsim OpenAPI documents</title></head>
<body><h1>capsim OpenAPI documents</h1>
<p>OpenAPI 3.0.3 descriptions of every operation capsim serves. Requests and responses are validated against them.</p>
<ul>{{range .}}<li><a href="/openapi/{{.}}">{{.}}</a></li>{{end}}</ul>
</body></html>
`))

// handleOpenAPI serves GET /openapi/ (an index, HTML or JSON by Accept) and
// GET /openapi/{file}.
func (s *Server) handleOpenAPI(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, "/openapi/")
	if name == "" {
		files := s.cfg.Contract.Files()
		if strings.Contains(r.Header.Get("Accept"), "application/json") {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"files":["` + strings.Join(files, `","`) + `"]}` + "\n"))
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_ = indexPage.Execute(w, files)
		return
	}
	b, ok := s.cfg.Contract.File(name)
	if !ok {
		s.handleNotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/yaml")
	_, _ = w.Write(b)
}
