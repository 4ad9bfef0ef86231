package main

import (
	"flag"

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
