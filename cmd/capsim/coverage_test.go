package main

import (
	"bytes"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/capsim/capsim/simulator/server"
	"github.com/capsim/capsim/simulator/simtest"
)

// TestCoverageCommand runs capsim coverage against a capsim on 127.0.0.1.
func TestCoverageCommand(t *testing.T) {
	s := simtest.MustOpenServer(t, simtest.WithCustomers(0))
	srv := httptest.NewServer(s)
	defer srv.Close()
	s.Do("GET", "/v2/customers/lookup?source=INSTORE&identifierName=mobile&identifierValue=44700900000", nil, server.HeaderNamespace, "ci")

	tests := []struct {
		name string
		args []string
		code int
		out  string // in stdout, or stderr for usage errors
	}{
		{"passes", []string{"--url", srv.URL, "--namespace", "ci", "--min-operations", "1%"}, 0, "operations"},
		{"below", []string{"--url", srv.URL, "--namespace", "ci", "--min-operations", "80%"}, 1, "BELOW"},
		{"codes below", []string{"--url", srv.URL, "--namespace", "ci", "--min-codes", "50"}, 1, "BELOW"},
		{"other namespace is empty", []string{"--url", srv.URL, "--min-operations", "1%"}, 1, "namespace default"},
		{"all", []string{"--url", srv.URL, "--all", "--min-operations", "1%"}, 0, "namespace *"},
		{"lists what was not called", []string{"--url", srv.URL, "--namespace", "ci"}, 0, "operations not called: "},
		{"bad threshold", []string{"--url", srv.URL, "--min-operations", "eighty"}, 2, `--min-operations "eighty": want a percentage`},
		{"threshold over 100", []string{"--url", srv.URL, "--min-codes", "120%"}, 2, "from 0 to 100"},
		{"no url", []string{"--min-operations", "80%"}, 2, "--url is required"},
		{"bad url", []string{"--url", "localhost:8080"}, 2, "want http://host:port"},
		{"unknown flag", []string{"--url", srv.URL, "--min-ops", "3"}, 2, "flag provided but not defined"},
		{"below names the figure", []string{"--url", srv.URL, "--namespace", "ci", "--min-operations", "50%"}, 1, "coverage below the minimum: operations "},
		{"below names the minimum", []string{"--url", srv.URL, "--namespace", "ci", "--min-operations", "50%"}, 1, "% < 50.0%"},
		{"bad namespace", []string{"--url", srv.URL, "--namespace", "a b"}, 1, "400"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := coverageRun(tc.args, &stdout, &stderr)
			out := stdout.String() + stderr.String()
			if code != tc.code || !strings.Contains(out, tc.out) {
				t.Fatalf("exit %d, want %d; output:\n%s\nwant it to contain %q", code, tc.code, out, tc.out)
			}
			if code == 2 && strings.Count(strings.TrimSpace(stderr.String()), "\n") > 0 {
				t.Errorf("usage error is more than one line:\n%s", stderr.String())
			}
		})
	}
}

// coverageRun runs "capsim coverage args" as main does and returns the exit status.
func coverageRun(args []string, stdout, stderr *bytes.Buffer) int {
	return exitCode(run(append([]string{"coverage"}, args...), stdout, stderr, nil), stderr)
}

// TestCoverageCommandToken checks --admin-token against a locked admin API.
func TestCoverageCommandToken(t *testing.T) {
	s := simtest.MustOpenServer(t, simtest.WithCustomers(0), func(o *server.Options) { o.AdminToken = "sesame" })
	srv := httptest.NewServer(s)
	defer srv.Close()
	var out bytes.Buffer
	if code := coverageRun([]string{"--url", srv.URL}, &out, &out); code != 1 || !strings.Contains(out.String(), "401") {
		t.Fatalf("without the token: exit %d\n%s", code, out.String())
	}
	out.Reset()
	if code := coverageRun([]string{"--url", srv.URL, "--admin-token", "sesame"}, &out, &out); code != 0 {
		t.Fatalf("with the token: exit %d\n%s", code, out.String())
	}
}
