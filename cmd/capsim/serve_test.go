package main

import (
	"bufio"
	"errors"
	"flag"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestMain lets a test run the real command in a child process (the test
// binary itself), so signals and exit statuses are the real ones.
func TestMain(m *testing.M) {
	if os.Getenv("CAPSIM_TEST_MAIN") == "1" {
		os.Args = append([]string{"capsim"}, strings.Fields(os.Getenv("CAPSIM_TEST_ARGS"))...)
		main()
		return
	}
	flag.Parse()
	if !flagGiven("test.parallel") {
		// This package's parallel tests spend their time waiting on real
		// servers' timeouts, drains and held answers, not on the CPU: the
		// default of one test per core would only queue the waits. (Its
		// tests that are CPU work, the doc examples and the contract's
		// users, are not parallel: they run first, one at a time.)
		_ = flag.Set("test.parallel", strconv.Itoa(parallelWaits))
	}
	os.Exit(m.Run())
}

// parallelWaits is how many of this package's tests run at once when
// -parallel is not given: every parallel test and subtest of the package.
const parallelWaits = 32

// flagGiven reports whether the command line set the flag name.
func flagGiven(name string) bool {
	given := false
	flag.Visit(func(f *flag.Flag) { given = given || f.Name == name })
	return given
}

// holdScenario writes a scenario that holds every request back for d and
// returns its directory.
func holdScenario(t *testing.T, d string) string {
	t.Helper()
	dir := t.TempDir()
	body := "name: hold\nrules:\n  - answer: {delay: " + d + "}\n"
	if err := os.WriteFile(filepath.Join(dir, "hold.yaml"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// starts holds a place for each server starting now: as many as there are
// cores. A start is CPU work (the contract, the fixtures), while what the
// tests then do with their servers is mostly waiting, so the package's
// parallel tests wait in turn for a place only while they start one.
var starts = make(chan struct{}, runtime.GOMAXPROCS(0))

// startPlace waits for a place in starts and returns the function that
// gives it back; calling that again does nothing.
func startPlace() (done func()) {
	starts <- struct{}{}
	var once sync.Once
	return func() { once.Do(func() { <-starts }) }
}

// running is a server started by startServer.
type running struct {
	addr    string
	sigs    chan os.Signal
	done    chan error
	stopped bool // run returned
}

// startServer runs "capsim serve" in-process on a free 127.0.0.1 port (found
// through --addr-file) and waits until its healthcheck passes.
func startServer(t *testing.T, args ...string) *running {
	t.Helper()
	addrFile := filepath.Join(t.TempDir(), "addr")
	args = append([]string{"--addr", "127.0.0.1:0", "--addr-file", addrFile, "--customers", "10", "--log-level", "error"}, args...)
	s := &running{sigs: make(chan os.Signal, 2), done: make(chan error, 1)}
	started := startPlace()
	defer started()
	go func() { s.done <- run(args, io.Discard, io.Discard, s.sigs) }()
	t.Cleanup(func() {
		if !s.stopped {
			s.sigs <- syscall.SIGTERM
			s.sigs <- syscall.SIGTERM
			<-s.done
		}
	})
	deadline := time.Now().Add(10 * time.Second)
	for {
		cfg, err := parseConfig([]string{"--addr-file", addrFile}, envOf(nil))
		if err != nil {
			t.Fatal(err)
		}
		if healthcheck(cfg) == nil {
			b, _ := os.ReadFile(addrFile)
			s.addr = strings.TrimSpace(string(b))
			return s
		}
		select {
		case err := <-s.done:
			s.stopped = true
			t.Fatalf("server stopped: %v", err)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("server did not become healthy")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// wait waits for the server to stop and returns what run returned and how
// long that took.
func (s *running) wait(t *testing.T, limit time.Duration) (error, time.Duration) {
	t.Helper()
	start := time.Now()
	select {
	case err := <-s.done:
		s.stopped = true
		return err, time.Since(start)
	case <-time.After(limit):
		t.Fatalf("server did not stop within %s", limit)
	}
	return nil, 0
}

// TestServeHealthcheckShutdown starts the real server on 127.0.0.1, probes it
// with the healthcheck subcommand (through --addr-file, as the image does)
// and stops it with SIGTERM: exit 0, the address file removed.
func TestServeHealthcheckShutdown(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	res, err := http.Get("http://" + s.addr + "/v2/customers/17742?source=INSTORE")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusUnauthorized {
		t.Fatalf("unauthenticated request: %d, want 401", res.StatusCode)
	}
	// --addr on the healthcheck's command line wins over the address file.
	if err := healthcheck(&config{Addr: "127.0.0.1:1", addrGiven: true, AddrFile: "/nonexistent"}); err == nil {
		t.Fatal("healthcheck of a closed port passed")
	}
	s.sigs <- syscall.SIGTERM
	if err, _ := s.wait(t, 15*time.Second); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	if healthcheck(&config{Addr: s.addr}) == nil {
		t.Fatal("healthcheck passes after shutdown")
	}
}

// TestShutdown: the first signal drains in-flight requests and exits 0, also
// when the drain times out; a second signal stops at once.
func TestShutdown(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		timeout     string
		second      bool
		wantErr     error
		wantStatus  int // of the in-flight request; 0: cut off
		maxDuration time.Duration
	}{
		{"drained", "20s", false, nil, http.StatusOK, 15 * time.Second},
		{"drain timed out", "150ms", false, nil, 0, 3 * time.Second},
		{"second signal", "20s", true, errForced, 0, 3 * time.Second},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel() // each has a server of its own
			// The request is held 0.45s: a stop that cut it short answers it 0.
			s := startServer(t, "--auth", "off", "--scenarios", holdScenario(t, "450ms"), "--shutdown-timeout", tc.timeout)
			status := make(chan int, 1)
			go func() {
				req, _ := http.NewRequest(http.MethodGet, "http://"+s.addr+"/v2/customers/17742?source=INSTORE", nil)
				req.Header.Set("X-Capsim-Scenario", "hold")
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					status <- 0
					return
				}
				res.Body.Close()
				status <- res.StatusCode
			}()
			waitHeld(t, s.addr, "hold")
			s.sigs <- syscall.SIGTERM
			if tc.second {
				time.Sleep(100 * time.Millisecond)
				select {
				case err := <-s.done:
					t.Fatalf("stopped before the drain: %v", err)
				default:
				}
				s.sigs <- syscall.SIGINT
			}
			err, took := s.wait(t, 10*time.Second)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("run: %v, want %v", err, tc.wantErr)
			}
			if took > tc.maxDuration {
				t.Errorf("stopping took %s, want at most %s", took, tc.maxDuration)
			}
			if got := <-status; got != tc.wantStatus {
				t.Errorf("in-flight request: %d, want %d", got, tc.wantStatus)
			}
		})
	}
}

// waitHeld waits until the server at addr has begun holding a request back
// by the scenario name: its rule has fired.
func waitHeld(t *testing.T, addr, name string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		res, err := http.Get("http://" + addr + "/__admin/scenarios/" + name)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if strings.Contains(string(b), `"fired":1`) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("no request held by %s: %s", name, b)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestSignalExitStatus sends a real SIGTERM to a real process: it drains and
// exits 0.
func TestSignalExitStatus(t *testing.T) {
	t.Parallel()
	addrFile := filepath.Join(t.TempDir(), "addr")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "CAPSIM_TEST_MAIN=1",
		"CAPSIM_TEST_ARGS=--addr 127.0.0.1:0 --addr-file "+addrFile+" --customers 10 --log-level warn")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	started := startPlace()
	defer started()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for healthcheck(&config{AddrFile: addrFile, Addr: "127.0.0.1:1"}) != nil {
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			t.Fatalf("child did not become healthy: %s", stderr.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	started()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("after SIGTERM: %v (want exit 0); stderr: %s", err, stderr.String())
	}
	if _, err := os.Stat(addrFile); !os.IsNotExist(err) {
		t.Errorf("address file left behind: %v", err)
	}
}

// TestConnectionTimeouts: a client that stalls is cut off with a clean close
// (EOF, not a reset) within the timeout, over a real 127.0.0.1 listener; an
// answer held back by a scenario for longer than the timeouts still arrives.
func TestConnectionTimeouts(t *testing.T) {
	t.Parallel()
	const timeout, idle = 200 * time.Millisecond, 450 * time.Millisecond
	scenarios := holdScenario(t, "550ms")
	garbage := "name: hold-garbage\nrules:\n  - answer: {delay: 550ms, fault: garbage}\n"
	if err := os.WriteFile(filepath.Join(scenarios, "hold-garbage.yaml"), []byte(garbage), 0o644); err != nil {
		t.Fatal(err)
	}
	s := startServer(t, "--auth", "off", "--scenarios", scenarios,
		"--read-header-timeout", timeout.String(), "--read-timeout", timeout.String(),
		"--write-timeout", timeout.String(), "--idle-timeout", idle.String())
	register := "POST /v2/customers?source=INSTORE HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
	body := `{"profiles":[{"identifiers":[{"type":"mobile","value":"919000000001"}]}]}`
	tests := []struct {
		name   string
		send   string // then the client stalls
		after  time.Duration
		answer string // the start of what the server sends before it closes
	}{
		{"headers stall", "GET /v2/customers/17742?source=INSTORE HTTP/1.1\r\nHost: localhost\r\n", timeout, ""},
		{"body stalls", register + "Content-Length: 100\r\n\r\n" + body[:20], timeout, "HTTP/1.1 400 "},
		{"body stalls under a held answer", register + "X-Capsim-Scenario: hold\r\nContent-Length: 100\r\n\r\n" + body[:20], timeout, ""},
		{"idle keep-alive", "GET /__admin/health HTTP/1.1\r\nHost: localhost\r\n\r\n", idle, "HTTP/1.1 200 "},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel() // a connection each
			conn, err := net.Dial("tcp", s.addr)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			start := time.Now()
			if _, err := io.WriteString(conn, tc.send); err != nil {
				t.Fatal(err)
			}
			_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
			got, err := io.ReadAll(conn) // whatever the server answers, then its close
			took := time.Since(start)
			if err != nil {
				t.Fatalf("after %s: %v, want a clean close", took, err)
			}
			// Generous above: a loaded machine is slow, but not by minutes.
			if took < tc.after-50*time.Millisecond || took > tc.after+5*time.Second {
				t.Fatalf("closed after %s, want about %s", took, tc.after)
			}
			if !strings.HasPrefix(string(got), tc.answer) || (tc.answer == "" && len(got) > 0) {
				t.Fatalf("got %q, want %q first", got, tc.answer)
			}
		})
	}

	t.Run("fault after a hold longer than the timeouts", func(t *testing.T) {
		t.Parallel()
		conn, err := net.Dial("tcp", s.addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		if _, err := io.WriteString(conn, "GET /v2/customers/17742?source=INSTORE HTTP/1.1\r\nHost: localhost\r\nX-Capsim-Scenario: hold-garbage\r\n\r\n"); err != nil {
			t.Fatal(err)
		}
		_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
		got, _ := io.ReadAll(conn)
		if !strings.Contains(string(got), "this is not HTTP") {
			t.Fatalf("got %q, want the garbage the fault writes", got)
		}
	})

	t.Run("held answer longer than the timeouts", func(t *testing.T) {
		t.Parallel()
		conn, err := net.Dial("tcp", s.addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		req := register + "X-Capsim-Scenario: hold\r\nContent-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n" + body
		if _, err := io.WriteString(conn, req); err != nil {
			t.Fatal(err)
		}
		_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
		res, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode != http.StatusOK || !strings.Contains(string(b), "createdId") {
			t.Fatalf("%d %s", res.StatusCode, b)
		}
	})
}

// TestBodyBounds: a body dribbled just faster than --read-timeout is cut off
// at --body-timeout (the API's 400, then a clean close), and a body too large
// for --max-body announced with "Expect: 100-continue" gets 413 at once,
// never "100 Continue", over a real 127.0.0.1 listener.
func TestBodyBounds(t *testing.T) {
	t.Parallel()
	// Generous bounds: on a loaded 2-core machine, a dribbler starved for
	// longer than read minus its interval would fail the test (it did at 250 ms).
	const read, body = 750 * time.Millisecond, 1300 * time.Millisecond
	s := startServer(t, "--auth", "off", "--read-timeout", read.String(), "--body-timeout", body.String())
	register := "POST /v2/customers?source=INSTORE HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
	tests := []struct {
		name    string
		send    string
		dribble bool // then one byte every read/10, for ever
		within  time.Duration
		answer  string
	}{
		{"dribbled body", register + "Content-Length: 1000\r\n\r\n{", true, body, "HTTP/1.1 400 "},
		{"100-continue too large", register + "Expect: 100-continue\r\nContent-Length: 1073741824\r\n\r\n", false, 0, "HTTP/1.1 413 "},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			conn, err := net.Dial("tcp", s.addr)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			start := time.Now()
			if _, err := io.WriteString(conn, tc.send); err != nil {
				t.Fatal(err)
			}
			stop := make(chan struct{})
			defer close(stop)
			if tc.dribble {
				go func() {
					for {
						select {
						case <-stop:
							return
						case <-time.After(read / 10):
							if _, err := io.WriteString(conn, " "); err != nil {
								return
							}
						}
					}
				}()
			}
			_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
			got, _ := io.ReadAll(conn)
			took := time.Since(start)
			if !strings.HasPrefix(string(got), tc.answer) {
				t.Fatalf("got %q, want %q first", got, tc.answer)
			}
			if took < tc.within-50*time.Millisecond || took > tc.within+5*time.Second {
				t.Fatalf("answered after %s, want about %s", took, tc.within)
			}
			if strings.Contains(string(got), "100 Continue") {
				t.Fatalf("sent 100 Continue: %q", got)
			}
		})
	}
}
