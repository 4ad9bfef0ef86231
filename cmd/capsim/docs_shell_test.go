package main

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The small shell the doc examples run in: words, expansions, pipelines, curl and capsim.

// shellBlocks returns the ```sh, ```bash and ```shell blocks of a Markdown file.
func shellBlocks(md string) []docBlock {
	var out []docBlock
	lines := strings.Split(md, "\n")
	for i := 0; i < len(lines); i++ {
		fence := strings.TrimSpace(lines[i])
		if !strings.HasPrefix(fence, "```") {
			continue
		}
		lang := strings.TrimPrefix(fence, "```")
		j := i + 1
		for j < len(lines) && strings.TrimSpace(lines[j]) != "```" {
			j++
		}
		if lang == "sh" || lang == "bash" || lang == "shell" {
			out = append(out, docBlock{i + 2, strings.Join(lines[i+1:j], "\n") + "\n"})
		}
		i = j
	}
	return out
}

// parseShell splits a block into commands.
func parseShell(t *testing.T, file string, line int, src string) []*shellCmd {
	var (
		cmds    []*shellCmd
		cur     = &shellCmd{line: line}
		pending []string // standalone comments, for the next command
		heredoc []*shellCmd
		delims  []string
	)
	end := func(op string) {
		if len(cur.words) > 0 {
			cur.op = op
			cur.markers = append(pending, cur.markers...)
			pending = nil
			cmds = append(cmds, cur)
		} else {
			pending = append(pending, cur.markers...)
		}
		cur = &shellCmd{line: line}
	}
	i := 0
	for i < len(src) {
		c := src[i]
		switch {
		case c == ' ' || c == '\t':
			i++
		case c == '\\' && i+1 < len(src) && src[i+1] == '\n':
			i += 2
			line++
		case c == '\n':
			if len(heredoc) > 0 {
				// here-documents start on the next line
				hd, dl := heredoc, delims
				heredoc, delims = nil, nil
				end("\n")
				i++
				line++
				for k, h := range hd {
					var body strings.Builder
					for i < len(src) {
						e := strings.IndexByte(src[i:], '\n')
						if e < 0 {
							e = len(src) - i
						}
						l := src[i : i+e]
						i += e + 1
						line++
						if l == dl[k] {
							break
						}
						body.WriteString(l + "\n")
					}
					h.heredoc = body.String()
				}
				continue
			}
			end("\n")
			i++
			line++
		case c == ';':
			end(";")
			i++
		case c == '&' || c == '|':
			op := string(c)
			if i+1 < len(src) && src[i+1] == c {
				op += string(c)
			}
			end(op)
			i += len(op)
		case c == '#':
			e := strings.IndexByte(src[i:], '\n')
			if e < 0 {
				e = len(src) - i
			}
			cur.markers = append(cur.markers, src[i+1:i+e])
			i += e
		case c == '<' && strings.HasPrefix(src[i:], "<<"):
			i += 2
			for i < len(src) && src[i] == ' ' {
				i++
			}
			w, n := readWord(src[i:])
			i += n
			heredoc = append(heredoc, cur)
			delims = append(delims, strings.Trim(w, `'"`))
		case c == '>' || c == '<' || (c >= '0' && c <= '9' && i+1 < len(src) && src[i+1] == '>' && (i == 0 || src[i-1] == ' ')):
			for i < len(src) && strings.IndexByte("0123456789<>&", src[i]) >= 0 {
				i++
			}
			for i < len(src) && src[i] == ' ' {
				i++
			}
			if strings.HasSuffix(src[:i], "&") { // 2>&1
				_, n := readWord(src[i:])
				i += n
				continue
			}
			w, n := readWord(src[i:])
			i += n
			cur.out = w
		default:
			w, n := readWord(src[i:])
			if n == 0 {
				t.Fatalf("%s:%d: cannot read %q", file, line, src[i:min(len(src), i+20)])
			}
			line += strings.Count(w, "\n")
			cur.words = append(cur.words, w)
			i += n
		}
	}
	end("\n")
	return cmds
}

// readWord reads one raw word: up to a blank or an operator outside quotes.
func readWord(s string) (string, int) {
	i := 0
	for i < len(s) {
		switch c := s[i]; c {
		case ' ', '\t', '\n', ';', '&', '|', '<', '>':
			return s[:i], i
		case '\\':
			i += 2
		case '\'':
			e := strings.IndexByte(s[i+1:], '\'')
			if e < 0 {
				return s, len(s)
			}
			i += e + 2
		case '"':
			i++
			for i < len(s) && s[i] != '"' {
				if s[i] == '\\' {
					i++
				} else if s[i] == '$' && i+1 < len(s) && s[i+1] == '(' {
					i += matchParen(s[i+1:])
					continue
				}
				i++
			}
			i++
		case '$':
			if i+1 < len(s) && s[i+1] == '(' {
				i += 1 + matchParen(s[i+1:])
				continue
			}
			i++
		default:
			i++
		}
	}
	return s[:min(i, len(s))], min(i, len(s))
}

