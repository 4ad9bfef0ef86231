package server

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// HostPolicy says which requests capsim answers from the point of view of a
// web browser: a page on another site must not drive capsim (reset it, load a
// scenario, write customers) through the user's browser, directly or by DNS
// rebinding. It does what trusted local dev servers do (webpack-dev-server's
// and Vite's allowed hosts, Jupyter's origin check):
//
//   - a write (any method but GET, HEAD and OPTIONS) whose Origin is not the
//     server's own, or that the browser marks Sec-Fetch-Site: cross-site, is
//     refused, on the admin API and the API alike (a cross-site form or a
//     text/plain fetch needs no CORS preflight);
//   - when capsim listens on a loopback address only, a request whose Host is
//     neither a loopback name, nor an IP address, nor one of Allowed is
//     refused: a rebound name (evil.example resolving to 127.0.0.1) cannot
//     reach it;
//   - listening on all interfaces (a service container reached as
//     capsim:8080), any Host is answered unless Allowed is set, which then
//     holds there too.
//
// Clients that send no Origin (curl, SDKs, CI jobs, the capsim commands) are
// never refused for their origin; the console is served by capsim itself, so
// its requests are same-origin.
type HostPolicy struct {
	// LoopbackOnly is set when the listen address is a loopback one.
	LoopbackOnly bool
	// Allowed are the host names answered besides the loopback names and IP
	// addresses: "capsim.example", ".example.com" for the domain and its
	// subdomains, "*" for any.
	Allowed []string
}

// FlagAllowedHosts names the option in refusals, for the reader to find it.
const FlagAllowedHosts = "--allowed-hosts (CAPSIM_ALLOWED_HOSTS)"

// LoopbackAddr reports whether the listen address addr ("127.0.0.1:8080",
// "localhost:0", "[::1]:8080") takes connections from this machine only.
// ":8080" and "0.0.0.0:8080" listen on all interfaces.
func LoopbackAddr(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// ParseAllowedHosts splits a comma-separated --allowed-hosts value, or says
// what is wrong with an entry.
func ParseAllowedHosts(s string) ([]string, error) {
	var out []string
	for _, h := range strings.Split(s, ",") {
		h = strings.ToLower(strings.TrimSpace(h))
		if h == "" {
			continue
		}
		if strings.Contains(h, "://") || strings.ContainsAny(h, "/ ") {
			return nil, fmt.Errorf("%q: want a host name such as capsim.example or .example.com, not a URL", h)
		}
		out = append(out, hostOnly(h))
	}
	return out, nil
}

// hostOnly returns host without its port and trailing dot, lower-cased.
func hostOnly(hostport string) string {
	h := hostport
	if host, _, err := net.SplitHostPort(hostport); err == nil {
		h = host
	}
	h = strings.TrimSuffix(strings.Trim(h, "[]"), ".")
	return strings.ToLower(h)
}

// hostAllowed reports whether a request for Host hostport is answered.
func (p HostPolicy) hostAllowed(hostport string) bool {
	if hostport == "" || (!p.LoopbackOnly && len(p.Allowed) == 0) {
		return true
	}
	h := hostOnly(hostport)
	if h == "localhost" || strings.HasSuffix(h, ".localhost") || net.ParseIP(h) != nil {
		return true // a rebound name is never an IP address or a loopback name
	}
	for _, a := range p.Allowed {
		switch {
		case a == "*", a == h:
			return true
		case strings.HasPrefix(a, ".") && (h == a[1:] || strings.HasSuffix(h, a)):
			return true
		}
	}
	return false
}

// safeMethod reports whether method only reads.
func safeMethod(method string) bool {
	return method == http.MethodGet || method == http.MethodHead || method == http.MethodOptions
}

// refusal says why r is refused, "" when it is answered.
func (p HostPolicy) refusal(r *http.Request) string {
	if !p.hostAllowed(r.Host) {
		where := "capsim listens on a loopback address and answers only loopback names and IP addresses"
		if !p.LoopbackOnly {
			where = "it is not among the allowed hosts"
		}
		return fmt.Sprintf("Host %q is refused: %s (a web page could reach capsim through a DNS name it controls); "+
			"name the host in %s to allow it", r.Host, where, FlagAllowedHosts)
	}
	if safeMethod(r.Method) {
		return ""
	}
	origin := r.Header.Get("Origin")
	if origin != "" && !sameOrigin(origin, r.Host) {
		return fmt.Sprintf("%s %s from Origin %q is refused: capsim takes writes only from its own origin (Host %q) "+
			"or from clients that send no Origin (curl, SDKs, CI), so that a web page cannot drive it", r.Method, r.URL.Path, origin, r.Host)
	}
	if origin == "" && r.Header.Get("Sec-Fetch-Site") == "cross-site" {
		return fmt.Sprintf("%s %s is refused: the browser marks it Sec-Fetch-Site: cross-site, and capsim takes writes only from its own origin", r.Method, r.URL.Path)
	}
	return ""
}

// sameOrigin reports whether the Origin header origin names the host and
// port the request was sent to. The scheme is not compared: behind a proxy
// that ends TLS, https://capsim.example reaches capsim as plain HTTP.
func sameOrigin(origin, host string) bool {
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" || host == "" {
		return false // "null" (a sandboxed frame, a file: page) is no origin of ours
	}
	return normalHostPort(u.Host, u.Scheme) == normalHostPort(host, u.Scheme)
}

// normalHostPort lower-cases hostport and adds scheme's default port.
func normalHostPort(hostport, scheme string) string {
	hostport = strings.ToLower(hostport)
	if _, _, err := net.SplitHostPort(hostport); err == nil {
		return hostport
	}
	port := "80"
	if scheme == "https" {
		port = "443"
	}
	return net.JoinHostPort(strings.Trim(hostport, "[]"), port)
}

// refuseBrowser writes the 403 of a request p refuses. It is capsim's own
// answer, not one of the emulated API's, so it has one shape whatever the
// path: the v2 and admin error envelope, in JSON.
func refuseBrowser(w http.ResponseWriter, reason string) {
	body, _ := json.Marshal(map[string]any{"warnings": []any{}, "errors": []map[string]any{{"code": http.StatusForbidden, "message": reason}}})
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(http.StatusForbidden)
	_, _ = w.Write(body)
}
