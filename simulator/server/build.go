package server

import (
	"context"
	"fmt"
	"hash/fnv"
	"io/fs"
	"iter"
	"log/slog"
	"os"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"github.com/capsim/capsim/fixtures"
	"github.com/capsim/capsim/openapi"
	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/admin"
	"github.com/capsim/capsim/simulator/auth"
	"github.com/capsim/capsim/simulator/contract"
	"github.com/capsim/capsim/simulator/fixture"
	"github.com/capsim/capsim/simulator/store"
	v11 "github.com/capsim/capsim/simulator/v11"
)

// GCPercent is the collector's rhythm for a simulator that serves
// (runtime/debug.SetGCPercent; cmd/capsim sets it unless GOGC is set, and
// so do in-process simulators in tests, see simtest): its garbage is per
// request, so collecting four times less often than Go's default buys
// throughput while its memory stays bounded (cmd/capsim's memory governor).
const GCPercent = 400

// CollectAsServing sets the collector to GCPercent unless GOGC is set,
// which then decides.
func CollectAsServing() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(GCPercent)
	}
}

// Options configure Build. The zero value serves the embedded fixtures and
// documents from memory with Capillary-like defaults.
type Options struct {
	DBPath   string // ":memory:" (default) or a buntdb file
	Fixtures fs.FS  // nil: the embedded fixtures
	Specs    fs.FS  // nil: the embedded OpenAPI documents
	// Contract, when set, is a contract loaded before (from Specs) to use
	// again: tests build many simulators from the same documents. A
	// contract holds nothing of one simulator's state.
	Contract          *contract.Contract
	Seed              int64 // seed of the generated customers
	Customers         int   // how many to generate besides the fixtures
	AuthMode          auth.Mode
	TokenTTL          time.Duration
	ValidateResponses bool
	MaxBodyBytes      int64
	BatchLimit        int // v1.1 items per request (1060 beyond)
	Now               simulator.Clock
	Sleep             func(ctx context.Context, d time.Duration) bool // Config.Sleep
	Log               *slog.Logger
	Version           string

	// ScenarioDirs hold a team's scenario files, loaded after the built-in
	// ones (a file may replace a built-in of the same name).
	ScenarioDirs []string
	// ActiveScenarios are active for every request from the start.
	ActiveScenarios []string
	// SkipBadScenarios starts anyway when a scenario file is refused,
	// logging its problems; otherwise Build fails with them.
	SkipBadScenarios bool
	// JournalSize is how many requests the journal keeps: 0 means
	// DefaultJournalSize, a negative number none.
	JournalSize int
	// JournalEntryBytes and JournalBytes bound the journal's bytes per
	// entry (request and response bodies together) and in all; 0 means
	// admin.DefaultEntryBytes and admin.DefaultTotalBytes.
	JournalEntryBytes int
	JournalBytes      int64
	// LogRequests logs one line per request after start-up.
	LogRequests bool
	// LogDropped, when set, counts log lines the log's writer dropped
	// (logbuf.Writer.Dropped), for the metrics.
	LogDropped func() uint64
	// AdminToken, when set, locks /__admin (all but health).
	AdminToken string

	// MaxNamespaces, NamespaceTTL and MaxSnapshots bound the namespaces
	// and snapshots (the store's defaults if zero; a negative TTL: never).
	MaxNamespaces int
	NamespaceTTL  time.Duration
	MaxSnapshots  int
	// MaxNamespacesPerClient is each credential's share of MaxNamespaces
	// (a quarter of it if zero).
	MaxNamespacesPerClient int
	// NamespaceOwner is Config.NamespaceOwner.
	NamespaceOwner string
	// DBRecover moves a damaged DBPath file aside and starts afresh.
	DBRecover bool
	// V11JSONLists is how v1.1 JSON answers write lists ("": as
	// V11JSONTypes implies, see v11.ResolveJSONLists).
	V11JSONLists v11.JSONLists
	// Hosts decides which Host and Origin headers are answered.
	Hosts HostPolicy
	// V11JSONTypes is how v1.1 JSON answers type status.code, user_id and
	// the counters (observed if empty); the mixed mode alternates by Seed.
	V11JSONTypes v11.JSONTypes
}

