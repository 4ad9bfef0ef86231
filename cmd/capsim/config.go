package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/capsim/capsim/fixtures"
	"github.com/capsim/capsim/simulator/auth"
	"github.com/capsim/capsim/simulator/server"
	v11 "github.com/capsim/capsim/simulator/v11"
)

// config is the command line, each flag with a CAPSIM_* environment twin.
// Flags win over the environment.
type config struct {
	Addr              string
	AddrFile          string // the server writes its listen address here; healthcheck reads it
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

	// Connection timeouts: see conn.go.
	ReadHeaderTimeout time.Duration
	ReadTimeout       time.Duration // a request body that sends nothing for this long is cut off
	BodyTimeout       time.Duration // a request body not wholly received this long after its headers is cut off
	WriteTimeout      time.Duration // a response write that makes no progress for this long is cut off
	IdleTimeout       time.Duration

	scenarioDirs     string   // --scenarios as given
	activeScenarios  string   // --scenario as given
	ScenarioDirs     []string // --scenarios: a team's scenario files
	ActiveScenarios  []string // --scenario: active for every request from the start
	SkipBadScenarios bool
	JournalSize      int // requests the journal keeps; 0: none
	AdminToken       string
	AllowedHosts     []string // --allowed-hosts
	allowedHosts     string

	V11JSONLists v11.JSONLists // --v11-json-lists; "": as --v11-json-types implies
	v11JSONLists string
	V11JSONTypes v11.JSONTypes // --v11-json-types
	v11JSONTypes string

	JournalEntryBytes int   // --journal-entry-bytes
	JournalBytes      int64 // --journal-bytes
	LogRequests       bool  // --log-requests

	MaxNamespaces  int    // --max-namespaces
	PerClient      int    // --max-namespaces-per-client; 0: a quarter of MaxNamespaces
	NamespaceOwner string // --namespace-owner: "" (none) or credential
	namespaceOwner string
	NamespaceTTL   time.Duration // --namespace-ttl; 0: never
	MaxSnapshots   int           // --max-snapshots
	DBRecover      bool          // --db-recover

	addrGiven bool // --addr was on the command line (healthcheck prefers it to AddrFile)
	version   bool // --version
}

