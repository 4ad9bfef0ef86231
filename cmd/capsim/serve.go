package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"time"

	"github.com/capsim/capsim/simulator/server"
)

// serve builds the simulator and serves until ctx ends, then drains in-flight
// requests and closes the store.
func serve(ctx context.Context, cfg *config, stdout io.Writer) error {
	start := time.Now()
	var h slog.Handler = slog.NewTextHandler(stdout, &slog.HandlerOptions{Level: cfg.LogLevel})
	if cfg.LogFormat == "json" {
		h = slog.NewJSONHandler(stdout, &slog.HandlerOptions{Level: cfg.LogLevel})
	}
	log := slog.New(h)
	var fixtures fs.FS
	if cfg.Fixtures != "" {
		fixtures = os.DirFS(cfg.Fixtures)
	}
	opts := server.Options{
		DBPath: cfg.DB, Fixtures: fixtures, Seed: cfg.Seed, Customers: cfg.Customers,
		AuthMode: cfg.Auth, TokenTTL: cfg.TokenTTL, ValidateResponses: cfg.ValidateResponses,
		MaxBodyBytes: cfg.MaxBody, BatchLimit: cfg.BatchLimit, Log: log, Version: version,
		MaxNamespaces: cfg.MaxNamespaces, NamespaceTTL: cfg.NamespaceTTL, MaxSnapshots: cfg.MaxSnapshots, DBRecover: cfg.DBRecover,
	}
	if cfg.NamespaceTTL == 0 {
		opts.NamespaceTTL = -1 // 0 on the command line: never
	}
	cfg.scenarioOptions(&opts)
	cfg.journalOptions(&opts)
	app, err := server.Build(opts)
	if err != nil {
		return err
	}
	defer app.Close()
	tuneGC()
	if limit := softMemoryLimit(cfg.JournalBytes); limit > 0 {
		log.Debug("soft memory limit", "bytes", limit)
	}

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen %s: %w", cfg.Addr, err)
	}
	srv := &http.Server{Handler: app, ReadHeaderTimeout: 10 * time.Second}
	log.Info("capsim ready", "addr", ln.Addr().String(), "version", version, "auth", string(cfg.Auth),
		"db", cfg.DB, "customers", cfg.Customers, "seed", cfg.Seed,
		"validate_responses", cfg.ValidateResponses, "startup", time.Since(start).Round(time.Microsecond).String())

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down: draining in-flight requests", "timeout", cfg.ShutdownTimeout.String())
	sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := app.Close(); err != nil {
		return fmt.Errorf("close store: %w", err)
	}
	log.Info("stopped")
	return nil
}

// tuneGC sets the collector for serving, once the start-up garbage is gone
// (start-up runs at the default GOGC, so that a large base does not need
// five times its size to start). The simulator's garbage is per request:
// collecting four times less often buys throughput; softMemoryLimit bounds
// the heap that lets grow. GOGC, if set, still decides.
func tuneGC() {
	debug.FreeOSMemory()
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
}
