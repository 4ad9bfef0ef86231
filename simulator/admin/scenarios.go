package admin

import (
	"crypto/subtle"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/scenario"
	"github.com/capsim/capsim/simulator/store"
)

// scenarioView is a scenario as the admin API shows it.
type scenarioView struct {
	Name        string              `json:"name"`
	Description string              `json:"description"`
	Source      string              `json:"source"`
	File        string              `json:"file"`
	Active      scenario.Activation `json:"active"`
	Rules       []ruleView          `json:"rules"`
}

type ruleView struct {
	Name       string   `json:"name"`
	Line       int      `json:"line"`
	Operations []string `json:"operations"`
	Answer     string   `json:"answer"`
	When       string   `json:"when"`
	Commit     string   `json:"commit"`
	// Counters are per namespace: calls matched and calls answered.
	Counters map[string]scenario.Counters `json:"counters"`
}

func (s *Server) view(sc *scenario.Scenario, ns string) scenarioView {
	v := scenarioView{Name: sc.Name, Description: sc.Description, Source: sc.Source, File: sc.File,
		Active: s.Scenarios.ActiveIn(sc.Name), Rules: []ruleView{}}
	for _, r := range sc.Rules {
		rv := ruleView{Name: r.Name, Line: r.Line, Operations: []string{}, Answer: r.Answer.String(),
			When: r.When.String(), Commit: string(r.Commit)}
		for _, op := range r.Match.Operations {
			rv.Operations = append(rv.Operations, op.ID)
		}
		if ns != "" {
			rv.Counters = map[string]scenario.Counters{ns: s.Scenarios.Counters(r, ns)}
		} else {
			rv.Counters = s.Scenarios.AllCounters(r)
		}
		v.Rules = append(v.Rules, rv)
	}
	return v
}

// namespaceParam returns the ?namespace= value, writing a 400 if it is not
// a valid name.
func namespaceParam(w http.ResponseWriter, r *http.Request) (string, bool) {
	ns := r.URL.Query().Get("namespace")
	if ns == "" {
		return ns, true
	}
	if err := store.CheckNamespace(ns); err != nil {
		writeFailure(w, http.StatusBadRequest, simulator.CodeInvalidInput, "namespace "+quote(ns)+": "+err.Error(), nil)
		return "", false
	}
	return ns, true
}

// handleScenariosList handles "GET /__admin/scenarios[?namespace=NAME]":
// every scenario, where it is active and its rules' counters (those of
// one namespace when named).
func (s *Server) handleScenariosList(w http.ResponseWriter, r *http.Request) {
	ns, ok := namespaceParam(w, r)
	if !ok {
		return
	}
	out := []scenarioView{}
	for _, sc := range s.Scenarios.List() {
		out = append(out, s.view(sc, ns))
	}
	writeJSON(w, http.StatusOK, map[string]any{"scenarios": out})
}

// handleScenarioGet handles "GET /__admin/scenarios/{name}".
func (s *Server) handleScenarioGet(w http.ResponseWriter, r *http.Request) {
	ns, ok := namespaceParam(w, r)
	if !ok {
		return
	}
	sc, found := s.Scenarios.Get(simulator.Vars(r)["name"])
	if !found {
		s.notFound(w, simulator.Vars(r)["name"])
		return
	}
	writeJSON(w, http.StatusOK, s.view(sc, ns))
}

// handleScenariosLoad handles "POST /__admin/scenarios": the body is one or
// more scenario documents (YAML, or JSON, which is YAML too). They replace
// loaded scenarios of the same names; nothing is loaded if any has a
// problem, and every problem is listed with its line.
func (s *Server) handleScenariosLoad(w http.ResponseWriter, r *http.Request) {
	data, err := io.ReadAll(io.LimitReader(r.Body, scenario.MaxFileBytes+1))
	if err != nil {
		writeFailure(w, http.StatusBadRequest, simulator.CodeInvalidInput, "request body: "+err.Error(), nil)
		return
	}
	ss, err := s.Scenarios.Load("request body", data, scenario.SourceAdmin)
	if err != nil {
		var probs scenario.Problems
		if errors.As(err, &probs) {
			writeFailure(w, http.StatusBadRequest, simulator.CodeInvalidInput,
				"the scenario is refused: "+strings.ReplaceAll(probs.Error(), "\n", "; "), probs)
			return
		}
		writeFailure(w, http.StatusBadRequest, simulator.CodeInvalidInput, err.Error(), nil)
		return
	}
	out := []scenarioView{}
	for _, sc := range ss {
		out = append(out, s.view(sc, ""))
	}
	writeJSON(w, http.StatusCreated, map[string]any{"loaded": out})
}

