package admin

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/clock"
)

// clockNamespace returns the namespace a clock request names: ?namespace=,
// else the X-Capsim-Namespace header (as for API calls), else the default.
func (s *Server) clockNamespace(w http.ResponseWriter, r *http.Request) (string, bool) {
	ns, ok := namespaceParam(w, r)
	if !ok {
		return "", false
	}
	if ns == "" {
		return simulator.Info(r.Context()).Namespace, true
	}
	if r.Method == http.MethodGet { // a read creates no namespace
		return ns, true
	}
	if _, err := s.Store.Ensure(ns); err != nil {
		writeFailure(w, http.StatusBadRequest, simulator.CodeInvalidInput, "namespace "+quote(ns)+": "+err.Error(), nil)
		return "", false
	}
	return ns, true
}

// handleClockGet handles "GET /__admin/clock": the namespace's time.
func (s *Server) handleClockGet(w http.ResponseWriter, r *http.Request) {
	ns, ok := s.clockNamespace(w, r)
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, s.Clocks.State(ns))
}

// clockChange is the body of PUT /__admin/clock.
type clockChange struct {
	Now     *string `json:"now"`
	Advance *string `json:"advance"`
	Run     *bool   `json:"run"`
}

// handleClockSet handles "PUT /__admin/clock": {"now": T} freezes the
// namespace's clock at T ({"now": T, "run": true} runs it on from T);
// {"advance": D} moves it on by D, keeping it frozen or running unless
// "run" says otherwise.
func (s *Server) handleClockSet(w http.ResponseWriter, r *http.Request) {
	ns, ok := s.clockNamespace(w, r)
	if !ok {
		return
	}
	var ch clockChange
	if err := decodeStrict(r.Body, &ch); err != nil {
		s.refuseClock(w, "request body: "+err.Error())
		return
	}
	var err error
	switch {
	case ch.Now != nil && ch.Advance != nil:
		s.refuseClock(w, `give "now" or "advance", not both`)
		return
	case ch.Now != nil:
		t, perr := time.Parse(time.RFC3339Nano, *ch.Now)
		if perr != nil {
			s.refuseClock(w, "now "+quote(*ch.Now)+": want an RFC 3339 time such as 2026-01-02T15:04:05Z or 2026-01-02T20:34:05+05:30")
			return
		}
		err = s.Clocks.Set(ns, t, ch.Run != nil && *ch.Run)
	case ch.Advance != nil:
		d, perr := clock.ParseDuration(*ch.Advance)
		if perr != nil {
			s.refuseClock(w, "advance: "+perr.Error())
			return
		}
		if d < 0 {
			s.refuseClock(w, "advance "+quote(*ch.Advance)+": the clock only moves forward this way; set \"now\" to go back")
			return
		}
		mode := clock.Mode("")
		if ch.Run != nil {
			mode = clock.Frozen
			if *ch.Run {
				mode = clock.Running
			}
		}
		err = s.Clocks.Advance(ns, d, mode)
	default:
		s.refuseClock(w, `give "now" (an RFC 3339 time) or "advance" (a duration such as 36h or 2d)`)
		return
	}
	if err != nil {
		s.refuseClock(w, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, s.Clocks.State(ns))
}

// handleClockDelete handles "DELETE /__admin/clock": back to the wall clock.
func (s *Server) handleClockDelete(w http.ResponseWriter, r *http.Request) {
	ns, ok := s.clockNamespace(w, r)
	if !ok {
		return
	}
	s.Clocks.Drop(ns)
	writeJSON(w, http.StatusOK, s.Clocks.State(ns))
}

func (s *Server) refuseClock(w http.ResponseWriter, detail string) {
	writeFailure(w, http.StatusBadRequest, simulator.CodeInvalidInput, detail, nil)
}

// decodeStrict decodes one JSON object from body into v, refusing unknown
// fields and trailing data.
func decodeStrict(body io.Reader, v any) error {
	data, err := io.ReadAll(io.LimitReader(body, 1<<16))
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		if errors.Is(err, io.EOF) {
			return errors.New("empty; want a JSON object")
		}
		return err
	}
	if dec.More() {
		return errors.New("more than one JSON value")
	}
	return nil
}
