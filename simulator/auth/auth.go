// Package auth checks credentials the way the Capillary APIs take them: HTTP
// Basic with a till name and the MD5 hex of its password, or an OAuth token
// from POST /v3/oauth/token/generate sent as X-CAP-API-OAUTH-TOKEN.
package auth

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/capsim/capsim/simulator"
)

// Mode says how strictly credentials are checked.
type Mode string

// The modes.
const (
	// ModeAny requires well-formed credentials but accepts any till or key, so
	// a partner's existing configuration works unchanged.
	ModeAny Mode = "any"
	// ModeStrict checks credentials against the fixtures' tills and clients.
	ModeStrict Mode = "strict"
	// ModeOff skips authentication.
	ModeOff Mode = "off"
)

// ParseMode returns the mode named s.
func ParseMode(s string) (Mode, error) {
	switch m := Mode(strings.ToLower(s)); m {
	case ModeAny, ModeStrict, ModeOff:
		return m, nil
	}
	return "", fmt.Errorf("auth mode %q: want any, strict or off", s)
}

// TokenHeader is the header that carries an OAuth token.
const TokenHeader = "X-CAP-API-OAUTH-TOKEN"

// tokenHeaderKey is TokenHeader as Go stores it, so the hot path reads the
// header map without canonicalising the name on every request.
var tokenHeaderKey = http.CanonicalHeaderKey(TokenHeader)

// Authenticator checks requests and issues tokens.
type Authenticator struct {
	Mode Mode
	Org  *simulator.Org
	Now  simulator.Clock
	// TTL is the lifetime of tokens for keys the org does not know (ModeAny).
	TTL time.Duration

	key []byte
	// known holds the fixture tills' headers; cache the others seen valid
	// (ModeAny), bounded.
	known map[string]string
	cache *lru
}

// New returns an Authenticator with a fresh signing key.
func New(mode Mode, org *simulator.Org, now simulator.Clock, ttl time.Duration) *Authenticator {
	key := make([]byte, 32)
	_, _ = rand.Read(key)
	if now == nil {
		now = time.Now
	}
	if ttl <= 0 {
		ttl = 300 * time.Second
	}
	return &Authenticator{Mode: mode, Org: org, Now: now, TTL: ttl, key: key,
		known: knownCredentials(org), cache: newLRU(cacheSize)}
}

// Identity is who a request authenticated as.
type Identity struct {
	Till   string
	Client string
}

// Check authenticates r. The error says what was wrong, for the 401 envelope.
func (a *Authenticator) Check(r *http.Request) (Identity, *simulator.Error) {
	if a.Mode == ModeOff {
		return Identity{}, nil
	}
	if tok := firstHeader(r.Header, tokenHeaderKey); tok != "" {
		claims, err := a.verify(tok, simulator.Info(r.Context()).TimeOr(a.Now))
		if err != nil {
			return Identity{}, unauthorized("%s", err)
		}
		return Identity{Till: claims.Till, Client: claims.ClientID}, nil
	}
	h := firstHeader(r.Header, "Authorization")
	if h == "" {
		return Identity{}, unauthorized("no credentials: send HTTP Basic (till name and MD5 of its password) or an %s header", TokenHeader)
	}
	if till, ok := a.known[h]; ok {
		return Identity{Till: till}, nil
	}
	if till, ok := a.cache.get(h); ok {
		return Identity{Till: till}, nil
	}
	scheme, payload, _ := strings.Cut(h, " ")
	if !strings.EqualFold(scheme, "Basic") {
		return Identity{}, unauthorized("Authorization scheme %q is not supported: use Basic or the %s header", scheme, TokenHeader)
	}
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(payload))
	if err != nil {
		return Identity{}, unauthorized("Basic credentials are not valid base64")
	}
	user, pass, ok := strings.Cut(string(raw), ":")
	if !ok || user == "" {
		return Identity{}, unauthorized("Basic credentials must be till:md5(password)")
	}
	if !isMD5Hex(pass) {
		return Identity{}, unauthorized("the password must be the 32-character MD5 hex of the till's password")
	}
	if a.Mode == ModeStrict {
		t := a.Org.Till(user)
		if t == nil || MD5Hex(t.Password) != strings.ToLower(pass) {
			return Identity{}, unauthorized("unknown till %q or wrong password", user)
		}
	}
	a.cache.put(h, user)
	return Identity{Till: strings.Clone(user)}, nil
}

