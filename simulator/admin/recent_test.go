package admin

import (
	"bytes"
	"net/http"
	"testing"
	"unsafe"
)

// TestEntriesShareRepeatedBodies: entries of the same answer share one
// copy of its body; another answer's body is its own, and each reads back
// as it was written even after the caller's buffer changes. The long
// bodies differ in a byte the slot's key does not sample, so they take
// turns in one slot and must still never be taken for each other.
func TestEntriesShareRepeatedBodies(t *testing.T) {
	long := func(c byte) []byte {
		b := bytes.Repeat([]byte(`{"points":1}`), 270) // 3,240 bytes
		b[1000] = c                                    // outside the sample: the same key
		return b
	}
	for _, tc := range []struct {
		name        string
		first, next []byte
	}{
		{"short", []byte(`{"id":17742}`), []byte(`{"id":99999}`)},
		{"long, alike in the sample", long('a'), long('b')},
	} {
		t.Run(tc.name, func(t *testing.T) {
			j := NewJournal(10)
			h := http.Header{"Content-Type": {"application/json"}}
			want1, want2 := string(tc.first), string(tc.next)
			buf := tc.first
			j.Record(Entry{ID: "1"}, Raw{}, Raw{Header: h, Body: buf, Size: int64(len(buf))})
			j.Record(Entry{ID: "2"}, Raw{}, Raw{Header: h, Body: buf, Size: int64(len(buf))})
			copy(buf, tc.next) // the server reuses its buffers
			j.Record(Entry{ID: "3"}, Raw{}, Raw{Header: h, Body: buf, Size: int64(len(buf))})
			copy(buf, want1)
			j.Record(Entry{ID: "4"}, Raw{}, Raw{Header: h, Body: buf, Size: int64(len(buf))})
			got, _ := j.Find(nil, 10) // newest first
			if len(got) != 4 {
				t.Fatalf("%d entries, want 4", len(got))
			}
			first, second, third, fourth := got[3].Response.Body, got[2].Response.Body, got[1].Response.Body, got[0].Response.Body
			if first != want1 || second != want1 || third != want2 || fourth != want1 {
				t.Fatalf("bodies read back otherwise than written")
			}
			if unsafe.StringData(first) != unsafe.StringData(second) {
				t.Error("two entries of the same answer hold two copies of its body")
			}
			if unsafe.StringData(third) == unsafe.StringData(first) {
				t.Error("another answer shares the first one's body")
			}
		})
	}
}
