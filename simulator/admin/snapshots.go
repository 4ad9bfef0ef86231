package admin

import (
	"errors"
	"net/http"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/store"
)

// snapshotView is a snapshot as the admin API shows it.
type snapshotView struct {
	Name      string `json:"name"`
	Namespace string `json:"namespace"`
	Created   string `json:"created"`
	Customers int    `json:"customers"`
	Keys      int    `json:"keys"`
	Bytes     int64  `json:"bytes"`
}

func toSnapshotView(in store.SnapshotInfo) snapshotView {
	return snapshotView{Name: in.Name, Namespace: in.Namespace, Created: in.Created.UTC().Format(time.RFC3339Nano),
		Customers: in.Customers, Keys: in.Keys, Bytes: in.Bytes}
}

// handleSnapshotsList handles "GET /__admin/snapshots".
func (s *Server) handleSnapshotsList(w http.ResponseWriter, r *http.Request) {
	out := []snapshotView{}
	for _, in := range s.Store.Snapshots() {
		out = append(out, toSnapshotView(in))
	}
	writeJSON(w, http.StatusOK, map[string]any{"snapshots": out, "limit": s.Store.SnapshotLimit()})
}

// handleSnapshotSave handles "POST /__admin/snapshots/{name}": the
// namespace's customers, history, sequences and registered parts (the
// clock) are saved under name, replacing a snapshot of that name.
func (s *Server) handleSnapshotSave(w http.ResponseWriter, r *http.Request) {
	name, ns := simulator.Vars(r)["name"], simulator.Info(r.Context()).Namespace
	in, err := s.Store.SaveSnapshot(name, ns)
	if err != nil {
		writeFailure(w, http.StatusBadRequest, simulator.CodeInvalidInput, "snapshot "+quote(name)+" of namespace "+quote(ns)+": "+err.Error(), nil)
		return
	}
	writeJSON(w, http.StatusCreated, toSnapshotView(in))
}

type restoreResult struct {
	Restored  string  `json:"restored"`
	Namespace string  `json:"namespace"`
	TookMs    float64 `json:"tookMs"`
}

// handleSnapshotRestore handles "POST /__admin/snapshots/{name}/restore":
// the namespace goes back to the snapshot, wholly or not at all.
func (s *Server) handleSnapshotRestore(w http.ResponseWriter, r *http.Request) {
	name, ns := simulator.Vars(r)["name"], simulator.Info(r.Context()).Namespace
	start := time.Now()
	_, err := s.Store.RestoreSnapshot(name, ns)
	switch {
	case errors.Is(err, store.ErrNoSnapshot):
		writeNotFound(w, err.Error())
		return
	case err != nil:
		writeFailure(w, http.StatusBadRequest, simulator.CodeInvalidInput, "restore "+quote(name)+" into namespace "+quote(ns)+": "+err.Error(), nil)
		return
	}
	writeJSON(w, http.StatusOK, restoreResult{Restored: name, Namespace: ns, TookMs: float64(time.Since(start).Microseconds()) / 1000})
}

// handleSnapshotDelete handles "DELETE /__admin/snapshots/{name}".
func (s *Server) handleSnapshotDelete(w http.ResponseWriter, r *http.Request) {
	name := simulator.Vars(r)["name"]
	if err := s.Store.DropSnapshot(name); err != nil {
		writeNotFound(w, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"dropped": name})
}
