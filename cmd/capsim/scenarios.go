package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/capsim/capsim/openapi"
	"github.com/capsim/capsim/scenarios"
	"github.com/capsim/capsim/simulator/contract"
	"github.com/capsim/capsim/simulator/scenario"
	"github.com/capsim/capsim/simulator/server"
)

const scenariosUsage = `usage:
  capsim scenarios check DIR...   check scenario files against the catalogue and the contract;
                                  prints file:line: reason per problem, exits 1 if any
  capsim scenarios list [DIR...]  list the built-in scenarios (and DIR's) with their rules`

// parseScenarioFlags reads the scenario flags into c.
func (c *config) parseScenarioFlags(dirs, active, skipBad, journal string) error {
	for _, d := range splitList(dirs) {
		if st, err := os.Stat(d); err != nil || !st.IsDir() {
			return fmt.Errorf("--scenarios %q: not a directory", d)
		}
		c.ScenarioDirs = append(c.ScenarioDirs, d)
	}
	for _, name := range splitList(active) {
		if !scenario.ValidName(name) {
			return fmt.Errorf("--scenario %q: not a scenario name", name)
		}
		c.ActiveScenarios = append(c.ActiveScenarios, name)
	}
	var err error
	if c.SkipBadScenarios, err = strconv.ParseBool(skipBad); err != nil {
		return fmt.Errorf("--skip-bad-scenarios %q: want true or false", skipBad)
	}
	if c.JournalSize, err = strconv.Atoi(journal); err != nil || c.JournalSize < 0 || c.JournalSize > 10_000_000 {
		return fmt.Errorf("--journal-size %q: want an integer from 0 to 10000000", journal)
	}
	return nil
}

// scenarioOptions sets the scenario and admin fields of o from c.
func (c *config) scenarioOptions(o *server.Options) {
	o.ScenarioDirs, o.ActiveScenarios, o.SkipBadScenarios, o.AdminToken =
		c.ScenarioDirs, c.ActiveScenarios, c.SkipBadScenarios, c.AdminToken
	o.JournalSize = c.JournalSize
	if c.JournalSize == 0 {
		o.JournalSize = -1 // none; 0 means the default to server.Build
	}
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// scenariosCommand runs "capsim scenarios ...".
func scenariosCommand(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprintln(stderr, scenariosUsage)
		return errors.New("scenarios: name a command: check or list")
	}
	c, err := contract.Load(openapi.FS)
	if err != nil {
		return err
	}
	switch args[0] {
	case "check":
		return scenariosCheck(c, args[1:], stdout)
	case "list":
		return scenariosList(c, args[1:], stdout)
	}
	fmt.Fprintln(stderr, scenariosUsage)
	return fmt.Errorf("scenarios: unknown command %q", args[0])
}

// scenariosCheck lints the *.yaml and *.yml files of dirs as the server
// would load them, printing every problem as file:line: reason.
func scenariosCheck(c *contract.Contract, dirs []string, stdout io.Writer) error {
	if len(dirs) == 0 {
		return errors.New("scenarios check: name at least one directory")
	}
	var probs scenario.Problems
	loaded := 0
	for _, dir := range dirs {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			probs = append(probs, scenario.Problem{File: dir, Reason: "not a directory"})
			continue
		}
		ss, p := scenario.NewEngine(c, server.Envelopes(c)).LoadFS(os.DirFS(dir), scenario.SourceDir, dir)
		loaded += len(ss)
		probs = append(probs, p...)
	}
	for _, p := range probs {
		fmt.Fprintln(stdout, p.String())
	}
	if len(probs) > 0 {
		return fmt.Errorf("scenarios check: %d problem(s)", len(probs))
	}
	fmt.Fprintf(stdout, "ok: %d scenario(s)\n", loaded)
	return nil
}

// scenariosList prints the built-in scenarios and those of dirs.
func scenariosList(c *contract.Contract, dirs []string, stdout io.Writer) error {
	e := scenario.NewEngine(c, server.Envelopes(c))
	if _, probs := e.LoadFS(scenarios.FS, scenario.SourceBuiltin, "scenarios"); len(probs) > 0 {
		return probs
	}
	for _, dir := range dirs {
		if _, probs := e.LoadFS(os.DirFS(dir), scenario.SourceDir, dir); len(probs) > 0 {
			return probs
		}
	}
	for _, s := range e.List() {
		fmt.Fprintf(stdout, "%s (%s, %s)\n  %s\n", s.Name, s.Source, s.File, s.Description)
		for _, r := range s.Rules {
			ops := make([]string, 0, len(r.Match.Operations))
			for _, op := range r.Match.Operations {
				ops = append(ops, op.ID)
			}
			target := strings.Join(ops, ", ")
			if target == "" {
				target = "any operation"
			}
			fmt.Fprintf(stdout, "  - %s: %s -> %s, %s, %s\n", r.Name, target, r.Answer.String(), r.When.String(), r.Commit)
		}
	}
	return nil
}
