// Command soak sends hostile inputs to a running capsim on 127.0.0.1 —
// thousands of distinct credentials, huge URLs and bodies, thousands of
// namespace names — bounded in count and time, and prints the server's RSS
// before and after each phase against a stated bound. It exits 1 when the
// bound is broken, a hostile input gets a 5xx or an answer outside the
// API's envelope, or a phase runs out of time. bench/soak.sh starts capsim
// and runs it.
package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:18190", "capsim's address")
	pid := flag.Int("pid", 0, "capsim's process id, for its RSS (from /proc)")
	bound := flag.Int("bound-mib", 512, "most RSS, in MiB, capsim may hold after the soak")
	scale := flag.Float64("scale", 1, "multiplies every phase's request count")
	workers := flag.Int("workers", 8, "concurrent clients")
	limit := flag.Duration("phase-timeout", 120*time.Second, "longest a phase may run")
	flag.Parse()
	if *pid == 0 {
		fmt.Fprintln(os.Stderr, "soak: --pid is required")
		os.Exit(2)
	}
	s := &soak{base: "http://" + *addr, pid: *pid, workers: *workers, limit: *limit,
		client: &http.Client{Timeout: 30 * time.Second}}
	n := func(x int) int { return max(1, int(float64(x)**scale)) }
	md5 := "0123456789abcdef0123456789abcdef"
	basic := func(till string) string {
		return "Basic " + base64.StdEncoding.EncodeToString([]byte(till+":"+md5))
	}
	lookup := "/v2/customers/lookup?source=INSTORE&identifierName=mobile&identifierValue=919111111111"
	ok := map[int]bool{200: true}
	refused := map[int]bool{400: true, 401: true, 404: true, 413: true, 414: true, 431: true}
	v11Refused := map[int]bool{v11Status + 400: true}

	fmt.Printf("# capsim soak %s against %s (pid %d), %d workers, bound %d MiB RSS\n",
		time.Now().UTC().Format(time.RFC3339), *addr, *pid, *workers, *bound)
	s.phase("warm-up: ordinary lookups", n(2000), ok, func(i int) *http.Request {
		return s.req("GET", lookup, nil, "Authorization", basic("cm.1"))
	})
	start := s.rss()
	s.phase("distinct Basic credentials, 16 KB till names", n(5000), ok, func(i int) *http.Request {
		return s.req("GET", lookup, nil, "Authorization", basic(strconv.Itoa(i)+strings.Repeat("t", 16<<10)))
	})
	s.phase("distinct short Basic credentials", n(20000), ok, func(i int) *http.Request {
		return s.req("GET", lookup, nil, "Authorization", basic("till-"+strconv.Itoa(i)))
	})
	junk := strings.Repeat("q", 200<<10)
	s.phase("200 KB query strings", n(1200), ok, func(i int) *http.Request {
		return s.req("GET", lookup+"&junk"+strconv.Itoa(i)+"="+junk, nil, "Authorization", basic("cm.1"))
	})
	s.phase("200 KB unknown paths", n(1200), map[int]bool{404: true}, func(i int) *http.Request {
		return s.req("GET", "/v2/"+strconv.Itoa(i)+junk, nil, "Authorization", basic("cm.1"))
	})
	big := []byte(`{"programId": 469, "promotionId": 57099, "pad": "` + strings.Repeat("x", 1000<<10) + `"}`)
	s.phase("1 MB request bodies (under --max-body)", n(300), map[int]bool{200: true, 400: true}, func(i int) *http.Request {
		return s.req("POST", "/v2/promotion/issue?identifierName=mobile&identifierValue=919111111111&source=INSTORE",
			big, "Authorization", basic("cm.1"), "Content-Type", "application/json")
	})
	over := bytes.Repeat([]byte("x"), 3<<20)
	s.phase("3 MB v2 bodies (over --max-body)", n(100), refused, func(i int) *http.Request {
		return s.req("POST", "/v2/promotion/issue?identifierName=mobile&identifierValue=919111111111&source=INSTORE",
			over, "Authorization", basic("cm.1"), "Content-Type", "application/json")
	})
	// v1.1 answers HTTP 200 and says 400 in its envelope's status.
	s.phase("3 MB v1.1 bodies (over --max-body)", n(100), v11Refused, func(i int) *http.Request {
		return s.req("POST", "/v1.1/customer/add?format=json", over, "Authorization", basic("cm.1"))
	})
	// One credential's share of namespaces fills (--max-namespaces-per-client):
	// the rest are 429 with Retry-After.
	s.phase("distinct namespace names", n(3000), map[int]bool{200: true, 429: true}, func(i int) *http.Request {
		return s.req("GET", lookup, nil, "Authorization", basic("cm.1"), "X-Capsim-Namespace", "soak-"+strconv.Itoa(i))
	})
	s.phase("unauthenticated namespace names", n(3000), map[int]bool{400: true, 401: true}, func(i int) *http.Request {
		return s.req("GET", lookup, nil, "X-Capsim-Namespace", "anon-"+strconv.Itoa(i))
	})
	end := s.rss()
	fmt.Printf("rss_mib start %.1f end %.1f growth %+.1f bound %d\n", mib(start), mib(end), mib(end-start), *bound)
	if int64(end) > int64(*bound)<<20 {
		fmt.Printf("FAIL: RSS %.1f MiB is over the bound of %d MiB\n", mib(end), *bound)
		s.failed = true
	}
	if s.failed {
		os.Exit(1)
	}
	fmt.Println("PASS")
}

