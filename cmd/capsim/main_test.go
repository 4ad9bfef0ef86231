package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/capsim/capsim/simulator/auth"
)

// TestParseConfig checks defaults, environment twins, flag precedence and refusals.
func TestParseConfig(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	t.Run("defaults", func(t *testing.T) {
		c, err := parseConfig(nil, env(nil), io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		if c.Addr != ":8080" || c.DB != ":memory:" || c.Customers != 300 || c.Auth != auth.ModeAny || !c.ValidateResponses || c.V11JSONLists != "documented" {
			t.Fatalf("defaults: %+v", c)
		}
	})
	t.Run("environment, then flags", func(t *testing.T) {
		e := env(map[string]string{"CAPSIM_ADDR": ":9000", "CAPSIM_AUTH": "strict", "CAPSIM_SEED": "7", "CAPSIM_CUSTOMERS": "5",
			"CAPSIM_V11_JSON_LISTS": "always"})
		c, err := parseConfig([]string{"--auth", "off"}, e, io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		if c.Addr != ":9000" || c.Auth != auth.ModeOff || c.Seed != 7 || c.Customers != 5 || c.V11JSONLists != "always" {
			t.Fatalf("got %+v", c)
		}
	})
	for _, args := range [][]string{
		{"--auth", "maybe"}, {"--seed", "x"}, {"--customers", "-1"}, {"--log-level", "loud"},
		{"--validate-responses", "perhaps"}, {"--max-body", "1"}, {"--token-ttl", "0s"},
		{"--fixtures", "/nonexistent"}, {"extra"}, {"--nope"}, {"--v11-json-lists", "sometimes"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			if _, err := parseConfig(args, env(nil), io.Discard); err == nil {
				t.Fatalf("%v accepted", args)
			}
		})
	}
}

// TestServeHealthcheckShutdown starts the real server on 127.0.0.1, probes it
// with the healthcheck subcommand and stops it as SIGTERM would.
func TestServeHealthcheckShutdown(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	var out bytes.Buffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"--addr", addr, "--customers", "10", "--log-level", "error"}, &out, io.Discard)
	}()
	deadline := time.Now().Add(10 * time.Second)
	for healthcheck(addr) != nil {
		if time.Now().After(deadline) {
			t.Fatal("server did not become healthy")
		}
		time.Sleep(20 * time.Millisecond)
	}
	res, err := http.Get("http://" + addr + "/v2/customers/17742?source=INSTORE")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusUnauthorized {
		t.Fatalf("unauthenticated request: %d, want 401", res.StatusCode)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("shutdown: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("server did not stop")
	}
	if healthcheck(addr) == nil {
		t.Fatal("healthcheck passes after shutdown")
	}
}

// TestVersion checks the version subcommand.
func TestVersion(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"version"}, &out, io.Discard); err != nil || !strings.HasPrefix(out.String(), "capsim ") {
		t.Fatalf("version: %q %v", out.String(), err)
	}
}
