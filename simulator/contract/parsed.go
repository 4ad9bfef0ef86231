package contract

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"

	yaml "github.com/oasdiff/yaml3"
)

// ParsedDir is the folder, beside the YAML documents, of their JSON forms
// (NAME.json for NAME.yaml), made at build time by go generate
// (openapi/internal/genparsed): kin-openapi reads JSON without a YAML
// parse, most of what loading a YAML document costs. ParsedSums lists the
// SHA-256 of each YAML document a JSON form was made from; a JSON form is
// used only for the very bytes it was made from, so an edited document (or
// a folder given by a flag without JSON forms) is parsed from its YAML.
const (
	ParsedDir  = "parsed"
	ParsedSums = ParsedDir + "/SUMS"
)

// JSONForm returns the JSON form of a YAML document: the value kin-openapi's
// loader would read from it (timestamps stay strings, as the loader reads
// them), as compact JSON with sorted keys.
func JSONForm(doc []byte) ([]byte, error) {
	dec := yaml.NewDecoder(bytes.NewReader(doc))
	dec.DisableTimestamps(true)
	var v any
	if err := dec.Decode(&v); err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	return json.Marshal(v)
}

// Sum is the hex SHA-256 of a YAML document, as ParsedSums lists it.
func Sum(doc []byte) string {
	h := sha256.Sum256(doc)
	return hex.EncodeToString(h[:])
}

// ParsedName is the name in fsys of the JSON form of YAML document name.
func ParsedName(name string) string {
	return ParsedDir + "/" + strings.TrimSuffix(name, ".yaml") + ".json"
}

// parsedSums reads ParsedSums of fsys: document name -> sum (none if absent).
func parsedSums(fsys fs.FS) map[string]string {
	b, err := fs.ReadFile(fsys, ParsedSums)
	if err != nil {
		return nil
	}
	sums := map[string]string{}
	for _, line := range strings.Split(string(b), "\n") {
		if sum, name, ok := strings.Cut(line, "  "); ok {
			sums[name] = sum
		}
	}
	return sums
}

// FormatSums writes the ParsedSums file of the documents docs (name -> YAML), in
// the order of names.
func FormatSums(names []string, docs map[string][]byte) []byte {
	var b bytes.Buffer
	for _, name := range names {
		fmt.Fprintf(&b, "%s  %s\n", Sum(docs[name]), name)
	}
	return b.Bytes()
}

// parsedForm returns the JSON form of document name, whose YAML is doc, if
// fsys holds one made from these bytes; else nil.
func parsedForm(fsys fs.FS, sums map[string]string, name string, doc []byte) []byte {
	if sums[name] == "" || sums[name] != Sum(doc) {
		return nil
	}
	b, err := fs.ReadFile(fsys, ParsedName(name))
	if err != nil {
		return nil
	}
	return b
}
