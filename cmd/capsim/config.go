package main

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/capsim/capsim/simulator/auth"
)

// config is the command line, each flag with a CAPSIM_* environment twin.
// Flags win over the environment.
type config struct {
	Addr              string
	DB                string
	Fixtures          string
	Seed              int64
	Customers         int
	Auth              auth.Mode
	LogLevel          slog.Level
	LogFormat         string
	ValidateResponses bool
	MaxBody           int64
	BatchLimit        int
	TokenTTL          time.Duration
	ShutdownTimeout   time.Duration

	ScenarioDirs     []string // --scenarios: a team's scenario files
	ActiveScenarios  []string // --scenario: active for every request from the start
	SkipBadScenarios bool
	JournalSize      int // requests the journal keeps; 0: none
	AdminToken       string

	JournalEntryBytes int           // --journal-entry-bytes
	JournalBytes      int64         // --journal-bytes
	LogRequests       bool          // --log-requests
	MaxNamespaces     int           // --max-namespaces
	NamespaceTTL      time.Duration // --namespace-ttl; 0: never
	MaxSnapshots      int           // --max-snapshots
	DBRecover         bool          // --db-recover
}

// parseConfig reads flags from args with defaults from the environment.
func parseConfig(args []string, getenv func(string) string, stderr io.Writer) (*config, error) {
	fs := flag.NewFlagSet("capsim", flag.ContinueOnError)
	fs.SetOutput(stderr)
	env := func(name, def string) string {
		if v := getenv("CAPSIM_" + name); v != "" {
			return v
		}
		return def
	}
	var (
		c        config
		authMode string
		level    string
		seed     string
		custs    string
		validate string
		maxBody  string
		batch    string
		ttl      string
		grace    string
		scenDirs string
		active   string
		skipBad  string
		journal  string
	)
	fs.StringVar(&c.Addr, "addr", env("ADDR", ":8080"), "listen address (CAPSIM_ADDR)")
	fs.StringVar(&c.DB, "db", env("DB", ":memory:"), "store: :memory: or a buntdb file that keeps state across restarts (CAPSIM_DB)")
	fs.StringVar(&c.Fixtures, "fixtures", env("FIXTURES", ""), "directory replacing the embedded fixtures (CAPSIM_FIXTURES)")
	fs.StringVar(&seed, "seed", env("SEED", "1"), "seed of the generated customers (CAPSIM_SEED)")
	fs.StringVar(&custs, "customers", env("CUSTOMERS", "300"), "customers to generate besides the fixtures (CAPSIM_CUSTOMERS)")
	fs.StringVar(&authMode, "auth", env("AUTH", "any"), "authentication: any, strict or off (CAPSIM_AUTH)")
	fs.StringVar(&level, "log-level", env("LOG_LEVEL", "info"), "debug, info, warn or error (CAPSIM_LOG_LEVEL)")
	fs.StringVar(&c.LogFormat, "log-format", env("LOG_FORMAT", "text"), "text or json (CAPSIM_LOG_FORMAT)")
	fs.StringVar(&validate, "validate-responses", env("VALIDATE_RESPONSES", "true"), "check every response against the OpenAPI contract (CAPSIM_VALIDATE_RESPONSES)")
	fs.StringVar(&maxBody, "max-body", env("MAX_BODY", "1048576"), "largest request body in bytes (CAPSIM_MAX_BODY)")
	fs.StringVar(&batch, "batch-limit", env("BATCH_LIMIT", "100"), "most items in one v1.1 batch; more get 1060 (CAPSIM_BATCH_LIMIT)")
	fs.StringVar(&ttl, "token-ttl", env("TOKEN_TTL", "300s"), "lifetime of OAuth tokens for keys not in the fixtures (CAPSIM_TOKEN_TTL)")
	fs.StringVar(&grace, "shutdown-timeout", env("SHUTDOWN_TIMEOUT", "10s"), "how long SIGTERM waits for in-flight requests (CAPSIM_SHUTDOWN_TIMEOUT)")
	fs.StringVar(&scenDirs, "scenarios", env("SCENARIOS", ""), "directory (or comma-separated directories) of a team's scenario files (CAPSIM_SCENARIOS)")
	fs.StringVar(&active, "scenario", env("SCENARIO", ""), "scenarios active for every request from the start: NAME[,NAME] (CAPSIM_SCENARIO)")
	fs.StringVar(&skipBad, "skip-bad-scenarios", env("SKIP_BAD_SCENARIOS", "false"), "start even if a scenario file is refused, logging its problems (CAPSIM_SKIP_BAD_SCENARIOS)")
	fs.StringVar(&journal, "journal-size", env("JOURNAL_SIZE", "1000"), "requests the journal keeps, a ring buffer; 0 keeps none (CAPSIM_JOURNAL_SIZE)")
	fs.StringVar(&c.AdminToken, "admin-token", env("ADMIN_TOKEN", ""), "lock /__admin (all but health) behind this X-Capsim-Admin-Token (CAPSIM_ADMIN_TOKEN)")
	jf := addJournalFlags(fs, env)
	maxNS := fs.String("max-namespaces", env("MAX_NAMESPACES", "256"), "most namespaces at once (CAPSIM_MAX_NAMESPACES)")
	nsTTL := fs.String("namespace-ttl", env("NAMESPACE_TTL", "1h"), "drop a namespace unused this long; 0 never (CAPSIM_NAMESPACE_TTL)")
	maxSnaps := fs.String("max-snapshots", env("MAX_SNAPSHOTS", "64"), "most snapshots kept at once (CAPSIM_MAX_SNAPSHOTS)")
	recov := fs.String("db-recover", env("DB_RECOVER", "false"), "move a damaged --db file aside and start afresh (CAPSIM_DB_RECOVER)")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	var err error
	if c.Seed, err = strconv.ParseInt(seed, 10, 64); err != nil {
		return nil, fmt.Errorf("--seed %q: not an integer", seed)
	}
	if c.Customers, err = strconv.Atoi(custs); err != nil || c.Customers < 0 || c.Customers > 1_000_000 {
		return nil, fmt.Errorf("--customers %q: want an integer from 0 to 1000000", custs)
	}
	if c.Auth, err = auth.ParseMode(authMode); err != nil {
		return nil, err
	}
	if err := c.LogLevel.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("--log-level %q: want debug, info, warn or error", level)
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return nil, fmt.Errorf("--log-format %q: want text or json", c.LogFormat)
	}
	if c.ValidateResponses, err = strconv.ParseBool(validate); err != nil {
		return nil, fmt.Errorf("--validate-responses %q: want true or false", validate)
	}
	if c.MaxBody, err = strconv.ParseInt(maxBody, 10, 64); err != nil || c.MaxBody < 1024 {
		return nil, fmt.Errorf("--max-body %q: want an integer of at least 1024", maxBody)
	}
	if c.BatchLimit, err = strconv.Atoi(batch); err != nil || c.BatchLimit < 1 {
		return nil, fmt.Errorf("--batch-limit %q: want a positive integer", batch)
	}
	if c.TokenTTL, err = time.ParseDuration(ttl); err != nil || c.TokenTTL <= 0 {
		return nil, fmt.Errorf("--token-ttl %q: want a positive duration such as 300s", ttl)
	}
	if c.ShutdownTimeout, err = time.ParseDuration(grace); err != nil || c.ShutdownTimeout < 0 {
		return nil, fmt.Errorf("--shutdown-timeout %q: want a duration such as 10s", grace)
	}
	if c.Fixtures != "" {
		if st, err := os.Stat(c.Fixtures); err != nil || !st.IsDir() {
			return nil, fmt.Errorf("--fixtures %q: not a directory", c.Fixtures)
		}
	}
	if err := c.parseScenarioFlags(scenDirs, active, skipBad, journal); err != nil {
		return nil, err
	}
	if err := jf.apply(&c); err != nil {
		return nil, err
	}
	if err := c.parseStoreFlags(*maxNS, *nsTTL, *maxSnaps, *recov); err != nil {
		return nil, err
	}
	c.Addr = strings.TrimSpace(c.Addr)
	return &c, nil
}

// parseStoreFlags reads the namespace and snapshot limits.
func (c *config) parseStoreFlags(maxNS, ttl, maxSnaps, recov string) error {
	var err error
	if c.MaxNamespaces, err = strconv.Atoi(maxNS); err != nil || c.MaxNamespaces < 1 || c.MaxNamespaces > 100_000 {
		return fmt.Errorf("--max-namespaces %q: want an integer from 1 to 100000", maxNS)
	}
	if c.NamespaceTTL, err = time.ParseDuration(ttl); err != nil || c.NamespaceTTL < 0 {
		return fmt.Errorf("--namespace-ttl %q: want a duration such as 1h, or 0 for never", ttl)
	}
	if c.MaxSnapshots, err = strconv.Atoi(maxSnaps); err != nil || c.MaxSnapshots < 1 || c.MaxSnapshots > 10_000 {
		return fmt.Errorf("--max-snapshots %q: want an integer from 1 to 10000", maxSnaps)
	}
	if c.DBRecover, err = strconv.ParseBool(recov); err != nil {
		return fmt.Errorf("--db-recover %q: want true or false", recov)
	}
	return nil
}
