package auth

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/capsim/capsim/simulator"
)

// org is a small organisation: one till, two OAuth clients (one with a
// till and a lifetime of its own) and a default till.
var org = &simulator.Org{
	ID:          7,
	DefaultTill: "default.till",
	Tills:       []simulator.Till{{Code: "cm.1", Password: "cm123"}},
	Clients: []simulator.APIClient{
		{Key: "capsim-key", Secret: "capsim-secret", Till: "cm.1", TTLSeconds: 60},
		{Key: "plain-key", Secret: "plain-secret"},
	},
}

// clock is a settable clock.
type clock struct{ now time.Time }

func (c *clock) Now() time.Time { return c.now }

func newAuth(mode Mode) (*Authenticator, *clock) {
	c := &clock{now: time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)}
	return New(mode, org, c.Now, 0), c
}

// request returns a request carrying headers (name, value pairs).
func request(headers ...string) *http.Request {
	r := httptest.NewRequest("GET", "/v2/customers/lookup", nil)
	for i := 0; i+1 < len(headers); i += 2 {
		r.Header.Set(headers[i], headers[i+1])
	}
	return r
}

func TestParseMode(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want Mode
		ok   bool
	}{
		{"any", ModeAny, true},
		{"ANY", ModeAny, true},
		{"Strict", ModeStrict, true},
		{"off", ModeOff, true},
		{"", "", false},
		{"none", "", false},
		{" any", "", false},
	}
	for _, tc := range tests {
		got, err := ParseMode(tc.in)
		if got != tc.want || (err == nil) != tc.ok {
			t.Errorf("ParseMode(%q) = %q, %v; want %q, ok %v", tc.in, got, err, tc.want, tc.ok)
		}
		if err != nil && !strings.Contains(err.Error(), "want any, strict or off") {
			t.Errorf("ParseMode(%q): error %q does not list the modes", tc.in, err)
		}
	}
}

func TestMD5Hex(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"":      "d41d8cd98f00b204e9800998ecf8427e",
		"cm123": "0e40fb451b5f42df86ac880a57ea901f",
	} {
		if got := MD5Hex(in); got != want {
			t.Errorf("MD5Hex(%q) = %s, want %s", in, got, want)
		}
	}
}

