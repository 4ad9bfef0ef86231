package admin

import (
	"strings"
	"testing"
)

func TestRedactBody(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, ct, in, want string
		cut                bool
	}{
		{"json nothing", "application/json", `{"a": 1, "b": "x"}`, `{"a": 1, "b": "x"}`, false},
		{"json secret", "application/json", `{"key":"k","secret":"s"}`, `{"key":"k","secret":"[redacted]"}`, false},
		{"json nested and spaced", "", `{"a": {"Password" : "p", "x": [1, {"access_token": {"t": 1}}]}, "z": 2}`,
			`{"a": {"Password" : "[redacted]", "x": [1, {"access_token": "[redacted]"}]}, "z": 2}`, false},
		{"json oauth answer", "", `{"data":{"accessToken":"eyJ.x.y","ttlSeconds":300},"errors":null}`,
			`{"data":{"accessToken":"[redacted]","ttlSeconds":300},"errors":null}`, false},
		{"json campaign_token stays", "", `{"campaign_token":"C1","token":"t"}`, `{"campaign_token":"C1","token":"[redacted]"}`, false},
		{"json secret as value stays", "", `{"name":"password"}`, `{"name":"password"}`, false},
		{"json truncated in secret", "", `{"a":1,"password":"hun`, `{"a":1`, true},
		{"json truncated elsewhere", "", `{"a":1,"b":"xy`, `{"a":1,"b":"xy`, false},
		{"json a pair after the value", "", `{}"password":"hunter2"`, `{}`, true},
		{"json a second value with a secret", "", `{"a":1} {"password":"p"}`, `{"a":1}`, true},
		{"json text after the value stays", "", `{"a":1} x`, `{"a":1} x`, false},
		{"json a list of objects", "", `[{"password":"p"},{"b":2}]`, `[{"password":"[redacted]"},{"b":2}]`, false},
		{"xml", "application/xml", `<root><customer><mobile>1</mobile><password>p</password><x:secret a="1">s</x:secret></customer></root>`,
			`<root><customer><mobile>1</mobile><password>[redacted]</password><x:secret a="1">[redacted]</x:secret></customer></root>`, false},
		{"xml truncated in secret", "", `<root><password>hun`, `<root><password>`, true},
		{"xml empty secret", "", `<root><password/></root>`, `<root><password/></root>`, false},
		{"xml secret in CDATA", "", `<root><password><![CDATA[hunter2]]></password></root>`, `<root><password>[redacted]</password></root>`, false},
		{"xml secret with children", "", `<root><password><v>hunter2</v></password><a>1</a></root>`, `<root><password>[redacted]</password><a>1</a></root>`, false},
		{"xml secret left open", "", `<root><password>hunter2</root>`, `<root><password>[redacted]</root>`, false},
		{"xml secret attribute", "", `<root><customer password="hunter2" mobile='1'/><x:a x:token='t'>1</x:a></root>`,
			`<root><customer password="[redacted]" mobile='1'/><x:a x:token='[redacted]'>1</x:a></root>`, false},
		{"xml start tag cut off", "", `<root><customer password="hun`, `<root>`, true},
		{"xml then a pair", "", `<a>x</a>"password":"hunter2"`, `<a>x</a>"password":"[redacted]"`, false},
		{"xml after a stray bracket", "", `a < b <password>hunter2</password>`, `a < b <password>[redacted]</password>`, false},
		{"xml after a bracket in a word", "", `0<` + strings.Repeat("0", 64) + `<password>hunter2`, `0<` + strings.Repeat("0", 64) + `<password>`, true},
		{"json a long key ending in a secret's name", "", `{"` + strings.Repeat("a", 80) + `_password":"p"}`, `{"` + strings.Repeat("a", 80) + `_password":"[redacted]"}`, false},
		{"form", "application/x-www-form-urlencoded", `user=a&password=p&client_secret=s`, `user=a&password=[redacted]&client_secret=[redacted]`, false},
		{"text", "text/plain", `password p`, `password p`, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, cut := redactBody(tc.ct, []byte(tc.in))
			if string(got) != tc.want || cut != tc.cut {
				t.Fatalf("got %s (cut %v), want %s (cut %v)", got, cut, tc.want, tc.cut)
			}
		})
	}
}

func TestSensitiveName(t *testing.T) {
	t.Parallel()
	for name, want := range map[string]bool{
		"Authorization": true, "X-CAP-API-OAUTH-TOKEN": true, "X-Capsim-Admin-Token": true, "Cookie": true,
		"password": true, "client_secret": true, "accessToken": true, "refresh_token": true, "token": true, "x-api-key": true,
		strings.Repeat("x", 70) + "Password": true, strings.Repeat("x", 70) + "token": false,
		"campaign_token": false, "Content-Type": false, "key": false, "mobile": false, "tokenSource": false,
	} {
		if got := sensitiveName(name); got != want {
			t.Errorf("sensitiveName(%q) = %v, want %v", name, got, want)
		}
	}
	if got := redactHeaderValue("Authorization", "Basic Y20uMTp4"); got != "Basic [redacted]" {
		t.Errorf("Authorization: %s", got)
	}
}

