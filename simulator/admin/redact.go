package admin

import (
	"bytes"
	"encoding/json"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
)

// Redacted replaces every credential, token and password the journal
// would otherwise keep.
const Redacted = "[redacted]"

// sensitiveName reports whether a header, JSON key, XML element or form
// field called name carries a credential: Authorization, the OAuth and
// admin token headers, cookies, and any name ending in password, secret or
// a kind of token (accessToken, client_secret, X-CAP-API-OAUTH-TOKEN). A
// campaign_token is a campaign's id, not a credential, and stays.
func sensitiveName(name string) bool {
	// The name's last 64 bytes, lower case and without separators, fill b
	// from its end: a long name still shows its suffix.
	var b [64]byte
	k, i := len(b), len(name)-1
	for ; i >= 0 && k > 0; i-- {
		c := name[i]
		switch {
		case c >= 'A' && c <= 'Z':
			k--
			b[k] = c + 'a' - 'A'
		case c == '_' || c == '-' || c == '.' || c == ' ':
		default:
			k--
			b[k] = c
		}
	}
	n := b[k:]
	switch string(n) { // no allocation: the conversion is only compared
	case "token", "pwd", "pass", "authorization", "proxyauthorization", "cookie", "setcookie":
		return i < 0 // the whole name, not the end of a longer one
	}
	for _, suffix := range sensitiveSuffixes {
		if len(n) >= len(suffix) && string(n[len(n)-len(suffix):]) == suffix {
			return true
		}
	}
	return false
}

var sensitiveSuffixes = []string{"password", "passwd", "secret", "accesstoken", "refreshtoken", "idtoken",
	"authtoken", "oauthtoken", "bearertoken", "sessiontoken", "admintoken", "apikey"}

// sensitiveHints are fragments one of which every sensitive name contains
// (in some case): a body with none of them needs no parsing.
var sensitiveHints = []string{"pass", "pwd", "secret", "token", "auth", "cookie", "key"}

// mayHoldCredentials reports whether b could name a sensitive field: one
// pass over b (it runs on every request's query), trying the hints that
// start with each byte.
func mayHoldCredentials[T string | []byte](b T) bool {
	for i := 0; i < len(b); i++ {
		c := b[i] | 0x20
		if !hintStart[c] {
			continue
		}
		for _, h := range sensitiveHints {
			if h[0] == c && foldAt(b, i, h) {
				return true
			}
		}
	}
	return false
}

// hintStart marks the first bytes of sensitiveHints.
var hintStart = func() (m [256]bool) {
	for _, h := range sensitiveHints {
		m[h[0]] = true
	}
	return m
}()

// foldAt reports whether the lower-case ASCII needle is at b[i:], ignoring
// ASCII case.
func foldAt[T string | []byte](b T, i int, needle string) bool {
	if i+len(needle) > len(b) {
		return false
	}
	for j := 0; j < len(needle); j++ {
		if b[i+j]|0x20 != needle[j] {
			return false
		}
	}
	return true
}

// sensitiveHeaders remembers sensitiveName for header names: a request's
// and a response's few names are the same request after request. At most
// maxSensitiveHeaders are remembered (a client may send any names).
var (
	sensitiveHeaders     sync.Map // name -> bool
	sensitiveHeadersSeen atomic.Int32
)

const maxSensitiveHeaders = 512

func sensitiveHeader(name string) bool {
	if v, ok := sensitiveHeaders.Load(name); ok {
		return v.(bool)
	}
	yes := sensitiveName(name)
	if sensitiveHeadersSeen.Add(1) <= maxSensitiveHeaders {
		sensitiveHeaders.Store(strings.Clone(name), yes)
	}
	return yes
}

// redactHeaderValue keeps an Authorization header's scheme and hides the rest.
func redactHeaderValue(name, v string) string {
	if !sensitiveHeader(name) {
		return v
	}
	if scheme, _, ok := strings.Cut(v, " "); ok && (strings.EqualFold(name, "Authorization") || strings.EqualFold(name, "Proxy-Authorization")) && len(scheme) <= 16 {
		switch scheme {
		case "Basic":
			return "Basic " + Redacted // a constant: no allocation per request
		case "Bearer":
			return "Bearer " + Redacted
		}
		return scheme + " " + Redacted
	}
	return Redacted
}

// bodyFormat is how a body is read, for redaction and for body matches.
type bodyFormat int

const (
	formatText bodyFormat = iota
	formatJSON
	formatXML
	formatForm
)

// sniff says what b is: its first non-space byte decides JSON and XML, the
// Content-Type form bodies (curl's default type is often wrong for v1.1).
func sniff(contentType string, b []byte) bodyFormat {
	t := bytes.TrimLeft(b, " \t\r\n\ufeff")
	if len(t) > 0 {
		switch t[0] {
		case '{', '[':
			return formatJSON
		case '<':
			return formatXML
		}
	}
	if strings.HasPrefix(strings.ToLower(contentType), "application/x-www-form-urlencoded") {
		return formatForm
	}
	return formatText
}

