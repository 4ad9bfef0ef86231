package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/capsim/capsim/simulator/auth"
)

func envOf(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

// TestParseConfig checks defaults, environment twins, flag precedence,
// boolean flags and refusals.
func TestParseConfig(t *testing.T) {
	t.Run("defaults", func(t *testing.T) {
		c, err := parseConfig(nil, envOf(nil))
		if err != nil {
			t.Fatal(err)
		}
		if c.Addr != ":8080" || c.DB != ":memory:" || c.Customers != 300 || c.Auth != auth.ModeAny || !c.ValidateResponses ||
			c.ReadHeaderTimeout != 10*time.Second || c.ReadTimeout != 30*time.Second || c.WriteTimeout != 30*time.Second ||
			c.IdleTimeout != 120*time.Second || c.AddrFile != "" || c.SkipBadScenarios || c.V11JSONLists != "" || c.V11JSONTypes != "observed" {
			t.Fatalf("defaults: %+v", c)
		}
	})
	t.Run("environment, then flags", func(t *testing.T) {
		e := envOf(map[string]string{"CAPSIM_ADDR": ":9000", "CAPSIM_AUTH": "strict", "CAPSIM_SEED": "7", "CAPSIM_CUSTOMERS": "5",
			"CAPSIM_READ_TIMEOUT": "5s", "CAPSIM_IDLE_TIMEOUT": "1m", "CAPSIM_ADDR_FILE": "/tmp/a", "CAPSIM_VALIDATE_RESPONSES": "false",
			"CAPSIM_V11_JSON_LISTS": "always", "CAPSIM_V11_JSON_TYPES": "mixed"})
		c, err := parseConfig([]string{"--auth", "off", "--idle-timeout=2m"}, e)
		if err != nil {
			t.Fatal(err)
		}
		if c.Addr != ":9000" || c.Auth != auth.ModeOff || c.Seed != 7 || c.Customers != 5 || c.ReadTimeout != 5*time.Second ||
			c.IdleTimeout != 2*time.Minute || c.AddrFile != "/tmp/a" || c.ValidateResponses || c.addrGiven || c.V11JSONLists != "always" || c.V11JSONTypes != "mixed" {
			t.Fatalf("got %+v", c)
		}
	})
	t.Run("allowed hosts from the environment", func(t *testing.T) {
		c, err := parseConfig(nil, envOf(map[string]string{"CAPSIM_ALLOWED_HOSTS": "capsim, .corp.example"}))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := strings.Join(c.AllowedHosts, " "), "capsim .corp.example"; got != want {
			t.Fatalf("allowed hosts %q, want %q", got, want)
		}
	})
	bools := []struct {
		name     string
		args     []string
		env      map[string]string
		validate bool
		skip     bool
	}{
		{"bare", []string{"--skip-bad-scenarios", "--validate-responses"}, nil, true, true},
		{"single dash", []string{"-skip-bad-scenarios"}, nil, true, true},
		{"=false", []string{"--validate-responses=false", "--skip-bad-scenarios=false"}, nil, false, false},
		{"=true beats the environment", []string{"--validate-responses=true"}, map[string]string{"CAPSIM_VALIDATE_RESPONSES": "false"}, true, false},
		{"environment", nil, map[string]string{"CAPSIM_VALIDATE_RESPONSES": "0", "CAPSIM_SKIP_BAD_SCENARIOS": "true"}, false, true},
		{"bare, then another flag", []string{"--skip-bad-scenarios", "--customers", "3"}, nil, true, true},
	}
	for _, tc := range bools {
		t.Run("bool "+tc.name, func(t *testing.T) {
			c, err := parseConfig(tc.args, envOf(tc.env))
			if err != nil {
				t.Fatal(err)
			}
			if c.ValidateResponses != tc.validate || c.SkipBadScenarios != tc.skip {
				t.Fatalf("validate %v skip %v, want %v %v", c.ValidateResponses, c.SkipBadScenarios, tc.validate, tc.skip)
			}
		})
	}
	refused := []struct {
		args []string
		env  map[string]string
		want string
	}{
		{[]string{"--auth", "maybe"}, nil, "--auth"},
		{[]string{"--seed", "x"}, nil, `--seed "x": want a whole number`},
		{[]string{"--customers", "-1"}, nil, "--customers -1: want an integer from 0 to 1000000"},
		{[]string{"--log-level", "loud"}, nil, `--log-level "loud"`},
		{[]string{"--validate-responses=perhaps"}, nil, "--validate-responses"},
		{[]string{"--validate-responses", "false"}, nil, `unexpected argument "false": write a boolean flag bare`},
		{[]string{"--max-body", "1"}, nil, "--max-body 1"},
		{[]string{"--token-ttl", "0s"}, nil, "--token-ttl 0s"},
		{[]string{"--read-timeout", "0s"}, nil, "--read-timeout 0s: want a positive duration"},
		{[]string{"--write-timeout", "x"}, nil, `--write-timeout "x": want a duration such as 30s`},
		{[]string{"--fixtures", "/nonexistent"}, nil, `--fixtures "/nonexistent": no such directory`},
		{[]string{"--fixtures", "main.go"}, nil, `--fixtures "main.go": is a file, not a directory`},
		{[]string{"--scenarios", "main.go"}, nil, `--scenarios "main.go": is a file, not a directory`},
		{nil, map[string]string{"CAPSIM_CUSTOMERS": "-1"}, `CAPSIM_CUSTOMERS="-1": want an integer from 0 to 1000000`},
		{nil, map[string]string{"CAPSIM_LOG_FORMAT": "xml"}, `CAPSIM_LOG_FORMAT="xml": want text or json`},
		{nil, map[string]string{"CAPSIM_READ_TIMEOUT": "5"}, `CAPSIM_READ_TIMEOUT="5": want a duration`},
		{[]string{"extra"}, nil, `unexpected argument "extra"`},
		{[]string{"--nope"}, nil, "unknown flag --nope"},
		{[]string{"--v11-json-lists", "sometimes"}, nil, "--v11-json-lists"},
		{[]string{"--v11-json-types", "floats"}, nil, "--v11-json-types"},
		{[]string{"--addr"}, nil, "flag --addr needs a value"},
		{[]string{"--allowed-hosts", "http://capsim"}, nil, "--allowed-hosts: \"http://capsim\": want a host name"},
		{nil, map[string]string{"CAPSIM_CUSTOMERS": "many"}, `CAPSIM_CUSTOMERS="many": want a whole number`},
		{nil, map[string]string{"CAPSIM_SKIP_BAD_SCENARIOS": "perhaps"}, `CAPSIM_SKIP_BAD_SCENARIOS="perhaps"`},
	}
	for _, tc := range refused {
		t.Run(strings.Join(tc.args, " ")+tc.want, func(t *testing.T) {
			_, err := parseConfig(tc.args, envOf(tc.env))
			var ue *usageError
			if !errors.As(err, &ue) {
				t.Fatalf("%v: error %v, want a usage error", tc.args, err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %q lacks %q", err, tc.want)
			}
		})
	}
}

// TestCommandLine runs the command as a user would and checks the exit
// status and what was printed.
func TestCommandLine(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.yaml")
	if err := os.WriteFile(good, []byte("name: good\nrules:\n  - match: {operation: lookupCustomer}\n    answer: {code: 8015}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		args       []string
		code       int
		stdout     []string // each must appear
		stderr     string   // exactly, when code != 0
		stdoutOnly bool
	}{
		{"--version", []string{"--version"}, 0, []string{"capsim "}, "", true},
		{"version", []string{"version"}, 0, []string{"capsim "}, "", true},
		{"--help", []string{"--help"}, 0, []string{"capsim [serve] [flags]", "capsim healthcheck", "capsim scenarios check PATH", "capsim version",
			"--addr ADDR", "CAPSIM_ADDR", "--skip-bad-scenarios ", "--read-timeout DURATION", "CAPSIM_WRITE_TIMEOUT"}, "", true},
		{"-h", []string{"-h"}, 0, []string{"Usage:"}, "", true},
		{"help", []string{"help"}, 0, []string{"Usage:"}, "", true},
		{"serve --help", []string{"serve", "--help"}, 0, []string{"Usage:"}, "", true},
		{"healthcheck -h", []string{"healthcheck", "-h"}, 0, []string{"Usage:"}, "", true},
		{"scenarios --help", []string{"scenarios", "--help"}, 0, []string{"capsim scenarios check PATH..."}, "", true},
		{"unknown flag", []string{"--nope"}, 2, nil, "capsim: unknown flag --nope (see capsim --help)\n", false},
		{"unknown flag after serve", []string{"serve", "--customers", "1", "--nope=1"}, 2, nil, "capsim: unknown flag --nope (see capsim --help)\n", false},
		{"unknown command", []string{"frobnicate"}, 2, nil, "capsim: unknown command \"frobnicate\" (see capsim --help)\n", false},
		{"bad value", []string{"--customers", "many"}, 2, nil, "capsim: --customers \"many\": want a whole number such as 300 (see capsim --help)\n", false},
		{"scenarios alone", []string{"scenarios"}, 2, nil, "capsim: scenarios: name a command: check or list (see capsim --help)\n", false},
		{"scenarios frobnicate", []string{"scenarios", "frobnicate"}, 2, nil, "capsim: scenarios: unknown command \"frobnicate\": want check or list (see capsim --help)\n", false},
		{"scenarios check a file", []string{"scenarios", "check", good}, 0, []string{"ok: 1 scenario(s)"}, "", true},
		{"scenarios check a missing file", []string{"scenarios", "check", filepath.Join(dir, "nope.yaml")}, 1,
			[]string{filepath.Join(dir, "nope.yaml") + ":0: no such file or directory"}, "capsim: scenarios check: 1 problem(s)\n", false},
		{"healthcheck of nothing", []string{"healthcheck", "--addr", "127.0.0.1:1"}, 1, nil, "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out, errw bytes.Buffer
			code := exitCode(run(tc.args, &out, &errw, nil), &errw)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, out.String(), errw.String())
			}
			for _, want := range tc.stdout {
				if !strings.Contains(out.String(), want) {
					t.Errorf("stdout lacks %q:\n%s", want, out.String())
				}
			}
			if tc.stdoutOnly && errw.Len() > 0 {
				t.Errorf("stderr: %q", errw.String())
			}
			if tc.stderr != "" && errw.String() != tc.stderr {
				t.Errorf("stderr %q, want %q", errw.String(), tc.stderr)
			}
			if tc.code != 0 && strings.Count(errw.String(), "\n") != 1 {
				t.Errorf("stderr has %d lines, want one: %q", strings.Count(errw.String(), "\n"), errw.String())
			}
		})
	}
}

// TestDialAddr turns listen addresses into addresses to dial.
func TestDialAddr(t *testing.T) {
	for in, want := range map[string]string{
		":8080": "127.0.0.1:8080", "0.0.0.0:8080": "127.0.0.1:8080", "[::]:9000": "127.0.0.1:9000",
		"127.0.0.1:8081": "127.0.0.1:8081", "10.1.2.3:80": "10.1.2.3:80", "capsim:8080": "capsim:8080", "[::1]:8080": "[::1]:8080",
	} {
		if got := dialAddr(in); got != want {
			t.Errorf("dialAddr(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSubcommandHelp: every command answers --help (and -h) with its usage
// on stdout and exit 0.
func TestSubcommandHelp(t *testing.T) {
	for _, args := range [][]string{
		{"--help"}, {"help"}, {"serve", "--help"}, {"healthcheck", "--help"}, {"coverage", "--help"}, {"coverage", "-h"},
		{"scenarios", "--help"}, {"scenarios", "check", "--help"}, {"scenarios", "list", "-h"}, {"version", "--help"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(args, &stdout, &stderr, nil)
			if code := exitCode(err, &stderr); code != 0 || stdout.Len() == 0 {
				t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout.String(), stderr.String())
			}
		})
	}
}