// usageError is a mistake on the command line: main prints it on one line
// with a hint to --help and exits 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// envName is the environment twin of a flag: --log-level is CAPSIM_LOG_LEVEL.
func envName(flagName string) string {
	return "CAPSIM_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// noEnv lists the flags without an environment twin.
var noEnv = map[string]bool{"version": true}

// newFlagSet declares every flag of the server (and of healthcheck, which
// reads the same ones) into c.
func newFlagSet(c *config) (fs *flag.FlagSet, authMode, level *string) {
	fs = flag.NewFlagSet("capsim", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are printed once, by main
	fs.Usage = func() {}
	authMode, level = new(string), new(string)
	fs.StringVar(&c.Addr, "addr", ":8080", "listen address")
	fs.StringVar(&c.AddrFile, "addr-file", "", "write the listen address to this file while serving; healthcheck reads it (the image sets /tmp/capsim.addr)")
	fs.StringVar(&c.DB, "db", ":memory:", "store: :memory: or a buntdb file that keeps state across restarts")
	fs.StringVar(&c.Fixtures, "fixtures", "", "directory with org.json, customers.json and history.json replacing the embedded fixtures")
	fs.Int64Var(&c.Seed, "seed", fixtures.DefaultSeed, "seed of the generated customers")
	fs.IntVar(&c.Customers, "customers", fixtures.DefaultCustomers, "customers to generate besides the fixtures (0 to 1000000)")
	fs.StringVar(authMode, "auth", "any", "authentication: any, strict or off")
	fs.StringVar(level, "log-level", "info", "debug, info, warn or error")
	fs.StringVar(&c.LogFormat, "log-format", "text", "text or json")
	fs.BoolVar(&c.ValidateResponses, "validate-responses", true, "check every response against the OpenAPI contract")
	fs.Int64Var(&c.MaxBody, "max-body", 1<<20, "largest request body in bytes (at least 1024)")
	fs.IntVar(&c.BatchLimit, "batch-limit", 100, "most items in one v1.1 batch; more get 1060")
	fs.DurationVar(&c.TokenTTL, "token-ttl", 300*time.Second, "lifetime of OAuth tokens for keys not in the fixtures")
	fs.DurationVar(&c.ShutdownTimeout, "shutdown-timeout", 10*time.Second, "how long SIGTERM waits for in-flight requests")
	fs.DurationVar(&c.ReadHeaderTimeout, "read-header-timeout", 10*time.Second, "longest wait for a request's headers")
	fs.DurationVar(&c.ReadTimeout, "read-timeout", 30*time.Second, "a request body that sends nothing for this long is cut off")
	fs.DurationVar(&c.BodyTimeout, "body-timeout", 60*time.Second, "a request body not wholly received this long after its headers is cut off")
	fs.DurationVar(&c.WriteTimeout, "write-timeout", 30*time.Second, "a response the client does not read for this long is cut off")
	fs.DurationVar(&c.IdleTimeout, "idle-timeout", 120*time.Second, "an idle keep-alive connection is closed after this long")
	declareScenarioFlags(fs, c)
	declareJournalFlags(fs, c)
	fs.StringVar(&c.AdminToken, "admin-token", "", "lock /__admin (all but health) behind this X-Capsim-Admin-Token")
	fs.StringVar(&c.allowedHosts, "allowed-hosts", "", "host names answered besides loopback names and IP addresses (NAME or .DOMAIN); a loopback --addr refuses others, all interfaces answer any unless set")
	fs.StringVar(&c.v11JSONLists, "v11-json-lists", "", "how v1.1 JSON answers write lists: documented, observed, always or single-object (default: documented with --v11-json-types documented, else observed)")
	fs.StringVar(&c.v11JSONTypes, "v11-json-types", "observed", "how v1.1 JSON answers type status.code, user_id and counters: observed, documented, strings, numbers or mixed (by --seed)")
	fs.IntVar(&c.MaxNamespaces, "max-namespaces", 256, "most namespaces at once (1 to 100000)")
	fs.IntVar(&c.PerClient, "max-namespaces-per-client", 0, "most namespaces one credential holds at once; 0: a quarter of --max-namespaces")
	fs.StringVar(&c.namespaceOwner, "namespace-owner", "none", "none (any credential may use any namespace) or credential (only the one that created it)")
	fs.DurationVar(&c.NamespaceTTL, "namespace-ttl", time.Hour, "drop a namespace unused this long; 0 never")
	fs.IntVar(&c.MaxSnapshots, "max-snapshots", 64, "most snapshots kept at once (1 to 10000)")
	fs.BoolVar(&c.DBRecover, "db-recover", false, "move a damaged --db file aside and start afresh")
	fs.BoolVar(&c.version, "version", false, "print the version and exit")
	return fs, authMode, level
}

// parseConfig reads flags from args with defaults from the environment.
// Every error is a *usageError; -h and --help give flag.ErrHelp.
func parseConfig(args []string, getenv func(string) string) (*config, error) {
	var c config
	fs, authMode, level := newFlagSet(&c)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, err
		}
		return nil, flagError(err, fs)
	}
	if fs.NArg() > 0 {
		a := fs.Arg(0)
		if a == "true" || a == "false" {
			return nil, usagef("unexpected argument %q: write a boolean flag bare (--skip-bad-scenarios) or as --flag=%s", a, a)
		}
		return nil, usagef("unexpected argument %q", a)
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	var envErr error
	fs.VisitAll(func(f *flag.Flag) {
		if set[f.Name] || noEnv[f.Name] || envErr != nil {
			return
		}
		if v := getenv(envName(f.Name)); v != "" {
			if err := fs.Set(f.Name, v); err != nil {
				envErr = usagef("%s=%q: %s", envName(f.Name), v, wantOf(f))
			}
		}
	})
	if envErr != nil {
		return nil, envErr
	}
	c.addrGiven = set["addr"]
	if err := c.validate(*authMode, *level); err != nil {
		return nil, fromEnv(err, set, getenv)
	}
	return &c, nil
}

// fromEnv rewrites a refusal of a value taken from the environment to name
// the variable that was set ("CAPSIM_CUSTOMERS=-1: ...") rather than the flag.
func fromEnv(err error, set map[string]bool, getenv func(string) string) error {
	var ue *usageError
	if !errors.As(err, &ue) {
		return err
	}
	name, rest, _ := strings.Cut(strings.TrimPrefix(ue.msg, "--"), " ")
	name, _, _ = strings.Cut(name, ":")
	if !strings.HasPrefix(ue.msg, "--") || set[name] || getenv(envName(name)) == "" {
		return err
	}
	v := getenv(envName(name))
	if strings.HasPrefix(rest, fmt.Sprintf("%q", v)) || strings.HasPrefix(rest, v+":") {
		_, rest, _ = strings.Cut(rest, ": ")
	} else if strings.HasPrefix(ue.msg, "--"+name+":") {
		rest = strings.TrimPrefix(ue.msg, "--"+name+": ")
	}
	return usagef("%s=%q: %s", envName(name), v, rest)
}

// wantOf says what kind of value flag f takes, for a refusal.
func wantOf(f *flag.Flag) string {
	switch f.Value.(flag.Getter).Get().(type) {
	case bool:
		return "want true or false"
	case int, int64, uint, uint64:
		example := f.DefValue
		if example == "" || example == "0" {
			example = "10"
		}
		return "want a whole number such as " + example
	case time.Duration:
		return "want a duration such as 30s, 5m or 1h"
	}
	return "not a valid value"
}

// invalidValue matches the flag package's "invalid value "abc" for flag
// -customers: parse error".
var invalidValue = regexp.MustCompile(`^invalid (?:boolean )?value "(.*)" for (?:flag )?-(-?[a-z0-9-]+): `)

// flagError rewrites the flag package's errors in the --double-dash form
// the help shows; a value that does not parse is told what is wanted.
func flagError(err error, fs ...*flag.FlagSet) error {
	msg := err.Error()
	if m := invalidValue.FindStringSubmatch(msg); m != nil && len(fs) > 0 {
		if f := fs[0].Lookup(strings.TrimPrefix(m[2], "-")); f != nil {
			return usagef("--%s %q: %s", f.Name, m[1], wantOf(f))
		}
	}
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		return usagef("unknown flag --%s", strings.TrimPrefix(name, "-"))
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: -"); ok {
		return usagef("flag --%s needs a value", strings.TrimPrefix(name, "-"))
	}
	msg = strings.Replace(msg, " for flag -", " for flag --", 1)
	return usagef("%s", strings.Replace(msg, " for -", " for --", 1))
}