// TestCheckBasic parses Basic credentials in every mode: the till of a
// well-formed header, or a 401 whose message says what was wrong.
func TestCheckBasic(t *testing.T) {
	t.Parallel()
	md5cm := MD5Hex("cm123")
	tests := []struct {
		name   string
		mode   Mode
		header string // Authorization; "" sends none
		till   string // the identity's till; "" with want set means refused
		want   string // a part of the 401's message
	}{
		{"any: fixture till", ModeAny, basic("cm.1", md5cm), "cm.1", ""},
		{"any: unknown till, any md5", ModeAny, basic("some.till", MD5Hex("x")), "some.till", ""},
		{"any: upper-case hex", ModeAny, basic("cm.1", strings.ToUpper(md5cm)), "cm.1", ""},
		{"any: scheme in lower case", ModeAny, "basic " + base64.StdEncoding.EncodeToString([]byte("cm.1:"+md5cm)), "cm.1", ""},
		{"any: spaces around the payload", ModeAny, "Basic   " + base64.StdEncoding.EncodeToString([]byte("cm.1:"+md5cm)) + " ", "cm.1", ""},
		{"any: colon in the password part", ModeAny, basic("cm.1", md5cm+":x"), "", "MD5 hex"},
		{"any: no credentials", ModeAny, "", "", "no credentials"},
		{"any: bearer scheme", ModeAny, "Bearer abc", "", `scheme "Bearer" is not supported`},
		{"any: scheme only", ModeAny, "Basic", "", "till:md5(password)"},
		{"any: not base64", ModeAny, "Basic !!!", "", "not valid base64"},
		{"any: URL-safe base64", ModeAny, "Basic " + base64.URLEncoding.EncodeToString([]byte("cm.1:"+md5cm+"??>")), "", "base64"},
		{"any: no colon", ModeAny, "Basic " + base64.StdEncoding.EncodeToString([]byte("cm.1")), "", "till:md5(password)"},
		{"any: empty till", ModeAny, basic("", md5cm), "", "till:md5(password)"},
		{"any: plain password", ModeAny, basic("cm.1", "cm123"), "", "MD5 hex"},
		{"any: 31 hex digits", ModeAny, basic("cm.1", md5cm[:31]), "", "MD5 hex"},
		{"any: 32 characters, not hex", ModeAny, basic("cm.1", strings.Repeat("g", 32)), "", "MD5 hex"},
		{"strict: fixture till", ModeStrict, basic("cm.1", md5cm), "cm.1", ""},
		{"strict: upper-case hex", ModeStrict, basic("cm.1", strings.ToUpper(md5cm)), "cm.1", ""},
		{"strict: wrong password", ModeStrict, basic("cm.1", MD5Hex("nope")), "", `unknown till "cm.1" or wrong password`},
		{"strict: unknown till", ModeStrict, basic("who", md5cm), "", `unknown till "who"`},
		{"strict: still checks the form", ModeStrict, basic("cm.1", "cm123"), "", "MD5 hex"},
		{"off: nothing", ModeOff, "", "", ""},
		{"off: garbage", ModeOff, "Basic !!!", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, _ := newAuth(tc.mode)
			r := request()
			if tc.header != "" {
				r.Header.Set("Authorization", tc.header)
			}
			// Twice: the second answer may come from the cache of good headers.
			for i := 0; i < 2; i++ {
				id, err := a.Check(r)
				if tc.want != "" {
					if err == nil {
						t.Fatalf("accepted as %+v, want a 401 saying %q", id, tc.want)
					}
					if err.Number() != 401 || !strings.Contains(err.Message(), tc.want) {
						t.Fatalf("error %d %q, want 401 saying %q", err.Number(), err.Message(), tc.want)
					}
					continue
				}
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if id.Till != tc.till {
					t.Fatalf("till %q, want %q", id.Till, tc.till)
				}
			}
		})
	}
}