// v11Status + N stands for a v1.1 answer whose envelope says status N
// (v1.1 answers HTTP 200 and puts its status in the body).
const v11Status = 1000

type soak struct {
	base    string
	pid     int
	workers int
	limit   time.Duration
	client  *http.Client
	failed  bool
}

func mib(b uint64) float64 { return float64(b) / (1 << 20) }

func (s *soak) req(method, path string, body []byte, headers ...string) *http.Request {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	r, err := http.NewRequest(method, s.base+path, rd)
	if err != nil {
		panic(err)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		r.Header.Set(headers[i], headers[i+1])
	}
	return r
}

// rss reads the server's resident set size from /proc.
func (s *soak) rss() uint64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.pid))
	if err != nil {
		fmt.Fprintln(os.Stderr, "soak:", err)
		os.Exit(2)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseUint(f[1], 10, 64)
			return kb << 10
		}
	}
	return 0
}

// phase sends count requests from s.workers clients and checks each answer:
// a status in want, with a JSON or XML body (the API's envelope). It prints
// the statuses, the time taken and the RSS after.
func (s *soak) phase(name string, count int, want map[int]bool, mk func(i int) *http.Request) {
	var (
		next     atomic.Int64
		mu       sync.Mutex
		statuses = map[int]int{}
		bad      []string
		wg       sync.WaitGroup
	)
	deadline := time.Now().Add(s.limit)
	start := time.Now()
	for w := 0; w < s.workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= count || time.Now().After(deadline) {
					return
				}
				status, problem := s.send(mk(i))
				mu.Lock()
				statuses[status]++
				if problem == "" && !want[status] {
					problem = fmt.Sprintf("status %d", status)
				}
				if problem != "" && len(bad) < 3 {
					bad = append(bad, problem)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	took := time.Since(start)
	done := 0
	for _, n := range statuses {
		done += n
	}
	fmt.Printf("%-48s %6d requests %7.1fs statuses %v rss_mib %.1f\n", name, done, took.Seconds(), statuses, mib(s.rss()))
	if done < count {
		fmt.Printf("FAIL: %s: only %d of %d requests within %s\n", name, done, count, s.limit)
		s.failed = true
	}
	if len(bad) > 0 {
		fmt.Printf("FAIL: %s: %s\n", name, strings.Join(bad, "; "))
		s.failed = true
	}
}

// send sends r and reports its status and, when the answer is not in the
// API's envelope (or the connection failed), what was wrong.
func (s *soak) send(r *http.Request) (int, string) {
	res, err := s.client.Do(r)
	if err != nil {
		return -1, err.Error()
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(res.Body, 1<<20))
	if res.StatusCode >= 500 {
		return res.StatusCode, fmt.Sprintf("status %d: %.200s", res.StatusCode, body)
	}
	t := bytes.TrimSpace(body)
	if len(t) == 0 || (t[0] != '{' && t[0] != '<') || (t[0] == '{' && !json.Valid(t)) {
		return res.StatusCode, fmt.Sprintf("status %d outside the envelope: %.200q", res.StatusCode, body)
	}
	var v11 struct {
		Response struct {
			Status struct {
				Code json.Number `json:"code"`
			} `json:"status"`
		} `json:"response"`
	}
	if strings.HasPrefix(r.URL.Path, "/v1.1/") && json.Unmarshal(t, &v11) == nil {
		if c, err := v11.Response.Status.Code.Int64(); err == nil && c >= 400 {
			return v11Status + int(c), ""
		}
	}
	return res.StatusCode, ""
}
