package simulator

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Identifier value rules (NOTES §5.1). Per-country mobile lengths are not
// public, so a mobile is the country code and number: 8 to 15 digits.
const (
	MinMobileDigits  = 8
	MaxMobileDigits  = 15
	MaxEmailLen      = 255
	MaxExternalIDLen = 250
	// MaxIdentifiers bounds the identifiers one customer holds over all its
	// profiles. The reference names no limit; every identifier is several
	// index keys written in the store's one exclusive transaction, so an
	// unbounded customer would hold up every namespace's writes.
	MaxIdentifiers = 100
)

// CheckIdentifierCount refuses a customer holding more than MaxIdentifiers.
func (c *Customer) CheckIdentifierCount() error {
	n := 0
	for _, p := range c.Profiles {
		n += len(p.Identifiers)
	}
	if n > MaxIdentifiers {
		return Errorf(CodeInvalidInput).WithDetail("customer %d would hold %d identifiers: a customer holds at most %d (capsim's bound)", c.ID, n, MaxIdentifiers)
	}
	return nil
}

// emailRE is the address form the docs allow: "a-z A-Z 0-9 - _ + . and @".
var emailRE = regexp.MustCompile(`^[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$`)

// CleanMobile returns a mobile number as stored: trimmed, without a leading
// "+" (clients send both forms; Capillary keeps digits only).
func CleanMobile(v string) string { return strings.TrimPrefix(strings.TrimSpace(v), "+") }

// ValidMobile reports whether v (cleaned) is 8 to 15 digits.
func ValidMobile(v string) bool {
	if len(v) < MinMobileDigits || len(v) > MaxMobileDigits {
		return false
	}
	for _, r := range v {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// ValidEmail reports whether v is an address the APIs accept.
func ValidEmail(v string) bool { return len(v) <= MaxEmailLen && emailRE.MatchString(v) }

// ValidExternalID reports whether v can be an external id: at most 250
// characters ("Maximum length is 250 characters") and no control characters.
func ValidExternalID(v string) bool {
	if v == "" || !utf8.ValidString(v) || utf8.RuneCountInString(v) > MaxExternalIDLen {
		return false
	}
	return strings.IndexFunc(v, unicode.IsControl) < 0
}