// validate checks the values the flag types do not.
func (c *config) validate(authMode, level string) error {
	var err error
	switch {
	case c.Customers < 0 || c.Customers > 1_000_000:
		return usagef("--customers %d: want an integer from 0 to 1000000", c.Customers)
	case c.MaxBody < 1024:
		return usagef("--max-body %d: want an integer of at least 1024", c.MaxBody)
	case c.BatchLimit < 1:
		return usagef("--batch-limit %d: want a positive integer", c.BatchLimit)
	case c.TokenTTL <= 0:
		return usagef("--token-ttl %s: want a positive duration such as 300s", c.TokenTTL)
	case c.ShutdownTimeout < 0:
		return usagef("--shutdown-timeout %s: want a duration such as 10s", c.ShutdownTimeout)
	case c.LogFormat != "text" && c.LogFormat != "json":
		return usagef("--log-format %q: want text or json", c.LogFormat)
	case c.MaxNamespaces < 1 || c.MaxNamespaces > 100_000:
		return usagef("--max-namespaces %d: want an integer from 1 to 100000", c.MaxNamespaces)
	case c.PerClient < 0 || c.PerClient > c.MaxNamespaces:
		return usagef("--max-namespaces-per-client %d: want an integer from 0 (a quarter of --max-namespaces) to --max-namespaces (%d)", c.PerClient, c.MaxNamespaces)
	case c.namespaceOwner != "none" && c.namespaceOwner != server.NamespaceOwnerCredential:
		return usagef("--namespace-owner %q: want none or credential", c.namespaceOwner)
	case c.NamespaceTTL < 0:
		return usagef("--namespace-ttl %s: want a duration such as 1h, or 0 for never", c.NamespaceTTL)
	case c.MaxSnapshots < 1 || c.MaxSnapshots > 10_000:
		return usagef("--max-snapshots %d: want an integer from 1 to 10000", c.MaxSnapshots)
	}
	for _, t := range []struct {
		name string
		d    time.Duration
	}{{"read-header-timeout", c.ReadHeaderTimeout}, {"read-timeout", c.ReadTimeout}, {"body-timeout", c.BodyTimeout}, {"write-timeout", c.WriteTimeout}, {"idle-timeout", c.IdleTimeout}} {
		if t.d <= 0 {
			return usagef("--%s %s: want a positive duration such as 30s", t.name, t.d)
		}
	}
	if c.namespaceOwner == server.NamespaceOwnerCredential {
		c.NamespaceOwner = c.namespaceOwner
	}
	if c.AllowedHosts, err = server.ParseAllowedHosts(c.allowedHosts); err != nil {
		return usagef("--allowed-hosts: %v", err)
	}
	if c.v11JSONLists != "" {
		if c.V11JSONLists, err = v11.ParseJSONLists(c.v11JSONLists); err != nil {
			return usagef("--v11-json-lists: %v", err)
		}
	}
	if c.V11JSONTypes, err = v11.ParseJSONTypes(c.v11JSONTypes); err != nil {
		return usagef("--v11-json-types: %v", err)
	}
	if c.Auth, err = auth.ParseMode(authMode); err != nil {
		return usagef("--auth: %v", err)
	}
	if err := c.LogLevel.UnmarshalText([]byte(level)); err != nil {
		return usagef("--log-level %q: want debug, info, warn or error", level)
	}
	if c.Fixtures != "" {
		if st, err := os.Stat(c.Fixtures); err != nil {
			return usagef("--fixtures %q: no such directory", c.Fixtures)
		} else if !st.IsDir() {
			return usagef("--fixtures %q: is a file, not a directory", c.Fixtures)
		}
	}
	if err := c.validateScenarioFlags(); err != nil {
		return err
	}
	if err := c.validateJournalFlags(); err != nil {
		return err
	}
	c.Addr = strings.TrimSpace(c.Addr)
	return nil
}