// generatedFirstID is the id of the first generated customer.
const generatedFirstID = 1000000

// App is a built simulator: the handler and what it owns.
type App struct {
	*Server
	Store    *store.Store
	Contract *contract.Contract
	Auth     *auth.Authenticator
	// Phases are how long Build's phases took, in order (the contract
	// loads beside the fixtures and the base: its figure is its own).
	Phases []Phase
}

// Phase is one phase of Build and how long it took.
type Phase struct {
	Name string
	Took time.Duration
}

// Close closes the store.
func (a *App) Close() error { return a.Store.Close() }

// embedded is the contract of the embedded documents: the first Build that
// serves them loads it, and later ones in the process (tests, mostly) use it
// again, as a contract holds nothing of one simulator's state.
var embedded struct {
	once sync.Once
	c    atomic.Pointer[contract.Contract] // set once loaded: isEmbedded may read it meanwhile
	err  error
}

// isEmbedded reports whether c is the contract of the embedded documents.
func isEmbedded(c *contract.Contract) bool { return c != nil && embedded.c.Load() == c }

// loadContract loads the contract of specs, or of the embedded documents
// (once per process) if specs is nil.
func loadContract(specs fs.FS) (*contract.Contract, error) {
	if specs != nil {
		return contract.Load(specs)
	}
	embedded.once.Do(func() {
		c, err := contract.Load(openapi.FS)
		embedded.c.Store(c)
		embedded.err = err
	})
	return embedded.c.Load(), embedded.err
}

