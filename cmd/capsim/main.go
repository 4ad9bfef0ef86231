// Command capsim is a stateful simulator of the Capillary customer and
// promotion APIs (v1.1 and v2). "capsim --help" lists its commands and flags.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
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

const usageText = `capsim: a stateful simulator of the Capillary customer and promotion APIs (v1.1 and v2)

Usage:
  capsim [serve] [flags]          serve the APIs (the default command); blocks until SIGTERM or Ctrl-C
  capsim healthcheck [flags]      exit 0 if the server at --addr (or in --addr-file) answers /__admin/health
  capsim scenarios check PATH...  check scenario files or directories (file:line: reason, exit 1)
  capsim scenarios list [DIR...]  list the built-in scenarios (and DIR's)
  capsim coverage --url URL [--min-operations N%] [--min-statuses N%] [--min-codes N%]
                  [--namespace NAME | --all] [--admin-token T]
                                  print the contract coverage of the capsim at URL; exit 1 below a minimum
  capsim version                  print the version (also --version)
  capsim help                     print this help (also --help, -h)

Exit status: 0 ok, 1 failure, 2 a mistake on the command line.

Flags (serve and healthcheck; each has a CAPSIM_* environment twin, and a flag wins over it):
`

func main() {
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	os.Exit(exitCode(run(os.Args[1:], os.Stdout, os.Stderr, sigs), os.Stderr))
}

// exitCode prints err on one line and maps it to the exit status: 2 for a
// mistake on the command line (with a hint to --help), 1 for any other.
func exitCode(err error, stderr io.Writer) int {
	var ue *usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "capsim: %v (see capsim --help)\n", err)
		return 2
	}
	fmt.Fprintln(stderr, "capsim:", err)
	return 1
}

// run runs the command args name. The server stops on the first signal from
// sigs, draining in-flight requests; a second stops it at once.
func run(args []string, stdout, stderr io.Writer, sigs <-chan os.Signal) error {
	cmd := "serve"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "version":
		fmt.Fprintln(stdout, "capsim", version)
		return nil
	case "help":
		printUsage(stdout)
		return nil
	case "scenarios":
		return scenariosCommand(args, stdout)
	case "coverage":
		return coverageCommand(args, stdout)
	case "serve", "healthcheck":
	default:
		return usagef("unknown command %q", cmd)
	}
	cfg, err := parseConfig(args, os.Getenv)
	switch {
	case errors.Is(err, flag.ErrHelp):
		printUsage(stdout)
		return nil
	case err != nil:
		return err
	case cfg.version:
		fmt.Fprintln(stdout, "capsim", version)
		return nil
	case cmd == "healthcheck":
		return healthcheck(cfg)
	}
	return serve(cfg, stdout, sigs)
}

func printUsage(w io.Writer) {
	fmt.Fprint(w, usageText)
	printFlags(w)
}

// healthcheck asks the server for /__admin/health. The address is --addr
// when given on the command line, else the one the server wrote to
// --addr-file, else CAPSIM_ADDR or the default: so in the image, a server
// started with --addr as container arguments is found.
func healthcheck(cfg *config) error {
	addr := cfg.Addr
	if !cfg.addrGiven && cfg.AddrFile != "" {
		if b, err := os.ReadFile(cfg.AddrFile); err == nil && len(strings.TrimSpace(string(b))) > 0 {
			addr = strings.TrimSpace(string(b))
		}
	}
	client := &http.Client{Timeout: 3 * time.Second}
	res, err := client.Get("http://" + dialAddr(addr) + "/__admin/health")
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

// dialAddr turns a listen address into one to dial: a missing or
// unspecified host (":8080", "0.0.0.0:8080", "[::]:8080") is the loopback.
func dialAddr(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, port)
}