// firstHeader returns the first value of header key, given in canonical form.
func firstHeader(h http.Header, key string) string {
	if v := h[key]; len(v) > 0 {
		return v[0]
	}
	return ""
}

func unauthorized(format string, args ...any) *simulator.Error {
	return simulator.Errorf(simulator.CodeUnauthorized).WithDetail(format, args...)
}

// MD5Hex returns the lower-case MD5 hex of s, as Basic credentials carry passwords.
func MD5Hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

func isMD5Hex(s string) bool {
	if len(s) != 32 {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil
}

// claims are the JWT claims of a token (the real API's names).
type claims struct {
	Issuer   string `json:"iss"`
	Subject  string `json:"sub"`
	ClientID string `json:"client_id"`
	OrgID    int64  `json:"org_id"`
	Till     string `json:"till,omitempty"`
	Use      string `json:"token_use"`
	IssuedAt int64  `json:"iat"`
	Expires  int64  `json:"exp"`
	ID       string `json:"jti"`
}

var jwtHeader = base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT","kid":"capsim"}`))

// Issue returns a token for the client key/secret, issued at the
// authenticator's clock, and its lifetime in seconds.
func (a *Authenticator) Issue(key, secret string) (string, int, *simulator.Error) {
	return a.IssueAt(key, secret, a.Now())
}

// IssueAt is Issue at time now (the requesting namespace's clock).
func (a *Authenticator) IssueAt(key, secret string, now time.Time) (string, int, *simulator.Error) {
	key, secret = strings.TrimSpace(key), strings.TrimSpace(secret)
	if key == "" || secret == "" {
		return "", 0, unauthorized("Failed to generate OAuth token: key and secret are required")
	}
	ttl := a.TTL
	till := ""
	if c := a.Org.Client(key); c != nil {
		if a.Mode == ModeStrict && c.Secret != secret {
			return "", 0, unauthorized("Failed to generate OAuth token: wrong secret for key %q", key)
		}
		if c.TTLSeconds > 0 {
			ttl = time.Duration(c.TTLSeconds) * time.Second
		}
		till = c.Till
	} else if a.Mode == ModeStrict {
		return "", 0, unauthorized("Failed to generate OAuth token: unknown key %q", key)
	}
	if till == "" {
		till = a.Org.DefaultTill
	}
	jti := make([]byte, 8)
	_, _ = rand.Read(jti)
	c := claims{Issuer: "Capillary", Subject: key, ClientID: key, OrgID: a.Org.ID, Till: till,
		Use: "token_access", IssuedAt: now.Unix(), Expires: now.Add(ttl).Unix(), ID: hex.EncodeToString(jti)}
	body, _ := json.Marshal(c)
	unsigned := jwtHeader + "." + base64.RawURLEncoding.EncodeToString(body)
	return unsigned + "." + a.sign(unsigned), int(ttl / time.Second), nil
}

func (a *Authenticator) sign(s string) string {
	m := hmac.New(sha256.New, a.key)
	m.Write([]byte(s))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

func (a *Authenticator) verify(tok string, now time.Time) (*claims, error) {
	parts := strings.Split(strings.TrimSpace(tok), ".")
	if len(parts) != 3 {
		return nil, fmt.Errorf("%s is not a token this server issued", TokenHeader)
	}
	if !hmac.Equal([]byte(a.sign(parts[0]+"."+parts[1])), []byte(parts[2])) {
		return nil, fmt.Errorf("%s has a bad signature (forged, or issued before a restart)", TokenHeader)
	}
	body, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return nil, fmt.Errorf("%s is malformed", TokenHeader)
	}
	var c claims
	if err := json.Unmarshal(body, &c); err != nil {
		return nil, fmt.Errorf("%s is malformed", TokenHeader)
	}
	if now.Unix() >= c.Expires {
		return nil, fmt.Errorf("the OAuth token expired at %s", time.Unix(c.Expires, 0).UTC().Format(time.RFC3339))
	}
	return &c, nil
}