// redacted returns m with the credentials of its body hidden; the
// journal keeps bodies as sent and redacts them as they are read, which
// costs the request path nothing.
func (m Message) redacted() Message {
	if len(m.Body) == 0 || !mayHoldCredentials(m.Body) {
		return m // most bodies: no copy to find that out
	}
	b, cut := redactBody(m.Headers.Get("Content-Type"), []byte(m.Body))
	if cut || string(b) != m.Body {
		m.Body, m.Truncated = string(b), m.Truncated || cut
	}
	return m
}

// redactBody hides the values of sensitive fields in b. It returns b itself
// when nothing needs hiding, and cut when it had to drop an unreadable tail
// (a truncated or broken body) that might hold a credential.
func redactBody(contentType string, b []byte) (out []byte, cut bool) {
	if len(b) == 0 || !mayHoldCredentials(b) {
		return b, false
	}
	out = b
	switch sniff(contentType, b) {
	case formatJSON:
		out, cut = redactJSON(b)
	case formatForm:
		out = []byte(redactForm(string(b)))
	}
	// Then sensitive elements, attributes and "name": value pairs wherever
	// they are: the XML body's own, or inside or after another (a JSON
	// string holding XML, a fragment in a text).
	out, xmlCut := redactXML(out)
	return out, cut || xmlCut
}

// lazyRegexp compiles expr when first used: the journal's redaction runs
// when entries are read, and compiling these (64-fold repetitions) took
// about a millisecond of every start.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

// quotedPairRE matches a JSON-style "name": value pair, value quoted or not.
var quotedPairRE = lazyRegexp(`"((?:[^"\\]|\\.){1,64})"\s*:\s*("(?:[^"\\]|\\.)*"?|[^,}\]\s]+)`)

// equalsPairRE matches a name=value pair, the value bare or quoted (a
// query string, an attribute, a line of a log).
var equalsPairRE = lazyRegexp(`([\w.-]{1,64})\s*=\s*("[^"]*"?|'[^']*'?|[^\s&;,"'<>]+)`)

// redactPairs hides the values of sensitive "name": value and name=value
// pairs in a body of no known form (a JSON fragment without its braces, a
// line of text), keeping the rest of the text as it was.
func redactPairs(b []byte) []byte {
	if !mayHoldCredentials(b) {
		return b
	}
	b, _ = redactValues(quotedPairRE(), b)
	b, _ = redactValues(equalsPairRE(), b)
	return b
}

// redactValues replaces, in every match of re (a name, then its value, as
// its two groups) whose name is sensitive, the value by Redacted: in the
// value's quotes if it has them, which a JSON value always gets. A name's
// namespace prefix (x:password) does not count. After a match whose name
// is not sensitive the search goes on from its value, which may itself
// begin a pair (0=password="x"). It says whether it replaced any.
func redactValues(re *regexp.Regexp, b []byte) ([]byte, bool) {
	var out []byte
	done, at := 0, 0 // b[:done] is in out; the search goes on from at
	for at < len(b) {
		sub := re.FindSubmatchIndex(b[at:])
		if sub == nil {
			break
		}
		for i := range sub {
			sub[i] += at
		}
		name := string(b[sub[2]:sub[3]])
		if k := strings.LastIndexByte(name, ':'); k >= 0 {
			name = name[k+1:]
		}
		if !sensitiveName(name) {
			at = sub[4]
			continue
		}
		out = append(out, b[done:sub[4]]...)
		switch q := b[sub[4]]; {
		case q == '"' || q == '\'':
			out = append(append(append(out, q), Redacted...), q)
		case re == quotedPairRE():
			out = append(append(append(out, '"'), Redacted...), '"')
		default:
			out = append(out, Redacted...)
		}
		done, at = sub[1], sub[1]
	}
	if out == nil {
		return b, false
	}
	return append(out, b[done:]...), true
}

// redactJSON replaces the value of every sensitive key with "[redacted]",
// keeping every other byte as it was sent. A body that stops parsing
// (truncated or malformed), or goes on after its value, loses its tail from
// the last good token when the tail may hold a credential.
func redactJSON(b []byte) ([]byte, bool) {
	type span struct{ from, to int }
	type frame struct{ object, wantKey bool }
	var (
		spans []span
		stack []frame
		dec   = json.NewDecoder(bytes.NewReader(b))
	)
	dec.UseNumber()
	good := 0         // where the last complete token ended
	forceCut := false // a sensitive value runs to the end
	valueDone := func() {
		if n := len(stack); n > 0 && stack[n-1].object {
			stack[n-1].wantKey = true
		}
	}
	for {
		if good > 0 && len(stack) == 0 {
			break // one whole value: what follows is not its text (see below)
		}
		before := good
		tok, err := dec.Token()
		if err != nil {
			break
		}
		good = int(dec.InputOffset())
		top := len(stack) - 1
		if top >= 0 && stack[top].object && stack[top].wantKey {
			if d, ok := tok.(json.Delim); ok && d == '}' {
				stack = stack[:top]
				valueDone()
				continue
			}
			stack[top].wantKey = false
			key, _ := tok.(string)
			if !sensitiveName(key) {
				continue
			}
			// The value starts after the colon; read it whole.
			from := good
			for from < len(b) && (b[from] == ' ' || b[from] == '\t' || b[from] == '\r' || b[from] == '\n' || b[from] == ':') {
				from++
			}
			if !skipValue(dec) {
				good, forceCut = before, true
				break
			}
			good = int(dec.InputOffset())
			spans = append(spans, span{from, good})
			stack[top].wantKey = true
			continue
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, frame{object: true, wantKey: true})
		case json.Delim('['):
			stack = append(stack, frame{})
		case json.Delim('}'), json.Delim(']'):
			if top >= 0 {
				stack = stack[:top]
			}
			valueDone()
		default:
			valueDone()
		}
	}
	cut := forceCut
	end := len(b)
	if cut || good < len(b) && mayHoldCredentials(b[good:]) {
		end, cut = good, true
	}
	if len(spans) == 0 && !cut {
		return b, false
	}
	out := make([]byte, 0, end+len(spans)*len(Redacted))
	at := 0
	for _, s := range spans {
		if s.from > end {
			break
		}
		out = append(out, b[at:s.from]...)
		out = append(out, '"')
		out = append(out, Redacted...)
		out = append(out, '"')
		at = s.to
	}
	if at < end {
		out = append(out, b[at:end]...)
	}
	return out, cut
}