// handleScenarioDelete handles "DELETE /__admin/scenarios/{name}". Built-in
// scenarios stay: deactivate them instead.
func (s *Server) handleScenarioDelete(w http.ResponseWriter, r *http.Request) {
	name := simulator.Vars(r)["name"]
	sc, found := s.Scenarios.Get(name)
	if !found {
		s.notFound(w, name)
		return
	}
	if sc.Source == scenario.SourceBuiltin {
		writeFailure(w, http.StatusBadRequest, simulator.CodeInvalidInput, "scenario "+quote(name)+" is built in and cannot be removed; deactivate it instead", nil)
		return
	}
	s.Scenarios.Remove(name)
	writeJSON(w, http.StatusOK, map[string]string{"removed": name})
}

// handleScenarioActivate handles "POST /__admin/scenarios/{name}/activate
// [?namespace=NAME]": active for every request of the namespace, or of every
// namespace.
func (s *Server) handleScenarioActivate(w http.ResponseWriter, r *http.Request) {
	s.setActive(w, r, true)
}

// handleScenarioDeactivate handles "POST /__admin/scenarios/{name}/deactivate
// [?namespace=NAME]".
func (s *Server) handleScenarioDeactivate(w http.ResponseWriter, r *http.Request) {
	s.setActive(w, r, false)
}

func (s *Server) setActive(w http.ResponseWriter, r *http.Request, on bool) {
	ns, ok := namespaceParam(w, r)
	if !ok {
		return
	}
	name := simulator.Vars(r)["name"]
	var err error
	if on {
		err = s.Scenarios.Activate(name, ns)
	} else {
		err = s.Scenarios.Deactivate(name, ns)
	}
	if err != nil {
		s.notFound(w, name)
		return
	}
	sc, _ := s.Scenarios.Get(name)
	writeJSON(w, http.StatusOK, s.view(sc, ns))
}

// handleScenariosReset handles "POST /__admin/scenarios/reset
// [?namespace=NAME]": every rule's counters start again.
func (s *Server) handleScenariosReset(w http.ResponseWriter, r *http.Request) {
	ns, ok := namespaceParam(w, r)
	if !ok {
		return
	}
	s.Scenarios.ResetCounters(ns)
	label := ns
	if label == "" {
		label = "*"
	}
	writeJSON(w, http.StatusOK, map[string]any{"reset": true, "namespace": label})
}

func (s *Server) notFound(w http.ResponseWriter, name string) {
	writeNotFound(w, "no scenario named "+quote(name)+" is loaded (loaded: "+strings.Join(s.Scenarios.Names(), ", ")+")")
}

func quote(s string) string { return `"` + s + `"` }

// failure is the body of a refused admin request: the v2 error envelope,
// plus the problems of a refused scenario file.
type failure struct {
	Warnings []message          `json:"warnings"`
	Errors   []message          `json:"errors"`
	Problems []scenario.Problem `json:"problems,omitempty"`
}

type message struct {
	Status  bool   `json:"status"`
	Code    int    `json:"code"`
	Message string `json:"message"`
}

// writeFailure writes a refused admin request: code's number, and detail as
// the message. The admin API is capsim's own, so its messages say what is
// wrong without the emulated API's boilerplate ("Input is invalid. Please
// check request parameters or input xml/json"); code's message stands in
// only when there is no detail.
func writeFailure(w http.ResponseWriter, status int, code simulator.Code, detail string, probs scenario.Problems) {
	msg := detail
	if msg == "" {
		msg = code.Message()
	}
	writeJSON(w, status, failure{Warnings: []message{}, Errors: []message{{Code: code.Number(), Message: msg}}, Problems: probs})
}

// WriteError writes err as the admin API writes its refusals: err's number
// and, as the message, its detail alone (see writeFailure).
func WriteError(w http.ResponseWriter, err *simulator.Error) {
	writeFailure(w, err.HTTPStatus(), err.Code, err.Detail, nil)
}

// WriteStatus is WriteError with an explicit HTTP status (an unknown admin
// path's 404, say).
func WriteStatus(w http.ResponseWriter, status int, err *simulator.Error) {
	writeFailure(w, status, err.Code, err.Detail, nil)
}

// guard refuses admin requests without the admin token, when one is set.
func (s *Server) guard(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.Token != "" && !tokenEqual(r.Header.Get(HeaderAdminToken), s.Token) {
			writeFailure(w, http.StatusUnauthorized, simulator.CodeUnauthorized,
				"the admin API is locked: send the token given to --admin-token in the "+HeaderAdminToken+" header", nil)
			return
		}
		h(w, r)
	}
}

// HeaderAdminToken carries the admin token when the admin API is locked.
const HeaderAdminToken = "X-Capsim-Admin-Token"

// tokenEqual compares tokens in constant time.
func tokenEqual(got, want string) bool {
	return subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}