// matchParen returns the length of the parenthesised text s starts with.
func matchParen(s string) int {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return i + 1
			}
		case '\'':
			if e := strings.IndexByte(s[i+1:], '\''); e >= 0 {
				i += e + 1
			}
		case '\\':
			i++
		}
	}
	return len(s)
}

// marker returns what the markers of c say.
func marker(c *shellCmd) (expect []string, skip string) {
	for _, m := range c.markers {
		if s := skipRE.FindStringSubmatch(m); s != nil {
			skip = s[1]
		}
		if e := expectRE.FindStringSubmatch(m); e != nil {
			expect = strings.Fields(strings.Replace(e[1], "exit ", "exit:", 1))
		}
	}
	return expect, skip
}

// runList runs commands in order; expect, when not nil, is the expectation
// of an enclosing loop.
func (sh *docShell) runList(cmds []*shellCmd, expect *[]string) {
	for i := 0; i < len(cmds); i++ {
		c := cmds[i]
		sh.line = c.line
		exp, skip := marker(c)
		if skip != "" {
			sh.t.Logf("%s:%d: skipped: %s", sh.file, c.line, skip)
			for i < len(cmds) && cmds[i].op == "|" {
				i++
			}
			continue
		}
		q := expect
		if exp != nil {
			q = &exp
		}
		if c.words[0] == "for" {
			j, depth := i+1, 1
			for ; j < len(cmds); j++ {
				switch cmds[j].words[0] {
				case "for":
					depth++
				case "done":
					depth--
				}
				if depth == 0 {
					break
				}
			}
			if j == len(cmds) || len(c.words) < 3 || c.words[2] != "in" {
				sh.t.Fatalf("%s:%d: a for loop this test cannot read", sh.file, c.line)
			}
			body := make([]*shellCmd, 0, j-i-1)
			for _, b := range cmds[i+1 : j] {
				b := *b
				if b.words[0] == "do" {
					b.words = b.words[1:]
				}
				if len(b.words) > 0 {
					body = append(body, &b)
				}
			}
			for _, v := range c.words[3:] {
				sh.vars[c.words[1]] = sh.expand(v)
				sh.runList(body, q)
			}
			i = j
			continue
		}
		// a pipeline: its first command runs, its output goes to the rest
		pipe := []*shellCmd{c}
		for i+1 < len(cmds) && cmds[i].op == "|" {
			i++
			pipe = append(pipe, cmds[i])
		}
		sh.runPipeline(pipe, q, false)
	}
}

// runPipeline runs the first command of a pipeline. With capture, the
// output is what the whole pipeline prints (the rest run by sh).
func (sh *docShell) runPipeline(pipe []*shellCmd, expect *[]string, capture bool) string {
	c := pipe[0]
	words := c.words
	env := map[string]string{}
	for len(words) > 0 && assignRE.MatchString(words[0]) {
		k, v, _ := strings.Cut(words[0], "=")
		env[k] = sh.expand(v)
		words = words[1:]
	}
	if len(words) > 0 && words[0] == "export" {
		words = words[1:]
		for _, w := range words {
			k, v, _ := strings.Cut(w, "=")
			env[k] = sh.expand(v)
		}
		words = nil
	}
	if len(words) == 0 {
		for k, v := range env {
			sh.vars[k] = v
		}
		return ""
	}
	var out string
	switch name := words[0]; {
	case name == "curl":
		out = sh.curl(words[1:], expect)
	case name == "capsim" || name == "./capsim" || name == "/capsim":
		sh.capsim(words[1:], env, expect)
	case name == "go" && len(words) > 2 && words[1] == "run" && words[2] == "./cmd/capsim":
		sh.capsim(words[3:], env, expect)
	case name == "cat" && c.heredoc != "" && c.out != "":
		sh.files[sh.expand(c.out)] = c.heredoc
		return ""
	default:
		return "" // not an example of capsim's: go build, mkdir, docker, ...
	}
	if capture && len(pipe) > 1 {
		var rest []string
		for _, p := range pipe[1:] {
			rest = append(rest, strings.Join(p.words, " "))
		}
		cmd := exec.Command("sh", "-c", strings.Join(rest, " | "))
		cmd.Stdin = strings.NewReader(out)
		b, err := cmd.Output()
		if err != nil {
			sh.t.Logf("%s:%d: %s: %v (the value is empty)", sh.file, c.line, strings.Join(rest, " | "), err)
		}
		return strings.TrimRight(string(b), "\n")
	}
	return out
}

