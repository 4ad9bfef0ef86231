// Command genparsed writes the JSON form of every YAML document in the
// current folder to parsed/ (see contract.ParsedDir), and parsed/SUMS.
// It runs by go generate in openapi/; a test there fails while the forms
// are out of date.
package main

import (
	"log"
	"os"
	"path/filepath"
	"sort"

	"github.com/capsim/capsim/simulator/contract"
)

func main() {
	names, err := filepath.Glob("*.yaml")
	if err != nil {
		log.Fatal(err)
	}
	sort.Strings(names)
	if err := os.RemoveAll(contract.ParsedDir); err != nil {
		log.Fatal(err)
	}
	if err := os.MkdirAll(contract.ParsedDir, 0o755); err != nil {
		log.Fatal(err)
	}
	docs := map[string][]byte{}
	for _, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			log.Fatal(err)
		}
		if err := contract.Check(b); err != nil {
			log.Fatalf("%s: %v", name, err)
		}
		j, err := contract.JSONForm(b)
		if err != nil {
			log.Fatalf("%s: %v", name, err)
		}
		if err := os.WriteFile(contract.ParsedName(name), j, 0o644); err != nil {
			log.Fatal(err)
		}
		docs[name] = b
	}
	if err := os.WriteFile(contract.ParsedSums, contract.FormatSums(names, docs), 0o644); err != nil {
		log.Fatal(err)
	}
}
