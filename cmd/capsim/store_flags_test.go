package main

import (
	"strings"
	"testing"
	"time"
)

// TestStoreFlags checks the namespace and snapshot flags: defaults, the
// environment, and refusals that name the flag.
func TestStoreFlags(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	c, err := parseConfig(nil, env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.MaxNamespaces != 256 || c.NamespaceTTL != time.Hour || c.MaxSnapshots != 64 || c.DBRecover {
		t.Fatalf("defaults: %+v", c)
	}
	c, err = parseConfig([]string{"--max-snapshots", "3"}, env(map[string]string{"CAPSIM_MAX_NAMESPACES": "9",
		"CAPSIM_NAMESPACE_TTL": "0", "CAPSIM_MAX_SNAPSHOTS": "5", "CAPSIM_DB_RECOVER": "true"}))
	if err != nil {
		t.Fatal(err)
	}
	if c.MaxNamespaces != 9 || c.NamespaceTTL != 0 || c.MaxSnapshots != 3 || !c.DBRecover {
		t.Fatalf("environment and flags: %+v", c)
	}
	for _, args := range [][]string{
		{"--max-namespaces", "0"}, {"--max-namespaces", "many"}, {"--namespace-ttl", "-1m"}, {"--namespace-ttl", "soon"},
		{"--max-snapshots", "0"}, {"--db-recover=perhaps"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			_, err := parseConfig(args, env(nil))
			if err == nil || !strings.Contains(err.Error(), strings.SplitN(args[0], "=", 2)[0]) {
				t.Fatalf("%v: %v", args, err)
			}
		})
	}
}