// expand removes quotes and expands variables and substitutions in a raw word.
func (sh *docShell) expand(w string) string {
	var b strings.Builder
	inDouble := false
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c == '\'' && !inDouble:
			e := strings.IndexByte(w[i+1:], '\'')
			b.WriteString(w[i+1 : i+1+e])
			i += e + 1
		case c == '"':
			inDouble = !inDouble
		case c == '\\' && i+1 < len(w):
			if inDouble && !strings.ContainsRune("\"\\$`\n", rune(w[i+1])) {
				b.WriteByte(c)
			}
			i++
			b.WriteByte(w[i])
		case c == '$' && i+1 < len(w) && w[i+1] == '(':
			n := matchParen(w[i+1:])
			b.WriteString(sh.substitute(w[i+2 : i+n]))
			i += n
		case c == '$' && i+1 < len(w) && w[i+1] == '{':
			e := strings.IndexByte(w[i:], '}')
			b.WriteString(sh.variable(w[i+2 : i+e]))
			i += e
		case c == '$' && i+1 < len(w) && (w[i+1] == '_' || w[i+1] >= 'A' && w[i+1] <= 'Z' || w[i+1] >= 'a' && w[i+1] <= 'z'):
			j := i + 1
			for j < len(w) && (w[j] == '_' || w[j] >= 'A' && w[j] <= 'Z' || w[j] >= 'a' && w[j] <= 'z' || w[j] >= '0' && w[j] <= '9') {
				j++
			}
			b.WriteString(sh.variable(w[i+1 : j]))
			i = j - 1
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func (sh *docShell) variable(name string) string {
	v, ok := sh.vars[name]
	if !ok {
		sh.t.Fatalf("%s:%d: $%s is used before this file sets it", sh.file, sh.line, name)
	}
	return v
}

// substitute runs $(...): a curl pipeline through this shell, anything else
// through sh with the variables set so far.
func (sh *docShell) substitute(src string) string {
	cmds := parseShell(sh.t, sh.file, sh.line, src)
	if len(cmds) > 0 && cmds[0].words[0] == "curl" {
		return sh.runPipeline(cmds, nil, true)
	}
	cmd := exec.Command("sh", "-c", src)
	cmd.Env = os.Environ()
	for k, v := range sh.vars {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	b, err := cmd.Output()
	if err != nil {
		sh.t.Fatalf("%s:%d: $(%s): %v", sh.file, sh.line, src, err)
	}
	return strings.TrimRight(string(b), "\n")
}

// target rewrites the docs' local address to the test's server.
func (sh *docShell) target(u string) string {
	for _, p := range []string{docsBase, "localhost:8080"} {
		if rest, ok := strings.CutPrefix(u, p); ok {
			return sh.base + rest
		}
	}
	sh.t.Fatalf("%s:%d: %q is not %s", sh.file, sh.line, u, docsBase)
	return ""
}

// curl runs one curl command and checks its answer; it returns the body.
func (sh *docShell) curl(raw []string, expect *[]string) string {
	t := sh.t
	var (
		method, url, user string
		data              []string
		headers           [][2]string
	)
	args := make([]string, len(raw))
	for i, r := range raw {
		args[i] = sh.expand(r)
	}
	value := func(i *int, flag string) string {
		if *i+1 >= len(args) {
			t.Fatalf("%s:%d: curl %s needs a value", sh.file, sh.line, flag)
		}
		*i++
		return args[*i]
	}
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "-X" || a == "--request":
			method = value(&i, a)
		case strings.HasPrefix(a, "-X"):
			method = a[2:]
		case a == "-H" || a == "--header":
			k, v, _ := strings.Cut(value(&i, a), ":")
			headers = append(headers, [2]string{strings.TrimSpace(k), strings.TrimSpace(v)})
		case a == "-d" || a == "--data" || a == "--data-raw" || a == "--data-binary":
			d := value(&i, a)
			if f, ok := strings.CutPrefix(d, "@"); ok && a != "--data-raw" {
				body, ok := sh.files[f]
				if !ok {
					b, err := os.ReadFile(filepath.Join(docsRoot, f))
					if err != nil {
						t.Logf("%s:%d: skipped: curl reads %s, which neither the docs nor the repository hold", sh.file, sh.line, d)
						return ""
					}
					body = string(b)
				}
				if a != "--data-binary" { // curl drops the newlines of a file given to -d
					body = strings.NewReplacer("\r", "", "\n", "").Replace(body)
				}
				d = body
			}
			data = append(data, d)
		case a == "-u" || a == "--user":
			user = value(&i, a)
		case a == "-o" || a == "--output" || a == "-w" || a == "--write-out":
			value(&i, a)
		case strings.HasPrefix(a, "--") || (strings.HasPrefix(a, "-") && strings.Trim(a[1:], "sSfiLv") != ""):
			if a != "--silent" && a != "--show-error" && a != "--fail" && a != "--include" {
				t.Fatalf("%s:%d: curl option %s: this test does not know it (see docs_test.go)", sh.file, sh.line, a)
			}
		case strings.HasPrefix(a, "-"):
		default:
			if url != "" {
				t.Fatalf("%s:%d: curl with two URLs: %q and %q", sh.file, sh.line, url, a)
			}
			url = a
		}
	}
	if url == "" {
		t.Fatalf("%s:%d: curl without a URL", sh.file, sh.line)
	}
	var body io.Reader
	if data != nil {
		body = strings.NewReader(strings.Join(data, "&"))
		if method == "" {
			method = http.MethodPost
		}
	}
	if method == "" {
		method = http.MethodGet
	}
	req, err := http.NewRequest(method, sh.target(url), body)
	if err != nil {
		t.Fatalf("%s:%d: %v", sh.file, sh.line, err)
	}
	req.Header.Set("User-Agent", "curl/8 (capsim docs test)")
	req.Header.Set("Accept", "*/*")
	if data != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded") // curl's default for -d
	}
	for _, h := range headers {
		req.Header.Set(h[0], h[1])
	}
	if user != "" {
		u, p, _ := strings.Cut(user, ":")
		req.SetBasicAuth(u, p)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s:%d: %s %s: %v", sh.file, sh.line, method, url, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	sh.ran++
	where := fmt.Sprintf("%s:%d: %s %s", sh.file, sh.line, method, url)
	if v := res.Header.Get("X-Capsim-Contract-Violation"); v != "" {
		t.Errorf("%s: contract violation: %s", where, v)
	}
	want := ""
	if expect != nil && len(*expect) > 0 {
		want = (*expect)[0]
		if len(*expect) > 1 {
			*expect = (*expect)[1:]
		}
	}
	switch got := strconv.Itoa(res.StatusCode); {
	case want != "" && got != want:
		t.Errorf("%s: HTTP %s, the docs say %s:\n%.600s", where, got, want, b)
	case want == "" && res.StatusCode >= 400:
		t.Errorf("%s: HTTP %s (mark an example that fails on purpose with # expect: %s):\n%.600s", where, got, got, b)
	}
	return string(b)
}

