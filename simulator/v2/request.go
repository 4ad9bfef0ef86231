package v2

import (
	"bytes"
	"mime"
	"net/http"

	"github.com/capsim/capsim/simulator"
)

// Prepare readies a v2 request before routing. A JSON body sent without
// Content-Type, as text/plain, or as curl's default for -d
// (application/x-www-form-urlencoded) is taken as JSON, as v1.1 takes it:
// the reference is silent, v2 speaks only JSON, and a newcomer's first
// curl -d would otherwise be refused for a header it did not mean to send.
// A body that does not begin with { or [ keeps its type, and the contract
// refuses it naming the type.
func Prepare(r *http.Request) *simulator.Error {
	body := simulator.Info(r.Context()).Body
	if len(body) == 0 {
		return nil
	}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mt {
	case "", "text/plain", "application/x-www-form-urlencoded":
	default:
		return nil
	}
	if t := bytes.TrimSpace(body); len(t) > 0 && (t[0] == '{' || t[0] == '[') {
		r.Header.Set("Content-Type", "application/json")
	}
	return nil
}
