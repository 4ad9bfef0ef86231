// Package console serves the QA console: a page for people that browses a
// namespace's customers, watches the request journal and drives scenarios,
// the clock, snapshots and coverage through the admin API. Its files are
// embedded plain HTML, CSS and JavaScript: no build step, nothing fetched
// from elsewhere, so it works offline.
package console

import (
	"embed"
	"io/fs"
	"net/http"
)

//go:embed assets
var assets embed.FS

// Files holds the console's files, index.html at the root.
var Files = func() fs.FS {
	sub, err := fs.Sub(assets, "assets")
	if err != nil {
		panic(err) // the embedded directory is there at build time
	}
	return sub
}()

// policy lets the page load its own files and call its own origin, and
// nothing else: the console works offline and runs no injected script.
const policy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; " +
	"connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

// Handler returns the handler of the console's files, for requests whose
// path is the file's path under the console's prefix ("/" is index.html).
// The files need no admin token: they hold no data, and every data call the
// page makes carries the token.
func Handler() http.Handler {
	files := http.FileServerFS(Files)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Cache-Control", "no-cache")
		h.Set("Content-Security-Policy", policy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		files.ServeHTTP(w, r)
	})
}
