package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestScenariosCheck lints a directory: ok, or one line per problem and an error.
func TestScenariosCheck(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("good.yaml", "name: good\nrules:\n  - match: {operation: lookupCustomer}\n    answer: {code: 8015}\n")
	var out bytes.Buffer
	if err := run([]string{"scenarios", "check", dir}, &out, io.Discard, nil); err != nil {
		t.Fatalf("check: %v\n%s", err, out.String())
	}
	if got, want := out.String(), "ok: 1 scenario(s)\n"; got != want {
		t.Fatalf("output %q, want %q", got, want)
	}

	write("bad.yaml", "name: bad\nrules:\n  - match: {operation: lookupCustomer}\n    answer: {code: 1011, colour: red}\n")
	write("dup.yml", "name: good\nrules:\n  - answer: {delay: 1ms}\n")
	out.Reset()
	err := run([]string{"scenarios", "check", dir}, &out, io.Discard, nil)
	if err == nil {
		t.Fatalf("check passed a bad directory:\n%s", out.String())
	}
	for _, want := range []string{
		filepath.Join(dir, "bad.yaml") + `:4: unknown key "colour" in answer`,
		filepath.Join(dir, "good.yaml") + `:1: scenario "good" is also defined in ` + filepath.Join(dir, "dup.yml"),
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	out.Reset()
	if err := run([]string{"scenarios", "check", "../../scenarios/examples", "../../scenarios/slow.yaml"}, &out, io.Discard, nil); err != nil {
		t.Fatalf("the starter files and a built-in: %v\n%s", err, out.String())
	}
	if err := run([]string{"scenarios", "check"}, io.Discard, io.Discard, nil); err == nil {
		t.Fatal("check without a directory passed")
	}
	if err := run([]string{"scenarios", "frobnicate"}, io.Discard, io.Discard, nil); err == nil {
		t.Fatal("an unknown subcommand passed")
	}
}

// TestScenariosList prints the built-ins with their rules.
func TestScenariosList(t *testing.T) {
	var out bytes.Buffer
	if err := run([]string{"scenarios", "list"}, &out, io.Discard, nil); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"lookup-not-found (builtin", "  - lookup: lookupCustomer -> code 8015, always, before-handler", "flaky-5xx", "customer-not-found"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("list lacks %q:\n%s", want, out.String())
		}
	}
}

// TestScenarioFlags reads the scenario flags and their environment twins.
func TestScenarioFlags(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"CAPSIM_SCENARIO": "slow", "CAPSIM_JOURNAL_SIZE": "50", "CAPSIM_ADMIN_TOKEN": "t0k"}
	c, err := parseConfig([]string{"--scenarios", dir, "--skip-bad-scenarios", "--scenario", "flaky-5xx,slow"},
		func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if len(c.ScenarioDirs) != 1 || c.ScenarioDirs[0] != dir || !c.SkipBadScenarios || c.JournalSize != 50 ||
		c.AdminToken != "t0k" || strings.Join(c.ActiveScenarios, ",") != "flaky-5xx,slow" {
		t.Fatalf("config %+v", c)
	}
	d, err := parseConfig(nil, func(string) string { return "" })
	if err != nil || d.JournalSize != 1000 || d.AdminToken != "" || len(d.ActiveScenarios) != 0 {
		t.Fatalf("defaults %+v %v", d, err)
	}
	for _, args := range [][]string{
		{"--scenarios", "scenarios.go"}, {"--journal-size", "-1"}, {"--journal-size", "x"},
		{"--skip-bad-scenarios=maybe"}, {"--scenario", "a b"},
	} {
		if _, err := parseConfig(args, func(string) string { return "" }); err == nil {
			t.Errorf("%v accepted", args)
		}
	}
}

// TestScenariosCheckStaysInside checks that a directory's symlink to a file
// outside it is refused, and the file it points to never printed, while a
// symlink within the directory is read.
func TestScenariosCheckStaysInside(t *testing.T) {
	outside := t.TempDir()
	secret := filepath.Join(outside, "secret.yaml")
	if err := os.WriteFile(secret, []byte("password: hunter2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "good.yaml"), []byte("name: good\nrules:\n  - answer: {delay: 1ms}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, l := range []struct{ target, name string }{{secret, "evil.yaml"}, {"good.yaml", "alias.yml"}} {
		if err := os.Symlink(l.target, filepath.Join(dir, l.name)); err != nil {
			t.Skip(err)
		}
	}
	var out bytes.Buffer
	err := run([]string{"scenarios", "check", dir}, &out, io.Discard, nil)
	if err == nil {
		t.Fatalf("check passed a symlink out of the directory:\n%s", out.String())
	}
	for _, tc := range []struct {
		says string
		want bool
	}{
		{filepath.Join(dir, "evil.yaml") + ":0: a symlink to a file outside the directory: not read", true},
		{`scenario "good" is also defined in ` + filepath.Join(dir, "alias.yml"), true}, // the inside link was read
		{"hunter2", false},
		{"password", false},
	} {
		if got := strings.Contains(out.String(), tc.says); got != tc.want {
			t.Errorf("output says %q: %v, want %v:\n%s", tc.says, got, tc.want, out.String())
		}
	}
}
