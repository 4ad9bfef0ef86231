package admin

import (
	"bytes"
	"html/template"
	"net/http"
	"strconv"
	"sync"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/coverage"
	"github.com/capsim/capsim/simulator/metrics"
)

// coverageNamespace returns the namespace a coverage request names: "" with
// all=true, else ?namespace=, else the X-Capsim-Namespace header.
func coverageNamespace(w http.ResponseWriter, r *http.Request) (string, bool) {
	if v := r.URL.Query().Get("all"); v != "" {
		all, err := strconv.ParseBool(v)
		if err != nil {
			writeFailure(w, http.StatusBadRequest, simulator.CodeInvalidInput, "all "+quote(v)+": want true or false", nil)
			return "", false
		}
		if all {
			return "", true
		}
	}
	ns, ok := namespaceParam(w, r)
	if !ok || ns != "" {
		return ns, ok
	}
	return simulator.Info(r.Context()).Namespace, true
}

// handleCoverageGet handles "GET /__admin/coverage": what the namespace's
// traffic (or everyone's, with all=true) exercised of the contract, as JSON
// or, with format=html, as a page.
func (s *Server) handleCoverageGet(w http.ResponseWriter, r *http.Request) {
	ns, ok := coverageNamespace(w, r)
	if !ok {
		return
	}
	rep := s.Coverage.Report(ns)
	switch f := r.URL.Query().Get("format"); f {
	case "", "json":
		writeJSON(w, http.StatusOK, rep)
	case "html":
		var buf bytes.Buffer
		if err := coverageHTML().Execute(&buf, rep); err != nil {
			writeFailure(w, http.StatusInternalServerError, simulator.CodeAllFailed, "coverage page: "+err.Error(), nil)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(buf.Bytes())
	default:
		writeFailure(w, http.StatusBadRequest, simulator.CodeInvalidInput, "format "+quote(f)+": want json or html", nil)
	}
}

// handleCoverageClear handles "DELETE /__admin/coverage": the namespace's
// counters (everyone's, with all=true) start again.
func (s *Server) handleCoverageClear(w http.ResponseWriter, r *http.Request) {
	ns, ok := coverageNamespace(w, r)
	if !ok {
		return
	}
	s.Coverage.Clear(ns)
	label := ns
	if label == "" {
		label = "*"
	}
	writeJSON(w, http.StatusOK, map[string]any{"cleared": true, "namespace": label})
}

// handleMetrics handles "GET /__admin/metrics": the Prometheus text format.
func (s *Server) handleMetrics(w http.ResponseWriter, r *http.Request) {
	var buf bytes.Buffer
	if err := s.Metrics.Write(&buf); err != nil {
		writeFailure(w, http.StatusInternalServerError, simulator.CodeAllFailed, "metrics: "+err.Error(), nil)
		return
	}
	w.Header().Set("Content-Type", metrics.ContentType)
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(buf.Bytes())
}

// coverageHTML is parsed when the page is first asked for, not at every
// start.
var coverageHTML = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("coverage").Funcs(template.FuncMap{
		"pct": func(s coverage.Summary) string { return strconv.FormatFloat(s.Percent, 'f', 1, 64) + "%" },
	}).Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>capsim contract coverage: {{.Namespace}}</title>
<style>
body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse}
td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
.none{color:#a00}.some{color:#060}.inj{color:#a60}
</style></head><body>
<h1>Contract coverage: namespace {{.Namespace}}</h1>
<table>
<tr><th></th><th>declared</th><th>exercised</th><th>natural</th><th>injected</th><th>coverage</th></tr>
<tr><th>operations</th><td>{{.Operations.Declared}}</td><td>{{.Operations.Exercised}}</td><td>{{.Operations.Natural}}</td><td>{{.Operations.Injected}}</td><td>{{pct .Operations}}</td></tr>
<tr><th>statuses</th><td>{{.Statuses.Declared}}</td><td>{{.Statuses.Exercised}}</td><td>{{.Statuses.Natural}}</td><td>{{.Statuses.Injected}}</td><td>{{pct .Statuses}}</td></tr>
<tr><th>codes</th><td>{{.Codes.Declared}}</td><td>{{.Codes.Exercised}}</td><td>{{.Codes.Natural}}</td><td>{{.Codes.Injected}}</td><td>{{pct .Codes}}</td></tr>
</table>
<p>Requests to no operation: {{.Unmatched}}. Counts are natural / injected answers.</p>
<h2>Operations</h2>
<table>
<tr><th>operation</th><th>method and path</th><th>calls</th><th>statuses</th><th>codes</th></tr>
{{range .PerOperation}}<tr>
<td class="{{if or .Natural .Injected}}some{{else}}none{{end}}">{{.OperationID}}</td>
<td>{{.Method}} {{.Path}}</td><td>{{.Natural}} / {{.Injected}}</td>
<td>{{range .Statuses}}<span class="{{if or .Natural .Injected}}some{{else}}none{{end}}">{{.Status}}{{if not .Declared}} (undeclared){{end}}: {{.Natural}} / {{.Injected}}</span><br>{{end}}</td>
<td>{{range .Codes}}{{.Code}}: {{.Natural}} / {{.Injected}}<br>{{end}}</td>
</tr>
{{end}}</table>
</body></html>
`))
})
