package server

import (
	"net/http"
	"strings"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/contract"
	"github.com/capsim/capsim/simulator/scenario"
	v11 "github.com/capsim/capsim/simulator/v11"
	v2 "github.com/capsim/capsim/simulator/v2"
)

// apiVersion is one API version capsim serves: where its paths live, how a
// request of it is prepared, and its envelope (how an error is written, how
// a scenario's code is carried, what the scenario engine reads of a
// request). It is the one place the server tells the versions apart.
type apiVersion struct {
	api      simulator.API
	prefixes []string
	// prepare readies a request before routing (its body is read already),
	// or says what is wrong with it.
	prepare func(r *http.Request, cfg *Config) *simulator.Error
	// writeError writes err in the version's envelope, with the status the
	// version gives err when status is 0.
	writeError func(w http.ResponseWriter, r *http.Request, status int, err *simulator.Error)
	// describe reads a request for the scenario engine; without withBody
	// only its identifiers are needed (the journal's), not its body.
	describe func(r *http.Request, vars map[string]string, ids []simulator.RequestIdentifier, withBody bool) scenario.Description
	// carried reports whether the handler's answer carries code (a warning,
	// or a failure of the batch's items) rather than the envelope replacing
	// the answer with it.
	carried func(code simulator.Code, call *scenario.Call) bool
	// carry adds code to the answer the handler wrote into bw, where the
	// handler could not (v2 warnings); v1.1 batches carry injections
	// themselves.
	carry func(bw *bufferedWriter, code simulator.Code)
	// writeInjected writes the answer of an injected code that replaces the
	// handler's.
	writeInjected func(w http.ResponseWriter, r *http.Request, code simulator.Code)
	// checkCode says why op's answers cannot carry code ("" when they can).
	checkCode func(c *contract.Contract, op *contract.Operation, code simulator.Code) string
}

var (
	versionV11 = &apiVersion{
		api:      simulator.V11,
		prefixes: []string{"/v1.1/"},
		prepare:  func(r *http.Request, cfg *Config) *simulator.Error { return v11.Prepare(r, cfg.V11JSON) },
		writeError: func(w http.ResponseWriter, r *http.Request, status int, err *simulator.Error) {
			if status == 0 {
				v11.WriteError(w, r, err)
				return
			}
			v11.WriteErrorStatus(w, r, status, err)
		},
		describe: func(r *http.Request, _ map[string]string, ids []simulator.RequestIdentifier, _ bool) scenario.Description {
			body, ids, items := v11.Describe(r, ids) // the parsed body is the handler's too
			d := scenario.Description{Identifiers: ids, Items: items}
			if body != nil {
				d.Body = body
			}
			return d
		},
		carried: func(code simulator.Code, call *scenario.Call) bool {
			if code.Info().Kind == simulator.KindWarning {
				return true
			}
			return !v11.RequestLevel(code) && call.Items > 0 && v11ItemPath(call.Op) != nil
		},
		carry: func(*bufferedWriter, simulator.Code) {},
		writeInjected: func(w http.ResponseWriter, r *http.Request, code simulator.Code) {
			v11.WriteError(w, r, simulator.Errorf(code))
		},
		checkCode: checkV11Code,
	}
	versionV2 = &apiVersion{
		api:      simulator.V2,
		prefixes: []string{"/v2/", "/v3/"},
		prepare:  func(r *http.Request, _ *Config) *simulator.Error { return v2.Prepare(r) },
		writeError: func(w http.ResponseWriter, r *http.Request, status int, err *simulator.Error) {
			if status == 0 {
				v2.WriteError(w, r, err)
				return
			}
			simulator.Info(r.Context()).AddCodes(err.Number())
			v2.WriteJSON(w, r, status, v2.ErrorEnvelope{Warnings: []v2.Message{}, Errors: v2.Messages([]*simulator.Error{err})})
		},
		describe: func(r *http.Request, vars map[string]string, ids []simulator.RequestIdentifier, withBody bool) scenario.Description {
			body, ids := v2.Describe(r, vars, ids, withBody)
			return scenario.Description{Body: body, Identifiers: ids}
		},
		carried: func(code simulator.Code, _ *scenario.Call) bool {
			return code.Info().Kind == simulator.KindWarning && !v2.Refuses(code)
		},
		carry: func(bw *bufferedWriter, code simulator.Code) {
			e := simulator.Errorf(code)
			if body, ok := v2.CarryWarning(bw.buf.Bytes(), e); ok {
				bw.buf.Reset()
				bw.buf.Write(body)
				bw.header.Del("Content-Length")
			}
		},
		writeInjected: v2.WriteInjected,
		checkCode:     checkV2Code,
	}
	// versions are the API versions, in the order paths are tried.
	versions = []*apiVersion{versionV11, versionV2}
)

// versionOf returns the API version whose paths hold p, nil for none (the
// admin API, the documents, unknown paths).
func versionOf(p string) *apiVersion {
	for _, v := range versions {
		for _, pre := range v.prefixes {
			if strings.HasPrefix(p, pre) {
				return v
			}
		}
	}
	return nil
}

// envelopeOf returns the version whose envelope answers a request for p:
// its own, or v2's for a path of no version (unknown paths answer 404 in
// the v2 envelope, as the gateway does).
func envelopeOf(p string) *apiVersion {
	if v := versionOf(p); v != nil {
		return v
	}
	return versionV2
}

// version returns the version of api.
func version(api simulator.API) *apiVersion {
	if api == simulator.V11 {
		return versionV11
	}
	return versionV2
}
