package simulator

import "strings"

// ConfiguredName returns the configured field name (of names) that name
// means: the one equal to it, else the first equal to it case-insensitively.
// Both API versions match custom and extended field names so: a client may
// send "Gender" for the configured "gender", and where the org configures
// both forms the exact one wins.
func ConfiguredName(names []string, name string) (string, bool) {
	name = strings.TrimSpace(name)
	for _, n := range names {
		if n == name {
			return n, true
		}
	}
	for _, n := range names {
		if strings.EqualFold(n, name) {
			return n, true
		}
	}
	return "", false
}
