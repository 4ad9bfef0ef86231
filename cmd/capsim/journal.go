package main

import (
	"flag"
	"os"
	"runtime"
	"runtime/debug"

	"github.com/capsim/capsim/simulator/admin"
	"github.com/capsim/capsim/simulator/server"
)

// declareJournalFlags declares the flags that bound the journal and switch
// the request log into c.
func declareJournalFlags(fs *flag.FlagSet, c *config) {
	fs.IntVar(&c.JournalEntryBytes, "journal-entry-bytes", admin.DefaultEntryBytes,
		"bytes of request and response body one journal entry keeps, together")
	fs.Int64Var(&c.JournalBytes, "journal-bytes", admin.DefaultTotalBytes,
		"bytes the whole journal keeps; the oldest entries make room")
	fs.BoolVar(&c.LogRequests, "log-requests", true, "log one line per request: info below 400, warn from 400")
}

// validateJournalFlags checks the journal bounds.
func (c *config) validateJournalFlags() error {
	if n := c.JournalEntryBytes; n < 1024 || n > 64<<20 {
		return usagef("--journal-entry-bytes %d: want an integer from 1024 to 67108864", n)
	}
	if t := c.JournalBytes; t < int64(c.JournalEntryBytes) || t > 64<<30 {
		return usagef("--journal-bytes %d: want an integer from --journal-entry-bytes (%d) to 68719476736", t, c.JournalEntryBytes)
	}
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
