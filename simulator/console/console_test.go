package console_test

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"github.com/capsim/capsim/simulator/admin"
	"github.com/capsim/capsim/simulator/console"
	"github.com/capsim/capsim/simulator/server"
	"github.com/capsim/capsim/simulator/simtest"
)

// TestConsoleFiles: the console's files are served under /__admin/ui/ with
// their types and a same-origin-only policy, without the admin token (they
// hold no data), and are not journaled.
func TestConsoleFiles(t *testing.T) {
	s := simtest.MustOpenServer(t, func(o *server.Options) { o.AdminToken = token })
	for _, tc := range []struct {
		path, contentType, contains string
	}{
		{"/__admin/ui/", "text/html", "<title>capsim QA console</title>"},
		{"/__admin/ui/console.js", "text/javascript", "X-Capsim-Admin-Token"},
		{"/__admin/ui/console.css", "text/css", ":root"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			res := s.Do("GET", tc.path, nil)
			if res.Status != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), tc.contentType) || !strings.Contains(string(res.Body), tc.contains) {
				t.Fatalf("got %d %s, want 200 %s with %q", res.Status, res.Header.Get("Content-Type"), tc.contentType, tc.contains)
			}
			if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
				t.Fatalf("Content-Security-Policy %q", csp)
			}
		})
	}
	if res := s.Do("GET", "/__admin/ui", nil); res.Status != 302 || res.Header.Get("Location") != admin.ConsolePath {
		t.Fatalf("/__admin/ui: %d Location %q, want a redirect to %s", res.Status, res.Header.Get("Location"), admin.ConsolePath)
	}
	if res := s.Do("GET", "/__admin/ui/nothing.js", nil); res.Status != 404 {
		t.Fatalf("unknown file: %d", res.Status)
	}
	if res := s.Do("GET", "/__admin/customers", nil); res.Status != 401 {
		t.Fatalf("the data stays locked: %d", res.Status)
	}
	var n struct{ Count int }
	s.Do("GET", "/__admin/requests/count", nil, admin.HeaderAdminToken, token).Decode(t, &n)
	if n.Count != 0 {
		t.Fatalf("the console's files were journaled: %d entries", n.Count)
	}
}

// TestConsoleOffline: the page loads nothing from elsewhere (no CDN), so it
// works offline and under its same-origin policy.
func TestConsoleOffline(t *testing.T) {
	external := regexp.MustCompile(`(?i)(https?:)?//[a-z0-9.-]+\.[a-z]{2,}|@import|\bimport\s*\(`)
	err := fs.WalkDir(console.Files, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(console.Files, path)
		if err != nil {
			return err
		}
		if m := external.Find(data); m != nil {
			t.Errorf("%s refers to something outside the binary: %q", path, m)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
