package main

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// finalStage returns the instructions of a Dockerfile's last stage, without
// comments, ARGs and what differs by design: where COPY takes its files from.
func finalStage(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "FROM "):
			out = nil
		case line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "ARG "):
		case strings.HasPrefix(line, "COPY "):
			f := strings.Fields(line)
			kept := []string{"COPY"}
			for _, w := range f[1 : len(f)-2] {
				if !strings.HasPrefix(w, "--from=") {
					kept = append(kept, w)
				}
			}
			out = append(out, strings.Join(append(kept, f[len(f)-1]), " "))
		default:
			out = append(out, line)
		}
	}
	return out
}

// TestDockerfilesAgree keeps the release image (GoReleaser, Dockerfile.release)
// the same as the one the Dockerfile builds from source.
func TestDockerfilesAgree(t *testing.T) {
	src, rel := finalStage(t, "../../Dockerfile"), finalStage(t, "../../Dockerfile.release")
	if !slices.Equal(src, rel) {
		t.Fatalf("final stages differ:\nDockerfile:\n  %s\nDockerfile.release:\n  %s", strings.Join(src, "\n  "), strings.Join(rel, "\n  "))
	}
	for _, want := range []string{`HEALTHCHECK --interval=5s --timeout=3s --start-period=2s --retries=3 CMD ["/capsim", "healthcheck"]`,
		"ENV CAPSIM_ADDR_FILE=/tmp/capsim.addr", `ENTRYPOINT ["/capsim"]`, "USER 65532:65532", "EXPOSE 8080"} {
		if !slices.Contains(src, want) {
			t.Errorf("Dockerfile lacks %q (scripts/image.sh checks the image for it)", want)
		}
	}
}
