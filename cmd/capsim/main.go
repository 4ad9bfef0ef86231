// Command capsim is a stateful simulator of the Capillary customer and
// promotion APIs (v1.1 and v2).
//
//	capsim [flags]              serve (default :8080, embedded fixtures)
//	capsim healthcheck [flags]  exit 0 if the server at --addr is healthy
//	capsim scenarios check DIR  lint scenario files (file:line: reason, exit 1)
//	capsim scenarios list [DIR] list the built-in (and DIR's) scenarios
//	capsim version              print the version
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"
)

// version is set at build time with -ldflags "-X main.version=..."; a
// plain go build or go run reports the module version or VCS revision.
var version = "dev"

func init() {
	if version != "dev" {
		return
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		version = v
		return
	}
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			version = "dev-" + s.Value[:12]
		}
	}
}

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "capsim:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		switch args[0] {
		case "version":
			fmt.Fprintln(stdout, "capsim", version)
			return nil
		case "healthcheck":
			cfg, err := parseConfig(args[1:], os.Getenv, stderr)
			if err != nil {
				return err
			}
			return healthcheck(cfg.Addr)
		case "scenarios":
			return scenariosCommand(args[1:], stdout, stderr)
		}
	}
	cfg, err := parseConfig(args, os.Getenv, stderr)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serve(ctx, cfg, stdout)
}

// healthcheck asks the server at addr for /__admin/health.
func healthcheck(addr string) error {
	host := addr
	if len(host) > 0 && host[0] == ':' {
		host = "127.0.0.1" + host
	}
	client := &http.Client{Timeout: 3 * time.Second}
	res, err := client.Get("http://" + host + "/__admin/health")
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	defer res.Body.Close()
	_, _ = io.Copy(io.Discard, res.Body)
	if res.StatusCode != http.StatusOK {
		return errors.New("healthcheck: " + res.Status)
	}
	return nil
}
