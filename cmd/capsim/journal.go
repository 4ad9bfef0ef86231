package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"

	"github.com/capsim/capsim/simulator/admin"
	"github.com/capsim/capsim/simulator/server"
)

// journalFlags are the flags that bound the journal and switch the
// request log, read as strings (with their CAPSIM_* defaults) and checked
// by apply.
type journalFlags struct {
	entryBytes, totalBytes string
	logRequests            boolFlag
}

// boolFlag is a boolean flag that may be given bare (--log-requests) or
// with a value (--log-requests=false).
type boolFlag struct {
	v   bool
	err error
}

func (b *boolFlag) String() string   { return strconv.FormatBool(b.v) }
func (b *boolFlag) IsBoolFlag() bool { return true }
func (b *boolFlag) Set(s string) error {
	v, err := strconv.ParseBool(s)
	if err != nil {
		return fmt.Errorf("want true or false")
	}
	b.v = v
	return nil
}

// addJournalFlags registers the journal and request-log flags on fs.
func addJournalFlags(fs *flag.FlagSet, env func(name, def string) string) *journalFlags {
	j := &journalFlags{}
	fs.StringVar(&j.entryBytes, "journal-entry-bytes", env("JOURNAL_ENTRY_BYTES", strconv.Itoa(admin.DefaultEntryBytes)),
		"bytes of request and response body one journal entry keeps, together (CAPSIM_JOURNAL_ENTRY_BYTES)")
	fs.StringVar(&j.totalBytes, "journal-bytes", env("JOURNAL_BYTES", strconv.Itoa(admin.DefaultTotalBytes)),
		"bytes the whole journal keeps; the oldest entries make room (CAPSIM_JOURNAL_BYTES)")
	def := env("LOG_REQUESTS", "true")
	if err := j.logRequests.Set(def); err != nil {
		j.logRequests.err = fmt.Errorf("CAPSIM_LOG_REQUESTS %q: want true or false", def)
	}
	fs.Var(&j.logRequests, "log-requests", "log one line per request: info below 400, warn from 400 (CAPSIM_LOG_REQUESTS)")
	return j
}

// apply checks the flags' values and sets them on c.
func (j *journalFlags) apply(c *config) error {
	if j.logRequests.err != nil {
		return j.logRequests.err
	}
	c.LogRequests = j.logRequests.v
	n, err := strconv.Atoi(j.entryBytes)
	if err != nil || n < 1024 || n > 64<<20 {
		return fmt.Errorf("--journal-entry-bytes %q: want an integer from 1024 to 67108864", j.entryBytes)
	}
	c.JournalEntryBytes = n
	t, err := strconv.ParseInt(j.totalBytes, 10, 64)
	if err != nil || t < int64(n) || t > 64<<30 {
		return fmt.Errorf("--journal-bytes %q: want an integer from --journal-entry-bytes (%d) to 68719476736", j.totalBytes, n)
	}
	c.JournalBytes = t
	return nil
}

// journalOptions sets the journal bounds and the request log of o from c.
func (c *config) journalOptions(o *server.Options) {
	o.JournalEntryBytes, o.JournalBytes, o.LogRequests = c.JournalEntryBytes, c.JournalBytes, c.LogRequests
}

// softMemoryLimit gives the Go runtime a soft memory limit unless
// GOMEMLIMIT sets one, and returns it (-1 when GOMEMLIMIT decides). capsim
// collects garbage rarely (GOGC=400) for throughput, which lets the heap
// grow to five times what is live; with the journal holding up to
// journalBytes of bodies that could be gigabytes under hostile traffic.
// The limit holds the heap near max(512 MiB, 2 × (live heap after start-up
// + journalBytes)): rare collections while it is far, more as it nears.
// The floor leaves room for namespaces; a data set too big for it raises
// the limit with itself, so it never makes the collector thrash.
func softMemoryLimit(journalBytes int64) int64 {
	if os.Getenv("GOMEMLIMIT") != "" {
		return -1
	}
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	limit := max(512<<20, 2*(int64(m.HeapAlloc)+journalBytes))
	debug.SetMemoryLimit(limit)
	return limit
}
