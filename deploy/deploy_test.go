// Package deploy holds the nginx configuration and the Kubernetes manifests
// that run capsim as sharded replicas; its tests keep them consistent.
package deploy

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// manifests returns every document of the YAML files in deploy/kubernetes.
func manifests(t *testing.T) map[string]map[string]any {
	t.Helper()
	files, err := filepath.Glob("kubernetes/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no manifests: %v", err)
	}
	out := map[string]map[string]any{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		dec := yaml.NewDecoder(bytes.NewReader(data))
		for {
			var doc map[string]any
			if err := dec.Decode(&doc); errors.Is(err, io.EOF) {
				break
			} else if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			kind, _ := doc["kind"].(string)
			meta, _ := doc["metadata"].(map[string]any)
			name, _ := meta["name"].(string)
			if doc["apiVersion"] == nil || kind == "" || (kind != "Kustomization" && name == "") {
				t.Fatalf("%s: a document without apiVersion, kind or metadata.name: %v", f, doc)
			}
			out[kind+"/"+name] = doc
		}
	}
	return out
}

// get walks doc by keys (strings for maps, ints for lists).
func get(t *testing.T, doc any, path ...any) any {
	t.Helper()
	v := doc
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				t.Fatalf("%v: not a map at %q", path, k)
			}
			v = m[k]
		case int:
			l, ok := v.([]any)
			if !ok || k >= len(l) {
				t.Fatalf("%v: no item %d", path, k)
			}
			v = l[k]
		}
	}
	return v
}

// TestManifests checks that the manifests parse, that the nginx ConfigMap
// holds deploy/nginx's files verbatim, and that the replicas, their
// Services and the upstream agree.
func TestManifests(t *testing.T) {
	docs := manifests(t)
	cm, ok := docs["ConfigMap/capsim-nginx"]
	if !ok {
		t.Fatal("no ConfigMap capsim-nginx")
	}
	for _, f := range []string{"nginx.conf", "capsim.conf"} {
		want, err := os.ReadFile(filepath.Join("nginx", f))
		if err != nil {
			t.Fatal(err)
		}
		if got := get(t, cm, "data", f); got != string(want) {
			t.Errorf("ConfigMap capsim-nginx %s differs from deploy/nginx/%s", f, f)
		}
	}
	sts, ok := docs["StatefulSet/capsim"]
	if !ok {
		t.Fatal("no StatefulSet capsim")
	}
	replicas, _ := get(t, sts, "spec", "replicas").(int)
	conf, _ := get(t, cm, "data", "capsim.conf").(string)
	servers := regexp.MustCompile(`(?m)^\s*server (capsim-\d+):8080 `).FindAllStringSubmatch(conf, -1)
	if len(servers) != replicas {
		t.Fatalf("capsim.conf lists %d replicas, the StatefulSet has %d", len(servers), replicas)
	}
	for i, s := range servers {
		if want := fmt.Sprintf("capsim-%d", i); s[1] != want {
			t.Errorf("upstream server %d is %s, want %s", i, s[1], want)
		}
		svc, ok := docs["Service/"+s[1]]
		if !ok {
			t.Errorf("no Service %s for the upstream", s[1])
			continue
		}
		if got := get(t, svc, "spec", "selector", "statefulset.kubernetes.io/pod-name"); got != s[1] {
			t.Errorf("Service %s selects pod %v", s[1], got)
		}
	}
	if !strings.Contains(conf, "hash $capsim_shard consistent;") {
		t.Error("capsim.conf does not hash the namespace consistently")
	}
	c := get(t, sts, "spec", "template", "spec", "containers", 0)
	for _, probe := range []string{"readinessProbe", "livenessProbe"} {
		cmd, _ := get(t, c, probe, "exec", "command").([]any)
		if fmt.Sprint(cmd) != "[/capsim healthcheck]" {
			t.Errorf("%s runs %v, want /capsim healthcheck", probe, cmd)
		}
	}
	for _, r := range []string{"cpu", "memory"} {
		if get(t, c, "resources", "requests", r) == nil {
			t.Errorf("no %s request", r)
		}
	}
}

// TestNginxConfig runs nginx -t on the configuration with the replicas on
// loopback addresses (the Services' names resolve only in the cluster).
func TestNginxConfig(t *testing.T) {
	nginx, err := exec.LookPath("nginx")
	if err != nil {
		t.Skip("nginx not installed (apt-get install nginx-light)")
	}
	dir := t.TempDir()
	conf, err := os.ReadFile("nginx/capsim.conf")
	if err != nil {
		t.Fatal(err)
	}
	conf = regexp.MustCompile(`capsim-(\d+):8080`).ReplaceAll(conf, []byte("127.0.0.1:1848$1"))
	conf = bytes.Replace(conf, []byte("listen 8080;"), []byte("listen 127.0.0.1:18479;"), 1)
	main, err := os.ReadFile("nginx/nginx.conf")
	if err != nil {
		t.Fatal(err)
	}
	main = bytes.ReplaceAll(main, []byte("/tmp/"), []byte(dir+"/"))
	main = bytes.ReplaceAll(main, []byte("/etc/nginx/capsim/"), []byte(dir+"/"))
	for name, data := range map[string][]byte{"capsim.conf": conf, "nginx.conf": main} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, err := exec.Command(nginx, "-t", "-q", "-p", dir, "-c", filepath.Join(dir, "nginx.conf")).CombinedOutput()
	if err != nil {
		t.Fatalf("nginx -t: %v\n%s", err, out)
	}
}