// printFlags writes every flag as "--name TYPE  usage (CAPSIM_NAME, default X)".
func printFlags(w io.Writer) {
	var c config
	fs, _, _ := newFlagSet(&c)
	fs.VisitAll(func(f *flag.Flag) {
		typ, usage := flag.UnquoteUsage(f)
		if v, ok := argNames[f.Name]; ok {
			typ = v
		}
		name := "--" + f.Name
		if typ != "" && !isBool(f) {
			name += " " + strings.ToUpper(typ)
		}
		var extra []string
		if !noEnv[f.Name] {
			extra = append(extra, envName(f.Name))
		}
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" {
			extra = append(extra, "default "+f.DefValue)
		}
		if len(extra) > 0 {
			usage += " (" + strings.Join(extra, ", ") + ")"
		}
		fmt.Fprintf(w, "  %-31s %s\n", name, usage)
	})
}

// printFlagSet writes the flags of a subcommand as "--name TYPE  usage".
func printFlagSet(w io.Writer, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		typ, usage := flag.UnquoteUsage(f)
		name := "--" + f.Name
		if typ != "" && !isBool(f) {
			name += " " + strings.ToUpper(typ)
		}
		fmt.Fprintf(w, "  %-31s %s\n", name, usage)
	})
}

// argNames name the values of flags in the help where the type says little.
var argNames = map[string]string{
	"addr": "ADDR", "addr-file": "PATH", "db": "PATH", "fixtures": "DIR", "seed": "INT", "max-body": "BYTES",
	"auth": "MODE", "log-level": "LEVEL", "log-format": "FORMAT", "admin-token": "TOKEN",
	"scenarios": "DIR[,DIR]", "allowed-hosts": "HOST[,HOST]", "scenario": "NAME[,NAME]", "v11-json-lists": "MODE", "v11-json-types": "MODE",
}

func isBool(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}
