// Command bare serves fixed response bodies with net/http and nothing else:
// the baseline the load scripts compare capsim against. It reads every
// request's body to the end (a write's baseline: a server that only reads
// the body), then writes the recorded bytes.
//
//	bare --body FILE [--content-type CT]   one body for every request (bench/load.sh)
//	bare --routes FILE                     one body per request, by method and URI (bench/ops.sh)
//
// A routes file has one line per request: METHOD URI BODY-FILE CONTENT-TYPE,
// separated by tabs; the URI is the path and query exactly as the client
// sends it, or a template of bench/ops.txt (see table). A request no line
// names gets 404.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"strconv"
	"strings"
)

// reply is one recorded response.
type reply struct {
	body []byte
	ct   []string
	clen []string
}

func (rp *reply) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	_, _ = io.Copy(io.Discard, r.Body)
	h := w.Header()
	h["Content-Type"] = rp.ct
	h["Content-Length"] = rp.clen
	h["X-Cap-Requestid"] = requestID
	_, _ = w.Write(rp.body)
}

var requestID = []string{"00000000000000000000000000000000"}

func load(file, ct string) (*reply, error) {
	body, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	return &reply{body: body, ct: []string{ct}, clen: []string{strconv.Itoa(len(body))}}, nil
}

// table is a routes file's replies: by "METHOD URI", and for a URI that
// is a template (bench/ops.txt: it holds a %), by "METHOD " and the URI's
// text before its first %, which the requests' URIs start with.
type table struct {
	exact    map[string]*reply
	prefixes []prefixReply
}

type prefixReply struct {
	prefix string
	reply  *reply
}

func (t *table) reply(r *http.Request) *reply {
	key := r.Method + " " + r.RequestURI
	if rp := t.exact[key]; rp != nil {
		return rp
	}
	for _, p := range t.prefixes {
		if strings.HasPrefix(key, p.prefix) {
			return p.reply
		}
	}
	return nil
}

// routes reads a routes file.
func routes(file string) (*table, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := &table{exact: map[string]*reply{}}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		parts := strings.Split(sc.Text(), "\t")
		if len(parts) != 4 {
			return nil, fmt.Errorf("%s:%d: want METHOD, URI, BODY-FILE and CONTENT-TYPE separated by tabs", file, n)
		}
		rp, err := load(parts[2], parts[3])
		if err != nil {
			return nil, err
		}
		key := parts[0] + " " + parts[1]
		if before, _, templ := strings.Cut(key, "%"); templ {
			out.prefixes = append(out.prefixes, prefixReply{before, rp})
		} else {
			out.exact[key] = rp
		}
	}
	return out, sc.Err()
}

func main() {
	addr := flag.String("addr", "127.0.0.1:18081", "listen address")
	file := flag.String("body", "", "file holding the response body for every request")
	ct := flag.String("content-type", "application/json; charset=utf-8", "Content-Type of --body")
	table := flag.String("routes", "", "file of METHOD\\tURI\\tBODY-FILE\\tCONTENT-TYPE lines: one body per request")
	flag.Parse()
	var h http.Handler
	switch {
	case *table != "":
		m, err := routes(*table)
		if err != nil {
			log.Fatal(err)
		}
		h = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			rp := m.reply(r)
			if rp == nil {
				http.NotFound(w, r)
				return
			}
			rp.ServeHTTP(w, r)
		})
	case *file != "":
		rp, err := load(*file, *ct)
		if err != nil {
			log.Fatal(err)
		}
		h = rp
	default:
		log.Fatal("bare: give --body or --routes")
	}
	log.Fatal(http.ListenAndServe(*addr, h))
}