func TestBodyPath(t *testing.T) {
	t.Parallel()
	const doc = `{"promotionId": 57099, "a": {"b": [{"c": "x"}, {"c": "y"}]}, "t": true, "n": null, "s": "57099"}`
	tests := []struct {
		path, value string // value "" : exists
		want        bool
	}{
		{"promotionId", "57099", true},
		{"$.promotionId", "57099.0", true},
		{"$promotionId", "57099", true},
		{"s", "57099", true},
		{"promotionId", "57098", false},
		{"a.b.c", "y", true},
		{"a.b[0].c", "y", false},
		{"a.b[1].c", "y", true},
		{"a.b[*].c", "x", true},
		{"a.b[2].c", "", false},
		{"a[0].b[0].c", "x", true},
		{"t", "true", true},
		{"n", "null", true},
		{"a", "", true},
		{"a", "x", false},
		{"missing", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.path+"="+tc.value, func(t *testing.T) {
			p, err := ParseBodyPath(tc.path)
			if err != nil {
				t.Fatal(err)
			}
			m := BodyMatch{Path: p}
			if tc.value != "" {
				m.Value = &tc.value
			}
			if got := m.matches(&Message{Body: doc}); got != tc.want {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
		})
	}
	for _, bad := range []string{"", "$", "$.", "a..b", "a[", "a[x]", "a[-1]", "a]b", "a.[0]", strings.Repeat("a.", 40) + "a"} {
		if _, err := ParseBodyPath(bad); err == nil {
			t.Errorf("ParseBodyPath(%q) took it", bad)
		}
	}
}

// FuzzRedactJSON: no input panics, and no redacted output still holds the
// value of a "password" key, element or attribute written plainly, whatever
// the body (JSON, XML, a form, or none of them).
func FuzzRedactJSON(f *testing.F) {
	for _, s := range []string{`{"password":"hunter2"}`, `{"a":[{"secret":{"x":1}}]}`, `{"a":`, `[`, `<root><password>x`, `a=1&token=2`,
		`<root><password>hunter2</password></root>`, `<a password="hunter2"/>`, `<a><password><![CDATA[hunter2]]></password></a>`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, ct := range []string{"application/json", "application/xml", "application/x-www-form-urlencoded"} {
			out, _ := redactBody(ct, []byte(s))
			for _, plain := range []string{`"password":"hunter2"`, `<password>hunter2`, `password="hunter2"`, `<password><![CDATA[hunter2`} {
				if strings.Contains(s, plain) && strings.Contains(string(out), plain) {
					t.Fatalf("%q (%s) kept the password: %q", s, ct, out)
				}
			}
		}
	})
}

// FuzzBodyPath: no path and no body panics.
func FuzzBodyPath(f *testing.F) {
	f.Add("a.b[0].c", `{"a":{"b":[{"c":1}]}}`)
	f.Add("root.customer[*].mobile", `<root><customer><mobile>1</mobile></customer></root>`)
	f.Fuzz(func(t *testing.T, path, body string) {
		p, err := ParseBodyPath(path)
		if err != nil {
			return
		}
		v := "1"
		(&BodyMatch{Path: p, Value: &v}).matches(&Message{Body: body})
	})
}

// TestJournalConcurrent records and queries at once (run with -race): a
// query works on copies, outside the lock.
func TestJournalConcurrent(t *testing.T) {
	t.Parallel()
	j := NewJournalLimits(Limits{Entries: 50, EntryBytes: 2048, TotalBytes: 32 << 10})
	p, _ := ParseBodyPath("password")
	done := make(chan bool)
	go func() {
		for i := 0; i < 2000; i++ {
			j.Record(Entry{ID: "x", Namespace: "n"}, Raw{Body: []byte(`{"password":"hunter2","n":1}`)}, Raw{})
			if i%500 == 0 {
				j.Clear("n")
			}
		}
		close(done)
	}()
	for {
		select {
		case <-done:
			return
		default:
		}
		es, _ := j.Find(&Filter{Body: []BodyMatch{{Path: p}}}, 5)
		for _, e := range es {
			if strings.Contains(e.Request.Body, "hunter2") {
				t.Fatalf("unredacted: %s", e.Request.Body)
			}
		}
		if j.Bytes() > 32<<10 {
			t.Fatalf("journal holds %d bytes", j.Bytes())
		}
	}
}

// FuzzMayHoldCredentials: the one-pass scan finds a hint where looking for
// each hint in turn does.
func FuzzMayHoldCredentials(f *testing.F) {
	for _, s := range []string{"", "source=ALL&embed=points", "client_secret=x", "X-PASS", "tokeN", "apiKey=1", "pas", "@uth"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := false
		for _, h := range sensitiveHints {
			for i := 0; i+len(h) <= len(s) && !want; i++ {
				j := 0
				for ; j < len(h) && s[i+j]|0x20 == h[j]; j++ {
				}
				want = j == len(h)
			}
		}
		if got := mayHoldCredentials(s); got != want {
			t.Fatalf("mayHoldCredentials(%q) = %v, want %v", s, got, want)
		}
	})
}