// skipValue reads one whole JSON value; false if the input ends first.
func skipValue(dec *json.Decoder) bool {
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
		if depth <= 0 {
			return true
		}
	}
}

// redactXML replaces the content of every element with a sensitive name
// (text, CDATA, children: all of it, up to its end tag) and the value of
// every attribute with one. An open sensitive element that runs to the end
// (a truncated body), or a start tag that does, is cut where it starts.
// What is not XML (text after the document, say) has its "name": value
// pairs redacted as a body of no known form has.
func redactXML(b []byte) ([]byte, bool) {
	var out []byte
	at := 0
	emit := func(upTo int) {
		if out == nil {
			out = make([]byte, 0, len(b))
		}
		out = append(out, b[at:upTo]...)
		at = upTo
	}
	cut := false
	for i := 0; i < len(b); i++ {
		if b[i] != '<' || i+1 >= len(b) || b[i+1] == '/' || b[i+1] == '?' || b[i+1] == '!' {
			continue
		}
		j := i + 1
		for j < len(b) && b[j] != '>' && b[j] != '/' && b[j] != '<' && b[j] != ' ' && b[j] != '\t' && b[j] != '\r' && b[j] != '\n' {
			j++
		}
		raw := b[i+1 : j]
		name := string(raw)
		if k := strings.LastIndexByte(name, ':'); k >= 0 {
			name = name[k+1:]
		}
		gt := bytes.IndexByte(b[j:], '>')
		if gt < 0 {
			if mayHoldCredentials(b[i:]) { // a start tag cut off inside
				emit(i)
				cut = true
				at = len(b)
			}
			break
		}
		gt += j
		if len(raw) == 0 || bytes.IndexByte(b[j:gt], '<') >= 0 {
			continue // not a start tag ("< ", "a<b"): read on from the next byte
		}
		if tag := b[j:gt]; mayHoldCredentials(tag) {
			if red, changed := redactAttrs(tag); changed {
				emit(j)
				out = append(out, red...)
				at = gt
			}
		}
		if !sensitiveName(name) || b[gt-1] == '/' { // <password/> holds nothing
			i = gt
			continue
		}
		close := bytes.Index(b[gt+1:], append([]byte("</"), raw...))
		if close < 0 { // not closed: up to the next end tag
			close = bytes.Index(b[gt+1:], []byte("</"))
		}
		if close < 0 { // truncated inside the secret
			emit(gt + 1)
			at = len(b)
			cut = true
			break
		}
		close += gt + 1
		emit(gt + 1)
		out = append(out, Redacted...)
		at, i = close, close-1
	}
	if out == nil {
		return redactPairs(b), false
	}
	if !cut {
		out = append(out, b[at:]...)
	}
	return redactPairs(out), cut
}

// xmlAttrRE matches an attribute and its quoted value in a start tag.
var xmlAttrRE = lazyRegexp(`([^\s=/<>"']+)\s*=\s*("[^"]*"|'[^']*')`)

// redactAttrs hides the values of the sensitive attributes of a start
// tag's text (after its name), and says whether it hid any.
func redactAttrs(tag []byte) ([]byte, bool) { return redactValues(xmlAttrRE(), tag) }

// redactForm hides the values of sensitive fields of a query string or
// form body, keeping the fields' order and every other byte.
func redactForm(s string) string {
	if s == "" || !mayHoldCredentials(s) {
		return s
	}
	parts := strings.Split(s, "&")
	changed := false
	for i, p := range parts {
		k, _, ok := strings.Cut(p, "=")
		name, err := url.QueryUnescape(k)
		if err != nil {
			name = k
		}
		if ok && sensitiveName(name) {
			parts[i], changed = k+"="+Redacted, true
		}
	}
	if !changed {
		return s
	}
	return strings.Join(parts, "&")
}
