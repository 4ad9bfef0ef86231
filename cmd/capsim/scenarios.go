package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/capsim/capsim/openapi"
	"github.com/capsim/capsim/scenarios"
	"github.com/capsim/capsim/simulator/contract"
	"github.com/capsim/capsim/simulator/scenario"
	"github.com/capsim/capsim/simulator/server"
)

const scenariosUsage = `usage:
  capsim scenarios check PATH...  check scenario files, or the *.yaml and *.yml files of directories,
                                  against the catalogue and the contract; prints file:line: reason
                                  per problem and exits 1 if there is any
  capsim scenarios list [DIR...]  list the built-in scenarios (and DIR's) with their rules`

// declareScenarioFlags declares the scenario and journal flags into c.
func declareScenarioFlags(fs *flag.FlagSet, c *config) {
	fs.StringVar(&c.scenarioDirs, "scenarios", "", "directory (or comma-separated directories) of a team's scenario files")
	fs.StringVar(&c.activeScenarios, "scenario", "", "scenarios active for every request from the start: NAME[,NAME]")
	fs.BoolVar(&c.SkipBadScenarios, "skip-bad-scenarios", false, "start even if a scenario file is refused, logging its problems")
	fs.IntVar(&c.JournalSize, "journal-size", 1000, "requests the journal keeps, a ring buffer; 0 keeps none")
}

// validateScenarioFlags checks the scenario flags and splits their lists.
func (c *config) validateScenarioFlags() error {
	for _, d := range splitList(c.scenarioDirs) {
		// A directory that does not exist yet is created by serve.
		if st, err := os.Stat(d); err == nil && !st.IsDir() {
			return usagef("--scenarios %q: is a file, not a directory", d)
		}
		c.ScenarioDirs = append(c.ScenarioDirs, d)
	}
	for _, name := range splitList(c.activeScenarios) {
		if !scenario.ValidName(name) {
			return usagef("--scenario %q: not a scenario name", name)
		}
		c.ActiveScenarios = append(c.ActiveScenarios, name)
	}
	if c.JournalSize < 0 || c.JournalSize > 10_000_000 {
		return usagef("--journal-size %d: want an integer from 0 to 10000000", c.JournalSize)
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
func scenariosCommand(args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return usagef("scenarios: name a command: check or list")
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprintln(stdout, scenariosUsage)
		return nil
	case "check", "list":
		for _, a := range args[1:] {
			if a == "-h" || a == "-help" || a == "--help" {
				fmt.Fprintln(stdout, scenariosUsage)
				return nil
			}
		}
	default:
		return usagef("scenarios: unknown command %q: want check or list", args[0])
	}
	c, err := contract.Load(openapi.FS)
	if err != nil {
		return err
	}
	if args[0] == "check" {
		return scenariosCheck(c, args[1:], stdout)
	}
	return scenariosList(c, args[1:], stdout)
}

// scenariosCheck lints files, and the *.yaml and *.yml files of directories,
// as the server would load them, printing every problem as file:line: reason.
func scenariosCheck(c *contract.Contract, paths []string, stdout io.Writer) error {
	if len(paths) == 0 {
		return usagef("scenarios check: name at least one file or directory")
	}
	var probs scenario.Problems
	loaded := 0
	for _, p := range paths {
		st, err := os.Stat(p)
		switch {
		case err != nil:
			probs = append(probs, scenario.Problem{File: p, Reason: "no such file or directory"})
		case st.IsDir():
			ss, ps := scenario.NewEngine(c, server.Envelopes(c)).LoadDir(p, scenario.SourceDir)
			loaded += len(ss)
			probs = append(probs, ps...)
		default:
			data, err := os.ReadFile(p)
			if err != nil {
				probs = append(probs, scenario.Problem{File: p, Reason: err.Error()})
				continue
			}
			ss, err := scenario.Parse(p, data, c, server.Envelopes(c))
			if err != nil {
				probs = append(probs, err.(scenario.Problems)...)
			}
			loaded += len(ss)
		}
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
		if _, probs := e.LoadDir(dir, scenario.SourceDir); len(probs) > 0 {
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