// capsim checks a capsim command line against the help; the scenarios and
// coverage commands run, the server's flags are parsed.
func (sh *docShell) capsim(raw []string, env map[string]string, expect *[]string) {
	t := sh.t
	args := make([]string, len(raw))
	for i, r := range raw {
		args[i] = sh.expand(r)
	}
	where := fmt.Sprintf("%s:%d: capsim %s", sh.file, sh.line, strings.Join(args, " "))
	known := map[string]bool{}
	for _, f := range helpFlagRE.FindAllString(sh.help, -1) {
		known[f] = true
	}
	cmd := "serve"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd = args[0]
		if !strings.Contains(sh.help, "capsim "+cmd) {
			t.Errorf("%s: no command %q in capsim --help", where, cmd)
			return
		}
	}
	for _, a := range args {
		if f, _, _ := strings.Cut(a, "="); strings.HasPrefix(f, "-") && f != "-h" {
			if !strings.HasPrefix(f, "--") {
				f = "-" + f
			}
			if !known[f] {
				t.Errorf("%s: no flag %s in capsim --help", where, f)
			}
		}
	}
	for k := range env {
		if strings.HasPrefix(k, "CAPSIM_") && !strings.Contains(sh.help, "("+k) {
			t.Errorf("%s: no variable %s in capsim --help", where, k)
		}
	}
	sh.ran++
	want := "exit:0"
	if expect != nil && len(*expect) > 0 {
		want = (*expect)[0]
	}
	switch cmd {
	case "scenarios", "coverage":
		for i, a := range args {
			switch {
			case i > 0 && args[i-1] == "--url":
				args[i] = sh.target(a)
			case cmd == "scenarios" && i > 1 && !strings.HasPrefix(a, "-"):
				args[i] = filepath.Join(docsRoot, a)
			}
		}
		var out bytes.Buffer
		got := fmt.Sprintf("exit:%d", exitCode(run(args, &out, &out, nil), &out))
		if got != want {
			t.Errorf("%s: %s, the docs say %s:\n%s", where, got, want, out.String())
		}
	}
}
