package console_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/capsim/capsim/simulator/admin"
	"github.com/capsim/capsim/simulator/console"
	"github.com/capsim/capsim/simulator/server"
	"github.com/capsim/capsim/simulator/simtest"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

const token = "s3cret"

// findBrowser returns the path of a Chromium, or skips the test (fails it in
// CI, whose script installs one: a skipped browser test there would hide a
// broken console).
func findBrowser(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := "no Chromium on PATH: install the Debian package chromium (apt-get install -y chromium) to run the console's browser test"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// browser drives one headless Chromium page against a simulator.
type browser struct {
	t   *testing.T
	ctx context.Context
	sim *simtest.Server
}

// run runs actions, failing the test with what went wrong.
func (b *browser) run(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

// see waits until the element sel shows want, as a person would read it
// (innerText: hidden elements show nothing), failing with what it shows.
func (b *browser) see(sel, want string) {
	b.t.Helper()
	js := fmt.Sprintf(`(() => { const el = document.querySelector(%q); return !!el && el.innerText.includes(%q); })()`, sel, want)
	if _, err := chromedp.Run(b.ctx, chromedp.Poll[bool](js, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		got, _ := chromedp.Run(b.ctx, chromedp.Evaluate[string](fmt.Sprintf(`(document.querySelector(%q) || {innerText: "(no element)"}).innerText`, sel)))
		b.t.Fatalf("%s does not show %q (%v); it shows:\n%s", sel, want, err, got)
	}
}

// click clicks the button under sel whose text is label.
func (b *browser) click(sel, label string) {
	b.t.Helper()
	js := fmt.Sprintf(`(() => { const el = [...document.querySelectorAll(%q + ' button')].find((x) => x.innerText.trim() === %q); if (el) el.click(); return !!el; })()`, sel, label)
	if _, err := chromedp.Run(b.ctx, chromedp.Poll[bool](js, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		b.t.Fatalf("no button %q under %s: %v", label, sel, err)
	}
}

// typeInto replaces the text of the input sel with text, then presses Enter
// if text ends in "\r". The text goes in at once, as a paste or an input
// method enters it (the input events fire), not one key event per letter:
// those cost a round trip to Chromium each.
func (b *browser) typeInto(sel, text string) {
	b.t.Helper()
	clear := chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector(%q).value = ""`, sel))
	text, enter := strings.CutSuffix(text, "\r")
	insert := chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, input.InsertText, input.InsertTextParams{Text: text})
		return err
	})
	actions := []chromedp.Action[chromedp.Void]{chromedp.WaitVisible(chromedp.CSS(sel)), clear, chromedp.Focus(chromedp.CSS(sel)), insert}
	if enter {
		actions = append(actions, chromedp.SendKeys(chromedp.CSS(sel), "\r"))
	}
	b.run("type into "+sel, actions...)
}

// tab opens a panel by its tab.
func (b *browser) tab(label string) {
	b.t.Helper()
	b.click("#tabs", label)
}

// searchCustomers searches the customers panel for q.
func (b *browser) searchCustomers(q string) {
	b.t.Helper()
	b.typeInto("#customer-q", q)
	b.click("#customer-search", "Search")
}

// addCustomer registers a customer through the API in namespace ns.
func (b *browser) addCustomer(ns, firstName, mobile string) {
	b.t.Helper()
	add := map[string]any{"profiles": []any{map[string]any{"firstName": firstName, "lastName": "Console",
		"identifiers": []any{map[string]any{"type": "mobile", "value": mobile}}}}}
	if res := b.sim.Do("POST", "/v2/customers?source=INSTORE", add, "X-Capsim-Namespace", ns); res.Status != 200 {
		b.t.Fatalf("add %s: %d %s", firstName, res.Status, res.Body)
	}
}

// missing reports whether this build lacks the admin route path.
func (b *browser) missing(path string) bool {
	res := b.sim.Do("GET", path, nil, admin.HeaderAdminToken, token)
	return res.Status == 404 || res.Status == 405
}

// TestConsoleInBrowser loads the console in headless Chromium and drives one
// flow per panel against a simulator locked with an admin token, asserting
// what a person would see.
func TestConsoleInBrowser(t *testing.T) {
	exe := findBrowser(t)
	sim := simtest.MustOpenServer(t, func(o *server.Options) { o.AdminToken = token })
	ts := httptest.NewServer(sim)
	defer ts.Close()

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox, // tests may run as root, where Chromium's sandbox refuses to start
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1360, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancelTab := chromedp.NewContext(actx)
	defer cancelTab()
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	b := &browser{t: t, ctx: ctx, sim: sim}

	// The flows build on each other: the first to fail stops the test.
	failed := false
	flow := func(name string, f func(t *testing.T)) {
		if !failed && !t.Run(name, f) {
			failed = true
		}
	}

	start := time.Now()
	b.run("open the console", chromedp.Navigate(ts.URL+"/__admin/ui/?poll=100"))
	t.Logf("Chromium up and the page loaded in %v", time.Since(start).Round(time.Millisecond))

	flow("the token is asked for once", func(t *testing.T) {
		b.t = t
		b.see("#token", "The admin API is locked")
		b.typeInto("#token-input", "wrong")
		b.click("#token-form", "Unlock")
		b.see("#token-message", "That token was refused")
		b.typeInto("#token-input", token)
		b.click("#token-form", "Unlock")
		b.see("#customer-summary", "customers in namespace default")
	})

	flow("customers: search a fixture customer", func(t *testing.T) {
		b.t = t
		b.tab("Customers")
		b.searchCustomers("ts-17742")
		b.see("#customer-summary", "1–1 of 1 customer matching “ts-17742”")
		b.see("#customer-table", "Tom Sawyer")
		b.see("#customer-table", "44700900000")
		b.see("#customer-table", "tom.sawyer@example.com")
		b.shot("customers")
	})

	flow("the namespace box: panels follow it", func(t *testing.T) {
		b.t = t
		b.addCustomer("team-b", "Zebulon", "919800000123")
		b.searchCustomers("Zebulon")
		b.see("#customer-table", "No customer matches “Zebulon”")
		b.typeInto("#ns", "team-b\r")
		b.see("#customer-summary", "in namespace team-b")
		b.see("#customer-table", "919800000123")
		b.typeInto("#ns", "default\r")
		b.see("#customer-summary", "in namespace default")
	})

	const lookup = "/v2/customers/lookup?source=INSTORE&identifierName=mobile&identifierValue=44700900000"
	flow("journal: an API call appears, its details open", func(t *testing.T) {
		b.t = t
		b.tab("Journal")
		b.see("#journal-summary", "the journal keeps the last")
		if res := sim.Do("GET", lookup, nil); res.Status != 200 {
			t.Fatalf("lookup: %d %s", res.Status, res.Body)
		}
		b.see("#journal-table", "/v2/customers/lookup")
		b.see("#journal-table", "lookupCustomer")
		b.run("open the entry", chromedp.Click(chromedp.CSS("#journal-table tbody tr.clickable")))
		b.see("#journal-detail", "GET /v2/customers/lookup → 200")
		b.see("#journal-detail", "Authorization: Basic [redacted]") // the request's headers, as the journal keeps them
		b.see("#journal-detail", `"entity": 17742`)                 // the lookup's answer, pretty-printed
		b.shot("journal")
	})

	flow("scenarios: activate one in the namespace", func(t *testing.T) {
		b.t = t
		b.tab("Scenarios")
		row := `#scenario-table tr[data-name="lookup-not-found"]`
		b.see(row, "inactive")
		b.click(row, "Activate in default")
		b.see(row, "Deactivate in default")
		b.see("#status", "lookup-not-found: activated in default")
		res := sim.Do("GET", lookup, nil)
		if errs, _ := res.Codes(); res.Status != 400 || len(errs) != 1 || errs[0] != 8015 {
			t.Fatalf("lookup with the scenario active: %d %s", res.Status, res.Body)
		}
		b.click("#panel-scenarios .bar", "Reload")
		b.see(row, "1 / 1") // matched and fired once, by the lookup rule
		b.shot("scenarios")
		b.click(row, "Deactivate in default")
		b.see(row, "inactive")
		if res := sim.Do("GET", lookup, nil); res.Status != 200 {
			t.Fatalf("lookup with the scenario deactivated: %d %s", res.Status, res.Body)
		}
	})

	for _, p := range []struct {
		tab, route string
		flow       func(t *testing.T)
	}{
		{"Clock", "/__admin/clock", func(t *testing.T) {
			b.see("#clock-now", simtest.Epoch.Format(time.RFC3339))
			b.typeInto("#clock-input", "2027-03-01T09:00:00Z")
			b.click("#clock-set", "Set time")
			b.see("#clock-now", "2027-03-01T09:00:00Z")
			b.typeInto("#clock-advance-input", "36h")
			b.click("#clock-advance", "Advance")
			b.see("#clock-now", "2027-03-02T21:00:00Z")
			var clock struct{ Now string }
			sim.Do("GET", "/__admin/clock", nil, admin.HeaderAdminToken, token).Decode(t, &clock)
			if clock.Now != "2027-03-02T21:00:00Z" {
				t.Fatalf("the simulator's clock is at %s", clock.Now)
			}
			b.click("#panel-clock", "Back to the wall clock")
			b.see("#status", "follows the wall clock again")
		}},
		{"Snapshots", "/__admin/snapshots", func(t *testing.T) {
			b.typeInto("#snapshot-name", "before-ui")
			b.click("#snapshot-take", "Take snapshot")
			row := `#snapshot-table tr[data-name="before-ui"]`
			b.see(row, "before-ui")
			b.addCustomer("default", "Snapshotted", "919800000777")
			b.click(row, "Restore")
			b.see("#status", "Restored before-ui into default")
			b.shot("snapshots-restored")
			b.tab("Customers")
			b.searchCustomers("Snapshotted")
			b.see("#customer-table", "No customer matches “Snapshotted”")
			b.tab("Snapshots")
			b.click(row, "Delete")
			b.see("#snapshot-table", "No snapshots")
		}},
		{"Coverage", "/__admin/coverage", func(t *testing.T) {
			b.see("#coverage-summary", "operations")
			// The lookups so far: two answered naturally, one by the scenario.
			row := `#coverage-operations tr[data-op="lookupCustomer"]`
			b.see(row, "2 / 1")
			b.see(row, "8015: 0 / 1")
		}},
	} {
		flow(strings.ToLower(p.tab), func(t *testing.T) {
			b.t = t
			b.tab(p.tab)
			if b.missing(p.route) {
				t.Fatalf("GET %s is not served", p.route)
			}
			p.flow(t)
			b.shot(strings.ToLower(p.tab))
		})
	}

	// A build without the clock, snapshots or coverage (an older capsim
	// serving this page, or a trimmed one) says so on their panels instead
	// of breaking: here, a server of the console's files alone.
	flow("panels whose routes are missing", func(t *testing.T) {
		b.t = t
		mux := http.NewServeMux()
		mux.Handle(admin.ConsolePath, http.StripPrefix(strings.TrimSuffix(admin.ConsolePath, "/"), console.Handler()))
		bare := httptest.NewServer(mux)
		defer bare.Close()
		b.run("open the console", chromedp.Navigate(bare.URL+admin.ConsolePath+"#clock"))
		for _, tab := range []string{"Clock", "Snapshots", "Coverage"} {
			b.tab(tab)
			b.see("#panel-"+strings.ToLower(tab), "Not available in this build")
		}
		b.shot("missing")
	})
}

// shot saves a screenshot of the page as name.png in the directory
// $CAPSIM_CONSOLE_SCREENSHOTS, when it is set (for looking at the console
// while changing it).
func (b *browser) shot(name string) {
	b.t.Helper()
	dir := os.Getenv("CAPSIM_CONSOLE_SCREENSHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatalf("screenshot: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		b.t.Fatal(err)
	}
}
