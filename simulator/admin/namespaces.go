package admin

import (
	"errors"
	"net/http"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/store"
)

// namespaceView is a namespace as the admin API shows it.
type namespaceView struct {
	Name      string `json:"name"`
	Created   string `json:"created"`
	LastUsed  string `json:"lastUsed"`
	Customers int    `json:"customers"`
	Bytes     int64  `json:"bytes"`
}

type namespaceList struct {
	Namespaces []namespaceView `json:"namespaces"`
	Limit      int             `json:"limit"`
	// TTLSeconds is the idle time after which a namespace is dropped; 0: never.
	TTLSeconds float64 `json:"ttlSeconds"`
}

// handleNamespacesList handles "GET /__admin/namespaces": every namespace,
// when it was created and last used, the customers it sees and the bytes it
// holds of its own (besides the shared base data).
func (s *Server) handleNamespacesList(w http.ResponseWriter, r *http.Request) {
	infos, err := s.Store.NamespaceInfos()
	if err != nil {
		writeFailure(w, http.StatusInternalServerError, simulator.CodeAllFailed, err.Error(), nil)
		return
	}
	max, ttl := s.Store.NamespaceLimits()
	out := namespaceList{Namespaces: []namespaceView{}, Limit: max, TTLSeconds: max0(ttl).Seconds()}
	for _, in := range infos {
		out.Namespaces = append(out.Namespaces, namespaceView{Name: in.Name, Created: in.Created.UTC().Format(time.RFC3339),
			LastUsed: in.LastUsed.UTC().Format(time.RFC3339Nano), Customers: in.Customers, Bytes: in.Bytes})
	}
	writeJSON(w, http.StatusOK, out)
}

func max0(d time.Duration) time.Duration {
	if d < 0 {
		return 0
	}
	return d
}

// handleNamespaceDelete handles "DELETE /__admin/namespaces/{name}": the
// namespace and its state go, and its slot is free. Its scenario counters
// start again.
func (s *Server) handleNamespaceDelete(w http.ResponseWriter, r *http.Request) {
	name := simulator.Vars(r)["name"]
	err := s.Store.Drop(name)
	switch {
	case errors.Is(err, store.ErrNoNamespace):
		writeNotFound(w, "no namespace named "+quote(name)+" exists")
		return
	case err != nil:
		writeFailure(w, http.StatusBadRequest, simulator.CodeInvalidInput, "namespace "+quote(name)+": "+err.Error(), nil)
		return
	}
	s.Scenarios.ResetCounters(name)
	if s.OnReset != nil {
		s.OnReset(name)
	}
	writeJSON(w, http.StatusOK, map[string]string{"dropped": name})
}

// writeNotFound writes a 404 failure with the catalogue's code for it.
func writeNotFound(w http.ResponseWriter, detail string) {
	code, _ := simulator.Lookup(simulator.Both, http.StatusNotFound)
	writeFailure(w, http.StatusNotFound, code, detail, nil)
}