// Build loads the documents and fixtures, generates the seeded customers,
// opens the store and returns the handler.
func Build(o Options) (*App, error) {
	if o.Fixtures == nil {
		o.Fixtures = fixtures.FS
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.AuthMode == "" {
		o.AuthMode = auth.ModeAny
	}
	// The contract parses while the fixtures load: together they are most of start-up.
	type loaded struct {
		c   *contract.Contract
		err error
	}
	var phases []Phase
	last := time.Now()
	phase := func(name string) {
		now := time.Now()
		phases, last = append(phases, Phase{name, now.Sub(last)}), now
	}
	contractc := make(chan loaded, 1)
	var contractTook time.Duration
	if o.Contract != nil {
		contractc <- loaded{o.Contract, nil}
	} else {
		go func() {
			start := time.Now()
			c, err := loadContract(o.Specs)
			contractTook = time.Since(start)
			contractc <- loaded{c, err}
		}()
	}
	// The default base data is packed already: its customers need not
	// be decoded (their fixtures passed Load when it was packed).
	id := baseID(o)
	packed := store.PackedID(fixtures.Packed) == id
	load := fixture.Load
	if packed {
		load = fixture.LoadOrg
	}
	ds, err := load(o.Fixtures)
	if err != nil {
		return nil, fmt.Errorf("fixtures: %w", err)
	}
	for _, note := range ds.Notes {
		if o.Log != nil {
			o.Log.Warn("fixtures: " + note)
		}
	}
	phase("fixtures")
	var form string
	if packed {
		form = fixtures.Packed
	}
	st, err := openStore(o, ds, id, form)
	if err != nil {
		return nil, err
	}
	phase("base")
	lc := <-contractc
	if lc.err != nil {
		st.Close()
		return nil, lc.err
	}
	phase("contract_wait")
	phases = append(phases, Phase{"contract", contractTook})
	c := lc.c
	engine, err := loadScenarios(o, c)
	if err != nil {
		st.Close()
		return nil, err
	}
	phase("scenarios")
	a := auth.New(o.AuthMode, &ds.Org, o.Now, o.TokenTTL)
	srv, err := New(Config{Store: st, Contract: c, Auth: a, Now: o.Now, Sleep: o.Sleep, Log: o.Log, Version: o.Version,
		ValidateResponses: o.ValidateResponses, MaxBodyBytes: o.MaxBodyBytes, BatchLimit: o.BatchLimit,
		Scenarios: engine, AdminToken: o.AdminToken, NamespaceOwner: o.NamespaceOwner, LogRequests: o.LogRequests, LogDropped: o.LogDropped, Hosts: o.Hosts,
		V11JSON: v11.JSONOptions{Lists: o.V11JSONLists, Types: o.V11JSONTypes, Seed: o.Seed},
		Journal: admin.NewJournalLimits(admin.Limits{Entries: journalSize(o.JournalSize), EntryBytes: o.JournalEntryBytes, TotalBytes: o.JournalBytes})})
	if err != nil {
		st.Close()
		return nil, err
	}
	phase("routes")
	return &App{Server: srv, Store: st, Contract: c, Auth: a, Phases: phases}, nil
}

// openStore opens the store of o's base data, named id (baseID): ds and
// the customers o generates, or packed, their packed form
// (store.PackedBase), if set.
func openStore(o Options, ds *fixture.Dataset, id, packed string) (*store.Store, error) {
	var generated iter.Seq[simulator.Customer]
	var complete func(*simulator.Customer)
	terms := v11.SearchTerms(&ds.Org)
	if o.Customers > 0 {
		// Generated ids start at a round number above the documented ones.
		// Their histories are made when a customer is first read: most of
		// a generated customer is its history. Search indexes need only
		// their transactions. The store packs them as they are made.
		var lazy *fixture.Lazy
		generated, lazy = fixture.GenerateSeq(o.Seed, o.Customers, &ds.Org, generatedFirstID, ds.Taken())
		last := generatedFirstID + int64(o.Customers)
		isGenerated := func(c *simulator.Customer) bool {
			return c.ID >= generatedFirstID && c.ID < last && c.History == nil
		}
		complete = func(c *simulator.Customer) {
			if isGenerated(c) {
				c.History = lazy.History(c)
			}
		}
		searchTerms := terms
		terms = func(c *simulator.Customer) []store.Term {
			if !isGenerated(c) {
				return searchTerms(c)
			}
			cc := *c
			cc.History = &simulator.History{Transactions: lazy.IndexTransactions(c)}
			return searchTerms(&cc)
		}
	}
	so := store.Options{Path: o.DBPath, Org: &ds.Org, Customers: ds.Customers, Generated: generated,
		BaseID: id, Packed: packed, Terms: terms, Complete: complete, MaxNamespaces: o.MaxNamespaces, MaxPerOwner: o.MaxNamespacesPerClient, NamespaceTTL: o.NamespaceTTL,
		MaxSnapshots: o.MaxSnapshots, Recover: o.DBRecover}
	return store.Open(so)
}

// PackBase returns the packed form of o's base data (see store.PackedBase):
// go generate ./fixtures writes fixtures.Packed with it.
func PackBase(o Options) ([]byte, error) {
	if o.Fixtures == nil {
		o.Fixtures = fixtures.FS
	}
	o.DBPath = ""
	ds, err := fixture.Load(o.Fixtures)
	if err != nil {
		return nil, fmt.Errorf("fixtures: %w", err)
	}
	st, err := openStore(o, ds, baseID(o), "")
	if err != nil {
		return nil, err
	}
	defer st.Close()
	return st.PackedBase(), nil
}

// baseID names the base data a store file is written over: the seed, the
// number of generated customers and a hash of the fixture files.
func baseID(o Options) string {
	h := fnv.New64a()
	_ = fs.WalkDir(o.Fixtures, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		b, err := fs.ReadFile(o.Fixtures, p)
		if err == nil {
			fmt.Fprintf(h, "%s\x00%d\x00", p, len(b))
			h.Write(b)
		}
		return nil
	})
	return fmt.Sprintf("seed %d, %d generated customers, fixtures %016x", o.Seed, max(o.Customers, 0), h.Sum64())
}
