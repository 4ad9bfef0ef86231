// Package clock keeps the virtual clock of each namespace: the wall clock
// unless a test froze it, set it running from a chosen time, or moved it on.
package clock

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/capsim/capsim/simulator"
)

// Mode is how a namespace's clock moves.
type Mode string

// The modes: the wall clock, a fixed time, or a time that runs on from a set point.
const (
	Wall    Mode = "wall"
	Frozen  Mode = "frozen"
	Running Mode = "running"
)

// DefaultMax is how many namespaces may have a clock of their own unless
// told: well above the store's default namespace limit (256). A clock goes
// with its namespace (reset, drop, expiry), so only a limit raised past this
// meets ErrFull.
const DefaultMax = 4096

// ErrFull is returned when one more namespace would pass the registry's limit.
var ErrFull = errors.New("clock: too many namespaces have a clock of their own; reset some with POST /__admin/reset or DELETE /__admin/clock")

// setting is a namespace's clock away from the wall: the virtual time at was
// set when the wall clock read anchor; a running clock moves on from there.
type setting struct {
	mode   Mode
	at     time.Time
	anchor time.Time
}

func (c setting) now(wall time.Time) time.Time {
	if c.mode == Running {
		return c.at.Add(wall.Sub(c.anchor))
	}
	return c.at
}

// Registry holds the clocks of the namespaces that have one; the others
// follow the wall clock. It is safe for concurrent use and bounded.
type Registry struct {
	wall simulator.Clock
	max  int

	n  atomic.Int32 // len(m), read without the lock on the request path
	mu sync.RWMutex
	m  map[string]setting
}

// New returns a registry whose wall clock is wall (time.Now when nil),
// holding at most max clocks (DefaultMax when max <= 0).
func New(wall simulator.Clock, max int) *Registry {
	if max <= 0 {
		max = DefaultMax
	}
	return &Registry{wall: wall, max: max, m: map[string]setting{}}
}

// Wall returns the wall clock's time.
func (r *Registry) Wall() time.Time { return r.wall.Time() }

// NowAt returns ns's time when the wall clock reads wall: the request path
// reads the wall clock once and passes it here.
func (r *Registry) NowAt(ns string, wall time.Time) time.Time {
	if r == nil || r.n.Load() == 0 {
		return wall
	}
	r.mu.RLock()
	c, ok := r.m[ns]
	r.mu.RUnlock()
	if !ok {
		return wall
	}
	return c.now(wall)
}

// Now returns ns's time.
func (r *Registry) Now(ns string) time.Time { return r.NowAt(ns, r.Wall()) }

// State is a namespace's clock as the admin API shows it.
type State struct {
	Namespace string `json:"namespace"`
	Now       string `json:"now"`
	Mode      Mode   `json:"mode"`
	Wall      string `json:"wall"`
	// Offset is now minus wall, as a Go duration.
	Offset        string  `json:"offset"`
	OffsetSeconds float64 `json:"offsetSeconds"`
}

// State returns ns's clock.
func (r *Registry) State(ns string) State {
	wall := r.Wall()
	r.mu.RLock()
	c, ok := r.m[ns]
	r.mu.RUnlock()
	now, mode := wall, Wall
	if ok {
		now, mode = c.now(wall), c.mode
	}
	off := now.Sub(wall)
	return State{Namespace: ns, Now: now.Format(time.RFC3339Nano), Mode: mode, Wall: wall.Format(time.RFC3339Nano),
		Offset: off.String(), OffsetSeconds: off.Seconds()}
}

// Set sets ns's clock to t: frozen there, or running on from it.
func (r *Registry) Set(ns string, t time.Time, run bool) error {
	mode := Frozen
	if run {
		mode = Running
	}
	return r.put(ns, setting{mode: mode, at: t, anchor: r.Wall()})
}

