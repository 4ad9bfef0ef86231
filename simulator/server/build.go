package server

import (
	"fmt"
	"io/fs"
	"log/slog"
	"time"

	"github.com/capsim/capsim/fixtures"
	"github.com/capsim/capsim/openapi"
	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/admin"
	"github.com/capsim/capsim/simulator/auth"
	"github.com/capsim/capsim/simulator/contract"
	"github.com/capsim/capsim/simulator/fixture"
	"github.com/capsim/capsim/simulator/store"
)

// Options configure Build. The zero value serves the embedded fixtures and
// documents from memory with Capillary-like defaults.
type Options struct {
	DBPath            string // ":memory:" (default) or a buntdb file
	Fixtures          fs.FS  // nil: the embedded fixtures
	Specs             fs.FS  // nil: the embedded OpenAPI documents
	Seed              int64  // seed of the generated customers
	Customers         int    // how many to generate besides the fixtures
	AuthMode          auth.Mode
	TokenTTL          time.Duration
	ValidateResponses bool
	MaxBodyBytes      int64
	Now               simulator.Clock
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
	// AdminToken, when set, locks /__admin (all but health).
	AdminToken string
}

// App is a built simulator: the handler and what it owns.
type App struct {
	*Server
	Store    *store.Store
	Contract *contract.Contract
	Auth     *auth.Authenticator
}

// Close closes the store.
func (a *App) Close() error { return a.Store.Close() }

// Build loads the documents and fixtures, generates the seeded customers,
// opens the store and returns the handler.
func Build(o Options) (*App, error) {
	if o.Fixtures == nil {
		o.Fixtures = fixtures.FS
	}
	if o.Specs == nil {
		o.Specs = openapi.FS
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.AuthMode == "" {
		o.AuthMode = auth.ModeAny
	}
	c, err := contract.Load(o.Specs)
	if err != nil {
		return nil, err
	}
	engine, err := loadScenarios(o, c)
	if err != nil {
		return nil, err
	}
	ds, err := fixture.Load(o.Fixtures)
	if err != nil {
		return nil, fmt.Errorf("fixtures: %w", err)
	}
	customers := ds.Customers
	if o.Customers > 0 {
		taken := map[string]bool{}
		var firstID int64 = 1000000
		for _, cu := range customers {
			for _, p := range cu.Profiles {
				acct := p.AccountID
				if !p.Source.MultiAccount() {
					acct = ""
				}
				for _, id := range p.Identifiers {
					taken[string(p.Source)+"\x1f"+acct+"\x1f"+id.Type+"\x1f"+simulator.NormalizeIdentifierValue(id.Type, id.Value)] = true
				}
			}
		}
		isTaken := func(src simulator.Source, acct, typ, value string) bool {
			if !src.MultiAccount() {
				acct = ""
			}
			return taken[string(src)+"\x1f"+acct+"\x1f"+typ+"\x1f"+simulator.NormalizeIdentifierValue(typ, value)]
		}
		gen := fixture.Generate(o.Seed, o.Customers, &ds.Org, firstID, isTaken)
		customers = append(append([]simulator.Customer(nil), customers...), gen...)
	}
	st, err := store.Open(store.Options{Path: o.DBPath, Org: &ds.Org, Customers: customers})
	if err != nil {
		return nil, err
	}
	a := auth.New(o.AuthMode, &ds.Org, o.Now, o.TokenTTL)
	srv, err := New(Config{Store: st, Contract: c, Auth: a, Now: o.Now, Log: o.Log, Version: o.Version,
		ValidateResponses: o.ValidateResponses, MaxBodyBytes: o.MaxBodyBytes,
		Scenarios: engine, Journal: admin.NewJournal(journalSize(o.JournalSize)), AdminToken: o.AdminToken})
	if err != nil {
		st.Close()
		return nil, err
	}
	return &App{Server: srv, Store: st, Contract: c, Auth: a}, nil
}
