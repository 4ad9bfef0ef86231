package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"runtime"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/capsim/capsim/simulator/logbuf"
	"github.com/capsim/capsim/simulator/server"
)

// errForced is what serve returns when a second signal stopped it without
// draining.
var errForced = errors.New("stopped by a second signal without draining in-flight requests")

// serve builds the simulator and serves until the first signal from sigs,
// then drains in-flight requests (up to --shutdown-timeout; a second signal
// cuts the drain short) and closes the store.
func serve(cfg *config, stdout io.Writer, sigs <-chan os.Signal) error {
	start := time.Now()
	// The log goes through a buffer written out off the request path
	// (logbuf): a slow terminal or pipe never holds a request. It is
	// flushed every 100 ms and when serve returns.
	logw := logbuf.New(stdout, 0, 0)
	defer logw.Close()
	var h slog.Handler = logbuf.NewTextHandler(logw, &slog.HandlerOptions{Level: cfg.LogLevel}) // slog's text, written faster
	if cfg.LogFormat == "json" {
		h = slog.NewJSONHandler(logw, &slog.HandlerOptions{Level: cfg.LogLevel})
	}
	log := slog.New(h)
	var fixtures fs.FS
	if cfg.Fixtures != "" {
		fixtures = os.DirFS(cfg.Fixtures)
	}
	opts := server.Options{
		DBPath: cfg.DB, Fixtures: fixtures, Seed: cfg.Seed, Customers: cfg.Customers,
		AuthMode: cfg.Auth, TokenTTL: cfg.TokenTTL, ValidateResponses: cfg.ValidateResponses,
		MaxBodyBytes: cfg.MaxBody, BatchLimit: cfg.BatchLimit, V11JSONLists: cfg.V11JSONLists, V11JSONTypes: cfg.V11JSONTypes, Log: log, Version: version,
		LogDropped:    logw.Dropped,
		Hosts:         server.HostPolicy{LoopbackOnly: server.LoopbackAddr(cfg.Addr), Allowed: cfg.AllowedHosts},
		MaxNamespaces: cfg.MaxNamespaces, MaxNamespacesPerClient: cfg.PerClient, NamespaceOwner: cfg.NamespaceOwner, NamespaceTTL: cfg.NamespaceTTL, MaxSnapshots: cfg.MaxSnapshots, DBRecover: cfg.DBRecover,
	}
	if cfg.NamespaceTTL == 0 {
		opts.NamespaceTTL = -1 // 0 on the command line: never
	}
	for _, d := range cfg.ScenarioDirs {
		if _, err := os.Stat(d); errors.Is(err, fs.ErrNotExist) {
			// The getting-started line names a directory the user has yet to fill.
			if err := os.MkdirAll(d, 0o755); err != nil {
				return fmt.Errorf("--scenarios %q does not exist and cannot be created: %w", d, err)
			}
			log.Info("created the scenario directory: put scenario files there", "dir", d)
		}
	}
	cfg.scenarioOptions(&opts)
	cfg.journalOptions(&opts)
	restoreGC := startupGC(cfg.Customers)
	app, err := server.Build(opts)
	restoreGC()
	if err != nil {
		return err
	}
	defer app.Close()
	tuneGC()
	tuneProcs()

	ln, err := net.Listen("tcp", cfg.Addr)
	if errors.Is(err, syscall.EADDRINUSE) {
		return fmt.Errorf("listen %s: the address is already in use (another capsim?): pick another port with --addr :9090 or CAPSIM_ADDR=:9090", cfg.Addr)
	} else if err != nil {
		return fmt.Errorf("listen %s: %w", cfg.Addr, err)
	}
	srv := newHTTPServer(app, cfg)
	if cfg.AddrFile != "" {
		if err := os.WriteFile(cfg.AddrFile, []byte(ln.Addr().String()+"\n"), 0o644); err != nil {
			log.Warn("cannot write --addr-file: healthcheck will use --addr", "err", err)
		} else {
			defer os.Remove(cfg.AddrFile)
		}
	}
	if log.Enabled(context.Background(), slog.LevelDebug) {
		var attrs []any
		for _, p := range app.Phases {
			attrs = append(attrs, p.Name, p.Took.Round(time.Microsecond).String())
		}
		log.Debug("startup phases", attrs...)
	}
	log.Info("capsim ready", "addr", ln.Addr().String(), "version", version, "auth", string(cfg.Auth),
		"db", cfg.DB, "customers", cfg.Customers, "seed", cfg.Seed,
		"validate_responses", cfg.ValidateResponses, "startup", time.Since(start).Round(time.Microsecond).String())

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	// Start-up's garbage goes back to the system beside the first
	// requests: the full collection that frees it was a fifth of a default
	// start (a large base frees its own as it is built). The memory
	// governor starts from the live heap that collection leaves.
	stopGoverning := governMemory(debug.FreeOSMemory)
	defer stopGoverning()
	var sig os.Signal
	select {
	case err := <-errc:
		return err
	case sig = <-sigs:
	}
	log.Info("shutting down: draining in-flight requests (a second signal stops at once)",
		"signal", sig.String(), "timeout", cfg.ShutdownTimeout.String())
	sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	forced := make(chan struct{})
	go func() {
		select {
		case <-sigs:
			close(forced)
			cancel()
		case <-sctx.Done():
		}
	}()
	if err := srv.Shutdown(sctx); err != nil {
		// The drain was cut short: close what is left, then the store.
		_ = srv.Close()
		select {
		case <-forced:
			log.Warn("second signal: stopping without draining")
			if cerr := app.Close(); cerr != nil {
				return fmt.Errorf("close store: %w", cerr)
			}
			return errForced
		default:
			log.Warn("drain timed out: in-flight requests were cut off", "timeout", cfg.ShutdownTimeout.String())
		}
	}
	if err := app.Close(); err != nil {
		return fmt.Errorf("close store: %w", err)
	}
	log.Info("stopped")
	return nil
}

