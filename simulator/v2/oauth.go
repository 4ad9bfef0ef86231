package v2

import (
	"net/http"

	"github.com/capsim/capsim/simulator"
)

type tokenRequest struct {
	Key    string `json:"key"`
	Secret string `json:"secret"`
}

type tokenData struct {
	AccessToken string `json:"accessToken"`
	TTLSeconds  int    `json:"ttlSeconds"`
}

type tokenResponse struct {
	Data   *tokenData `json:"data"`
	Errors []Message  `json:"errors"`
}

// handleTokenGenerate handles "POST /v3/oauth/token/generate": a key and
// secret give a token to send as X-CAP-API-OAUTH-TOKEN.
func (s *Server) handleTokenGenerate(w http.ResponseWriter, r *http.Request) {
	var req tokenRequest
	if err := decode(r, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	tok, ttl, err := s.Auth.IssueAt(req.Key, req.Secret, s.now(r))
	if err != nil {
		// The token endpoint answers in its own envelope: {"data": null, "errors": [...]}.
		WriteJSON(w, r, err.HTTPStatus(), tokenResponse{Errors: Messages([]*simulator.Error{err})})
		return
	}
	reply(w, r, http.StatusOK, tokenResponse{Data: &tokenData{AccessToken: tok, TTLSeconds: ttl}}, nil)
}