// Advance moves ns's clock on by d. mode is what the clock does after:
// "" keeps it as it was (a wall clock runs on, d ahead), else Frozen or Running.
func (r *Registry) Advance(ns string, d time.Duration, mode Mode) error {
	wall := r.Wall()
	r.mu.RLock()
	c, ok := r.m[ns]
	r.mu.RUnlock()
	if !ok {
		c = setting{mode: Running, at: wall, anchor: wall}
	}
	now := c.now(wall).Add(d)
	if mode == "" {
		mode = c.mode
	}
	if mode == Wall {
		mode = Running
	}
	return r.put(ns, setting{mode: mode, at: now, anchor: wall})
}

func (r *Registry) put(ns string, c setting) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.m[ns]; !ok && len(r.m) >= r.max {
		return ErrFull
	}
	r.m[ns] = c
	r.n.Store(int32(len(r.m)))
	return nil
}

// Len returns how many namespaces have a clock of their own.
func (r *Registry) Len() int { return int(r.n.Load()) }

// Drop puts ns's clock back to the wall clock; "" drops every namespace's.
func (r *Registry) Drop(ns string) {
	r.mu.Lock()
	if ns == "" {
		clear(r.m)
	} else {
		delete(r.m, ns)
	}
	r.n.Store(int32(len(r.m)))
	r.mu.Unlock()
}

// saved is a clock as ClockState writes it.
type saved struct {
	Mode   Mode      `json:"mode"`
	At     time.Time `json:"at"`
	Offset int64     `json:"offsetNs,omitempty"` // a running clock: at minus the wall clock when saved
}

// ClockState returns ns's clock for a snapshot: nil for the wall clock. A
// running clock is saved as its lead on the wall clock, so a restore runs
// on from where it would have been; a frozen one as its time.
func (r *Registry) ClockState(ns string) []byte {
	r.mu.RLock()
	c, ok := r.m[ns]
	r.mu.RUnlock()
	if !ok {
		return nil
	}
	sv := saved{Mode: c.mode, At: c.at}
	if c.mode == Running {
		sv.Offset = int64(c.at.Sub(c.anchor))
	}
	b, _ := json.Marshal(sv)
	return b
}

// RestoreClock sets ns's clock from what ClockState returned (nil or empty:
// the wall clock).
func (r *Registry) RestoreClock(ns string, data []byte) error {
	if len(data) == 0 {
		r.Drop(ns)
		return nil
	}
	var sv saved
	if err := json.Unmarshal(data, &sv); err != nil {
		return fmt.Errorf("clock: saved state: %w", err)
	}
	wall := r.Wall()
	switch sv.Mode {
	case Frozen:
		return r.put(ns, setting{mode: Frozen, at: sv.At, anchor: wall})
	case Running:
		return r.put(ns, setting{mode: Running, at: wall.Add(time.Duration(sv.Offset)), anchor: wall})
	}
	return fmt.Errorf("clock: saved state: mode %q", sv.Mode)
}

var daysRE = regexp.MustCompile(`^([0-9]+)d(.*)$`)

// ParseDuration parses a Go duration ("36h", "90m", "1h30m"), which may
// start with whole days ("2d", "2d12h"): a day is 24 hours.
func ParseDuration(s string) (time.Duration, error) {
	if m := daysRE.FindStringSubmatch(s); m != nil {
		days, err := strconv.ParseInt(m[1], 10, 64)
		if err != nil || days > 100000 { // time.Duration holds about 292 years
			return 0, fmt.Errorf("duration %q: too many days", s)
		}
		d := time.Duration(days) * 24 * time.Hour
		if m[2] == "" {
			return d, nil
		}
		rest, err := time.ParseDuration(m[2])
		if err != nil || rest < 0 {
			return 0, fmt.Errorf("duration %q: after the days, want a Go duration such as 12h or 30m", s)
		}
		return d + rest, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("duration %q: want a Go duration such as 36h, 90m or 1h30m, or days such as 2d or 2d12h", s)
	}
	return d, nil
}
