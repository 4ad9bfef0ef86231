package admin

import (
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/capsim/capsim/simulator"
)

// TestHeavyTurnRests proves a heavy answer's turn lasts until the server
// is done with the request (validated, sent, journaled) and then, when it
// was long and the API was called meanwhile, rests heavyRest times as long
// as the whole took, so heavy answers take at most a quarter of a core
// from the API's clients; with the API idle it does not rest.
func TestHeavyTurnRests(t *testing.T) {
	const work = 2 * heavyRestFrom
	var served atomic.Uint64
	s := &Server{heavy: make(chan struct{}, concurrentHeavy), APIServed: served.Load}
	info := &simulator.RequestInfo{}
	r := httptest.NewRequest("GET", "/__admin/requests?limit=1000", nil)
	r = r.WithContext(simulator.WithRequestInfo(r.Context(), info))

	done, ok := s.heavyTurn(r)
	if !ok {
		t.Fatal("no turn on an idle server")
	}
	time.Sleep(work) // the answer is made, while the API is called
	served.Add(1)
	done()
	if len(s.heavy) != 1 {
		t.Fatal("the turn ended with the handler, before the answer was validated and sent")
	}
	over := time.Now()
	info.Over() // the server is done with the request
	if len(s.heavy) != 1 {
		t.Fatal("the turn did not rest")
	}
	for len(s.heavy) == 1 {
		if time.Since(over) > 5*time.Second {
			t.Fatal("the turn never ended")
		}
		time.Sleep(time.Millisecond)
	}
	if rest := time.Since(over); rest < time.Duration(heavyRest*float64(work)) {
		t.Errorf("the turn rested %v after %v of work, want at least %v times as long", rest, work, heavyRest)
	}

	// With the API idle meanwhile, a long turn ends when the server is
	// done: a script alone reading page after page is not slowed.
	r = httptest.NewRequest("GET", "/__admin/requests?limit=1000", nil)
	info = &simulator.RequestInfo{}
	r = r.WithContext(simulator.WithRequestInfo(r.Context(), info))
	if _, ok = s.heavyTurn(r); !ok {
		t.Fatal("no turn")
	}
	time.Sleep(work)
	info.Over()
	if len(s.heavy) != 0 {
		t.Fatal("a turn rested although no API request came while it was made")
	}

	// Served without a server (no request info), done ends the turn; a
	// short one (a small answer) at once, without resting.
	bare := httptest.NewRequest("GET", "/__admin/customers", nil)
	done, ok = s.heavyTurn(bare)
	if !ok {
		t.Fatal("no turn")
	}
	done()
	if len(s.heavy) != 0 {
		t.Fatal("a short turn rested, or done did not end a turn served without a server")
	}
}
