package main

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The docs' shell examples (```sh, ```bash, ```shell blocks of README.md and
// docs/*.md) are run by TestDocExamples. The few forms they use are read
// here, no more: commands separated by newlines, ';', '&&', '||' and '|',
// '\' line continuations, single and double quotes, $VAR and ${VAR},
// $(...) substitutions, here-documents into a file (cat > F <<'EOF'), and
// "for V in a b c; do ...; done". Comments steer the test:
//
//	# expect: 400          the next command's answer is HTTP 400 (several
//	                       statuses: one per run, for a loop)
//	# expect: exit 2       the next capsim command exits 2
//	# skip: REASON         the next command is not run
//
// A marker in the comment that ends a command's line applies to that command.

// docsRoot is the repository's root, seen from this package.
const docsRoot = "../../"

// docsBase is the address the docs write for a local capsim.
const docsBase = "http://localhost:8080"

// TestDocExamples runs every curl example of README.md and docs/*.md, in
// order, file by file, against one capsim started as "capsim serve" with the
// command's defaults, reset between files. An answer fails the example when
// it is a transport error, a status other than the one marked with
// "# expect:" (unmarked: any status of 400 or more), or carries
// X-Capsim-Contract-Violation. capsim commands are checked against the
// command's help (every subcommand and flag must exist), and "scenarios"
// and "coverage" commands run.
func TestDocExamples(t *testing.T) {
	files, err := filepath.Glob(docsRoot + "docs/*.md")
	if err != nil {
		t.Fatal(err)
	}
	files = append([]string{docsRoot + "README.md"}, files...)
	s := startServer(t, "--customers", "300")
	base := "http://" + s.addr
	var help bytes.Buffer
	printUsage(&help)
	total := 0
	for _, f := range files {
		name := strings.TrimPrefix(f, docsRoot)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, req := range [][2]string{{"POST", "/__admin/reset"}, {"DELETE", "/__admin/requests"}} {
				r, _ := http.NewRequest(req[0], base+req[1], nil)
				res, err := http.DefaultClient.Do(r)
				if err != nil {
					t.Fatal(err)
				}
				res.Body.Close()
			}
			sh := &docShell{t: t, file: name, base: base, help: help.String(),
				vars: map[string]string{}, files: map[string]string{}}
			for _, b := range shellBlocks(string(data)) {
				sh.line = b.line
				sh.runList(parseShell(t, name, b.line, b.text), nil)
			}
			total += sh.ran
		})
	}
	t.Logf("%d examples run", total)
}

// docBlock is one fenced shell block and the line its text starts on.
type docBlock struct {
	line int
	text string
}

// shellCmd is one simple command of a block.
type shellCmd struct {
	words   []string // raw: quotes and $ are expanded when it runs
	op      string   // what follows it: "\n", ";", "&&", "||", "|", "&"
	markers []string // comments that apply to it
	heredoc string
	out     string // > FILE, raw
	line    int
}

// docShell runs commands for one file.
type docShell struct {
	t     *testing.T
	file  string
	line  int
	base  string
	help  string
	vars  map[string]string
	files map[string]string // written by here-documents
	ran   int
}

var (
	assignRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*=`)
	expectRE = regexp.MustCompile(`\bexpect: ((?:exit )?[0-9]{1,3}(?: [0-9]{3})*)`)
	skipRE   = regexp.MustCompile(`\bskip: (.+)`)
)

var helpFlagRE = regexp.MustCompile(`--[a-z0-9-]+`)

// TestConfigurationTable keeps docs/configuration.md's table of flags equal
// to the flags capsim --help lists: one row per flag, with its variable.
func TestConfigurationTable(t *testing.T) {
	data, err := os.ReadFile(docsRoot + "docs/configuration.md")
	if err != nil {
		t.Fatal(err)
	}
	var help bytes.Buffer
	printFlags(&help)
	rows := map[string]string{}
	for _, l := range strings.Split(string(data), "\n") {
		if m := regexp.MustCompile("^\\| `(--[a-z0-9-]+)[^`]*` \\| (`CAPSIM_[A-Z0-9_]+`)? ?\\|").FindStringSubmatch(l); m != nil {
			rows[m[1]] = strings.Trim(m[2], "`")
		}
	}
	listed := map[string]bool{}
	for _, l := range strings.Split(help.String(), "\n") {
		f := regexp.MustCompile(`^  (--[a-z0-9-]+)`).FindStringSubmatch(l)
		if f == nil || f[1] == "--version" {
			continue
		}
		listed[f[1]] = true
		env, ok := rows[f[1]]
		switch {
		case !ok:
			t.Errorf("docs/configuration.md has no row for %s", f[1])
		case env != envName(strings.TrimPrefix(f[1], "--")):
			t.Errorf("docs/configuration.md: %s's variable is %q, want %s", f[1], env, envName(strings.TrimPrefix(f[1], "--")))
		}
	}
	for f := range rows {
		if !listed[f] {
			t.Errorf("docs/configuration.md has a row for %s, which capsim --help does not list", f)
		}
	}
}
