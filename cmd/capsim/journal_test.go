package main

import "testing"

// TestJournalFlags reads the journal bounds and --log-requests, with their
// environment twins, and refuses bad values.
func TestJournalFlags(t *testing.T) {
	tests := []struct {
		name        string
		args        []string
		env         map[string]string
		entry       int
		total       int64
		logRequests bool
		bad         bool
	}{
		{"defaults", nil, nil, 64 << 10, 64 << 20, true, false},
		{"flags", []string{"--journal-entry-bytes", "4096", "--journal-bytes", "1048576", "--log-requests=false"}, nil, 4096, 1 << 20, false, false},
		{"bare bool", []string{"--log-requests", "--journal-size", "5"}, map[string]string{"CAPSIM_LOG_REQUESTS": "false"}, 64 << 10, 64 << 20, true, false},
		{"env", nil, map[string]string{"CAPSIM_JOURNAL_ENTRY_BYTES": "2048", "CAPSIM_JOURNAL_BYTES": "4096", "CAPSIM_LOG_REQUESTS": "0"}, 2048, 4096, false, false},
		{"entry too small", []string{"--journal-entry-bytes", "10"}, nil, 0, 0, false, true},
		{"entry not a number", []string{"--journal-entry-bytes", "64k"}, nil, 0, 0, false, true},
		{"total under entry", []string{"--journal-entry-bytes", "4096", "--journal-bytes", "100"}, nil, 0, 0, false, true},
		{"bad log-requests", []string{"--log-requests=maybe"}, nil, 0, 0, false, true},
		{"bad env log-requests", nil, map[string]string{"CAPSIM_LOG_REQUESTS": "maybe"}, 0, 0, false, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := parseConfig(tc.args, func(k string) string { return tc.env[k] })
			if tc.bad {
				if err == nil {
					t.Fatalf("%v accepted", tc.args)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.JournalEntryBytes != tc.entry || c.JournalBytes != tc.total || c.LogRequests != tc.logRequests {
				t.Fatalf("entry %d total %d log %v", c.JournalEntryBytes, c.JournalBytes, c.LogRequests)
			}
		})
	}
}
