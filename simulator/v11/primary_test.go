package v11_test

import (
	"encoding/json"
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/capsim/capsim/fixtures"
	"github.com/capsim/capsim/simulator/server"
	"github.com/capsim/capsim/simulator/simtest"
)

// withPrimaryIdentifier serves the embedded fixtures with the org's
// primaryIdentifier set to typ.
func withPrimaryIdentifier(t *testing.T, typ string) simtest.Option {
	fsys := fstest.MapFS{}
	err := fs.WalkDir(fixtures.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fixtures.FS, path)
		if err != nil {
			return err
		}
		if path == "org.json" {
			var org map[string]any
			if err := json.Unmarshal(b, &org); err != nil {
				return err
			}
			org["primaryIdentifier"] = typ
			if b, err = json.Marshal(org); err != nil {
				return err
			}
		}
		fsys[path] = &fstest.MapFile{Data: b}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return func(o *server.Options) { o.Fixtures = fsys }
}

// TestAddPrimaryIdentifierIsConfigurable: with email as the org's primary
// identifier, the email names the customer an add item is for.
func TestAddPrimaryIdentifierIsConfigurable(t *testing.T) {
	t.Parallel()
	s := simtest.MustOpenServer(t, withPrimaryIdentifier(t, "email"))
	for _, tc := range []struct {
		name, fields, code string
	}{
		{"a known email names the customer, whatever the mobile", `"mobile":"447700900580","email":"tom.sawyer@example.com"`, "1000"},
		{"a new email with another customer's mobile 1032", `"mobile":"44700900999","email":"nobody.new@example.com"`, "1032"},
		{"a new email with another customer's external id 1033", `"email":"nobody.new2@example.com","external_id":"ts-17742"`, "1033"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := call(t, s, "POST", "/v1.1/customer/add?format=json", addBody(tc.fields))
			l := items(decode(t, s, "POST", "/v1.1/customer/add", res))
			if len(l) != 1 {
				t.Fatalf("items %v\n%s", l, res.Body)
			}
			if code, _ := itemCode(l[0]); code != tc.code {
				t.Fatalf("item code %s, want %s\n%s", code, tc.code, res.Body)
			}
		})
	}
}