// startupHeap is the heap start-up lets grow before it collects, and
// startupHeapPerCustomer what each generated customer adds to it.
const (
	startupHeap            = 160 << 20
	startupHeapPerCustomer = 128
)

// startupGC turns the collector off while the base is built (GOGC unset),
// with a memory limit of startupHeap plus startupHeapPerCustomer for each
// generated customer (or a lower GOMEMLIMIT), so that it collects only
// when the heap reaches that. Start-up's garbage is short-lived (a chunk
// of customers being packed: the packed base lives outside the heap) and
// its live heap small, so collecting at the default GOGC ran hundreds of
// collections at 100k customers, a fifth of their start's CPU; a small
// base makes a few tens of MiB of garbage and never collects; serve
// frees what is left once it listens. It returns the function that
// restores the settings.
func startupGC(customers int) (restore func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	limit := debug.SetMemoryLimit(-1)
	gc := debug.SetGCPercent(-1)
	debug.SetMemoryLimit(min(limit, startupHeap+startupHeapPerCustomer*int64(max(customers, 0))))
	return func() {
		debug.SetMemoryLimit(limit)
		debug.SetGCPercent(gc)
	}
}

// tuneGC sets the collector for serving (serve frees the start-up garbage
// once it listens; see startupGC). The simulator's garbage is per request:
// collecting four times less often buys throughput; governMemory bounds
// the heap that lets grow. GOGC, if set, still decides.
func tuneGC() { server.CollectAsServing() }

// tuneProcs runs twice as many Ps as the runtime would (GOMAXPROCS, if
// set, decides). A request's path blocks briefly where a plain server's
// does not (the store's write lock, the journal, the log's buffer), and
// capsim mostly shares its cores with its client (a test suite, a load
// generator): with one P per core a P sat idle while its goroutines
// waited, and the client's thread got its cores. On 2 cores, with the
// load generator beside it (docs/testing-and-performance.md), a cached GET
// serves about a sixth more per second at the same CPU per request;
// bare net/http gains nothing from the same setting.
func tuneProcs() {
	if os.Getenv("GOMAXPROCS") == "" {
		runtime.GOMAXPROCS(procsFor(runtime.GOMAXPROCS(0)))
	}
}

// procsFor is the number of Ps tuneProcs runs for the runtime's default n.
func procsFor(n int) int { return 2 * max(n, 1) }