// TestIssue checks what a token is issued for and for how long.
func TestIssue(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, key, secret string
		mode              Mode
		ttl               int    // seconds; 0 means refused
		till, want        string // the token's till, or a part of the refusal
	}{
		{"any: unknown key gets the default lifetime and till", "partner", "whatever", ModeAny, 300, "default.till", ""},
		{"any: known key, wrong secret", "capsim-key", "wrong", ModeAny, 60, "cm.1", ""},
		{"any: client without till or lifetime", "plain-key", "x", ModeAny, 300, "default.till", ""},
		{"any: key and secret trimmed", " capsim-key ", " capsim-secret ", ModeAny, 60, "cm.1", ""},
		{"any: empty key", "", "s", ModeAny, 0, "", "key and secret are required"},
		{"any: blank secret", "k", "  ", ModeAny, 0, "", "key and secret are required"},
		{"strict: fixture client", "capsim-key", "capsim-secret", ModeStrict, 60, "cm.1", ""},
		{"strict: wrong secret", "capsim-key", "wrong", ModeStrict, 0, "", `wrong secret for key "capsim-key"`},
		{"strict: unknown key", "partner", "capsim-secret", ModeStrict, 0, "", `unknown key "partner"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, c := newAuth(tc.mode)
			tok, ttl, err := a.Issue(tc.key, tc.secret)
			if tc.want != "" {
				if err == nil || err.Number() != 401 || !strings.Contains(err.Message(), tc.want) {
					t.Fatalf("Issue = %q, %d, %v; want a 401 saying %q", tok, ttl, err, tc.want)
				}
				return
			}
			if err != nil || ttl != tc.ttl {
				t.Fatalf("Issue = %d, %v; want a token for %ds", ttl, err, tc.ttl)
			}
			cl := decodeClaims(t, tok)
			if cl.Till != tc.till || cl.ClientID != strings.TrimSpace(tc.key) || cl.OrgID != org.ID ||
				cl.IssuedAt != c.now.Unix() || cl.Expires != c.now.Unix()+int64(tc.ttl) {
				t.Fatalf("claims %+v", cl)
			}
			id, cerr := a.Check(request(TokenHeader, tok))
			if cerr != nil || id.Till != tc.till || id.Client != strings.TrimSpace(tc.key) {
				t.Fatalf("Check with the token = %+v, %v", id, cerr)
			}
		})
	}
}

// TestTokens checks expired, forged and malformed tokens, and that a token
// takes precedence over an Authorization header.
func TestTokens(t *testing.T) {
	t.Parallel()
	a, c := newAuth(ModeAny)
	tok, ttl, err := a.Issue("capsim-key", "capsim-secret")
	if err != nil {
		t.Fatal(err)
	}
	other, _ := newAuth(ModeAny) // another run of capsim: another signing key
	otherTok, _, _ := other.Issue("capsim-key", "capsim-secret")
	parts := strings.Split(tok, ".")
	longer := decodeClaims(t, tok)
	longer.Expires += 3600
	body, _ := json.Marshal(longer)
	stretched := parts[0] + "." + base64.RawURLEncoding.EncodeToString(body) + "." + parts[2]
	signed := func(payload string) string {
		u := parts[0] + "." + payload
		return u + "." + a.sign(u)
	}

	tests := []struct {
		name    string
		headers []string
		advance time.Duration
		want    string // "" accepted
	}{
		{"valid", []string{TokenHeader, tok}, 0, ""},
		{"valid with spaces", []string{TokenHeader, " " + tok + " "}, 0, ""},
		{"valid a second before expiry", []string{TokenHeader, tok}, time.Duration(ttl-1) * time.Second, ""},
		{"expired at its exp", []string{TokenHeader, tok}, time.Duration(ttl) * time.Second, "expired at 2026-11-23T10:01:00Z"},
		{"token wins over bad Basic", []string{TokenHeader, tok, "Authorization", "Basic !!!"}, 0, ""},
		{"bad token loses to good Basic", []string{TokenHeader, "x.y.z", "Authorization", basic("cm.1", MD5Hex("cm123"))}, 0, "bad signature"},
		{"forged: claims changed", []string{TokenHeader, stretched}, 0, "bad signature"},
		{"issued by another run", []string{TokenHeader, otherTok}, 0, "issued before a restart"},
		{"not a token", []string{TokenHeader, "not-a-token"}, 0, "not a token this server issued"},
		{"four parts", []string{TokenHeader, tok + ".x"}, 0, "not a token this server issued"},
		{"signed, payload not base64", []string{TokenHeader, signed("!!!")}, 0, "malformed"},
		{"signed, payload not JSON", []string{TokenHeader, signed(base64.RawURLEncoding.EncodeToString([]byte("[1")))}, 0, "malformed"},
		{"signed, no exp", []string{TokenHeader, signed(base64.RawURLEncoding.EncodeToString([]byte(`{"till":"x"}`)))}, 0, "expired"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			start := c.now
			c.now = c.now.Add(tc.advance)
			defer func() { c.now = start }()
			id, err := a.Check(request(tc.headers...))
			if tc.want == "" {
				if err != nil || id.Till != "cm.1" || id.Client != "capsim-key" {
					t.Fatalf("Check = %+v, %v; want cm.1 via capsim-key", id, err)
				}
				return
			}
			if err == nil || err.Number() != 401 || !strings.Contains(err.Message(), tc.want) {
				t.Fatalf("Check = %+v, %v; want a 401 saying %q", id, err, tc.want)
			}
		})
	}
	t.Run("off ignores tokens", func(t *testing.T) {
		off, _ := newAuth(ModeOff)
		if _, err := off.Check(request(TokenHeader, "forged")); err != nil {
			t.Fatalf("mode off refused: %v", err)
		}
	})
}

func decodeClaims(t *testing.T, tok string) claims {
	t.Helper()
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		t.Fatalf("token %q has %d parts", tok, len(parts))
	}
	b, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	var c claims
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	return c
}
