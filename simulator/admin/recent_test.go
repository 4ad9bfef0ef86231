package admin

import (
	"net/http"
	"testing"
	"unsafe"
)

// TestEntriesShareRepeatedBodies: entries of the same answer share one
// copy of its body; another answer's body is its own, and each reads back
// as it was written even after the caller's buffer changes.
func TestEntriesShareRepeatedBodies(t *testing.T) {
	j := NewJournal(10)
	h := http.Header{"Content-Type": {"application/json"}}
	buf := []byte(`{"id":17742}`)
	j.Record(Entry{ID: "1"}, Raw{}, Raw{Header: h, Body: buf, Size: int64(len(buf))})
	j.Record(Entry{ID: "2"}, Raw{}, Raw{Header: h, Body: buf, Size: int64(len(buf))})
	copy(buf, `{"id":99999}`) // the server reuses its buffers
	j.Record(Entry{ID: "3"}, Raw{}, Raw{Header: h, Body: buf, Size: int64(len(buf))})
	got, _ := j.Find(nil, 10) // newest first
	if len(got) != 3 {
		t.Fatalf("%d entries, want 3", len(got))
	}
	first, second, third := got[2].Response.Body, got[1].Response.Body, got[0].Response.Body
	if first != `{"id":17742}` || second != first || third != `{"id":99999}` {
		t.Fatalf("bodies %q %q %q", first, second, third)
	}
	if unsafe.StringData(first) != unsafe.StringData(second) {
		t.Error("two entries of the same answer hold two copies of its body")
	}
	if unsafe.StringData(third) == unsafe.StringData(first) {
		t.Error("another answer shares the first one's body")
	}
}
