package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/capsim/capsim/simulator/admin"
	"github.com/capsim/capsim/simulator/coverage"
)

const coverageUsage = `usage: capsim coverage --url URL [--min-operations N%] [--min-statuses N%] [--min-codes N%]
                       [--namespace NAME | --all] [--admin-token T]
prints the contract coverage of the capsim at URL; exits 1 below a minimum

flags:`

// coverageCommand runs "capsim coverage": it reads GET /__admin/coverage of
// the capsim at --url, prints a short table, and fails when a figure is
// below its threshold (exit 1) or the command line is wrong (exit 2).
func coverageCommand(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("coverage", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	base := fs.String("url", "", "capsim's base URL, e.g. http://localhost:8080")
	minOps := fs.String("min-operations", "", "least share of the contract's operations called, e.g. 80%")
	minStatuses := fs.String("min-statuses", "", "least share of the declared (operation, status) pairs answered")
	minCodes := fs.String("min-codes", "", "least share of the catalogue's codes answered")
	ns := fs.String("namespace", "", "the namespace to report (default: the default namespace)")
	all := fs.Bool("all", false, "report every namespace together")
	token := fs.String("admin-token", "", "the X-Capsim-Admin-Token, if capsim runs with --admin-token")
	if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(stdout, coverageUsage)
		printFlagSet(stdout, fs)
		return nil
	} else if err != nil {
		return usagef("coverage: %v", flagError(err).Error())
	}
	if fs.NArg() > 0 {
		return usagef("coverage: unexpected argument %q", fs.Arg(0))
	}
	if *base == "" {
		return usagef("coverage: --url is required (e.g. --url http://localhost:8080)")
	}
	u, err := url.Parse(*base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return usagef("coverage: --url %q: want http://host:port", *base)
	}
	type gate struct {
		name string
		min  float64
		set  bool
	}
	gates := []gate{{name: "operations"}, {name: "statuses"}, {name: "codes"}}
	for i, v := range []string{*minOps, *minStatuses, *minCodes} {
		if v == "" {
			continue
		}
		p, err := parsePercent(v)
		if err != nil {
			return usagef("coverage: --min-%s %q: %v", gates[i].name, v, err)
		}
		gates[i].min, gates[i].set = p, true
	}
	if *all && *ns != "" {
		return usagef("coverage: give --namespace or --all, not both")
	}

	q := url.Values{}
	switch {
	case *all:
		q.Set("all", "true")
	case *ns != "":
		q.Set("namespace", *ns)
	}
	rep, err := fetchCoverage(strings.TrimSuffix(*base, "/")+"/__admin/coverage?"+q.Encode(), *token)
	if err != nil {
		return fmt.Errorf("coverage: %w", err)
	}

	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "namespace %s\t\t\t\t\t\t\n", rep.Namespace)
	fmt.Fprintln(tw, "\tdeclared\texercised\tnatural\tinjected\tcoverage\tminimum")
	var below []string
	for i, s := range []coverage.Summary{rep.Operations, rep.Statuses, rep.Codes} {
		g := gates[i]
		verdict := "-"
		if g.set {
			verdict = fmt.Sprintf("%.1f%% ok", g.min)
			if s.Percent < g.min {
				verdict = fmt.Sprintf("%.1f%% BELOW", g.min)
				below = append(below, fmt.Sprintf("%s %.1f%% < %.1f%%", g.name, s.Percent, g.min))
			}
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%.1f%%\t%s\n", g.name, s.Declared, s.Exercised, s.Natural, s.Injected, s.Percent, verdict)
	}
	tw.Flush()
	var missing []string
	for _, o := range rep.PerOperation {
		if o.Natural+o.Injected == 0 {
			missing = append(missing, o.OperationID)
		}
	}
	if len(missing) > 0 {
		fmt.Fprintf(stdout, "operations not called: %s\n", strings.Join(missing, ", "))
	}
	if len(below) > 0 {
		return fmt.Errorf("coverage below the minimum: %s", strings.Join(below, ", "))
	}
	return nil
}

// parsePercent reads a threshold: "80%", "80" or "72.5%", from 0 to 100.
func parsePercent(s string) (float64, error) {
	v := strings.TrimSuffix(strings.TrimSpace(s), "%")
	p, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(p) {
		return 0, errors.New("want a percentage such as 80% or 72.5")
	}
	if p < 0 || p > 100 {
		return 0, errors.New("want a percentage from 0 to 100")
	}
	return p, nil
}

// fetchCoverage asks capsim for its coverage report.
func fetchCoverage(target, token string) (*coverage.Report, error) {
	req, err := http.NewRequest(http.MethodGet, target, nil)
	if err != nil {
		return nil, err
	}
	if token != "" {
		req.Header.Set(admin.HeaderAdminToken, token)
	}
	client := &http.Client{Timeout: 10 * time.Second}
	res, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(io.LimitReader(res.Body, 8<<20))
	if err != nil {
		return nil, err
	}
	if res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s: %s", target, res.Status, strings.TrimSpace(string(body)))
	}
	var rep coverage.Report
	if err := json.Unmarshal(body, &rep); err != nil {
		return nil, fmt.Errorf("GET %s: not a coverage report: %v", target, err)
	}
	return &rep, nil
}
