package auth

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/capsim/capsim/simulator"
)

func basic(till, pass string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(till+":"+pass))
}

func check(a *Authenticator, authz string) (Identity, *simulator.Error) {
	r, _ := http.NewRequest("GET", "/", nil)
	r.Header.Set("Authorization", authz)
	return a.Check(r)
}

// TestCredentialCacheBounded: any number of distinct credentials, of any
// size, leaves at most cacheSize entries, and a cached answer equals a
// fresh one.
func TestCredentialCacheBounded(t *testing.T) {
	t.Parallel()
	org := &simulator.Org{Tills: []simulator.Till{{Code: "cm.1", Password: "cm123"}}}
	tests := []struct {
		name  string
		mode  Mode
		authz func(i int) string
		ok    bool
		max   int // cache entries after the requests
	}{
		{"fixture till", ModeStrict, func(int) string { return basic("cm.1", MD5Hex("cm123")) }, true, 0},
		{"fixture till, upper-case md5", ModeAny, func(int) string { return basic("cm.1", strings.ToUpper(MD5Hex("cm123"))) }, true, 0},
		{"distinct tills", ModeAny, func(i int) string { return basic(fmt.Sprintf("till-%d", i), MD5Hex("x")) }, true, cacheSize},
		{"distinct 16 KB tills", ModeAny, func(i int) string { return basic(fmt.Sprintf("%d-%s", i, strings.Repeat("t", 16<<10)), MD5Hex("x")) }, true, 0},
		{"strict refuses unknown", ModeStrict, func(i int) string { return basic(fmt.Sprintf("till-%d", i), MD5Hex("x")) }, false, 0},
		{"strict refuses wrong password", ModeStrict, func(int) string { return basic("cm.1", MD5Hex("nope")) }, false, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := New(tc.mode, org, nil, 0)
			// Past the bound where something is kept; where nothing may
			// be, a few hundred show it as well.
			requests := 300
			if tc.max > 0 {
				requests = cacheSize + 500
			}
			for i := 0; i < requests; i++ {
				for pass := 0; pass < 2; pass++ { // fresh, then maybe cached
					id, err := check(a, tc.authz(i))
					if (err == nil) != tc.ok {
						t.Fatalf("request %d pass %d: err %v, want ok %v", i, pass, err, tc.ok)
					}
					if tc.ok && id.Till == "" {
						t.Fatalf("request %d: no till", i)
					}
				}
			}
			if n := a.cache.len(); n > tc.max {
				t.Fatalf("cache holds %d entries, want at most %d", n, tc.max)
			}
		})
	}
}

// TestLRUEvictsLeastRecent keeps the entries used last.
func TestLRUEvictsLeastRecent(t *testing.T) {
	t.Parallel()
	c := newLRU(2)
	c.put("a", "A")
	c.put("b", "B")
	c.get("a")
	c.put("c", "C")
	if _, ok := c.get("b"); ok {
		t.Fatal("b, least recently used, is still cached")
	}
	for _, k := range []string{"a", "c"} {
		if _, ok := c.get(k); !ok {
			t.Fatalf("%s was evicted", k)
		}
	}
}
