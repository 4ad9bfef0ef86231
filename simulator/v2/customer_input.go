package v2

import (
	"net/http"
	"net/url"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/capsim/capsim/simulator"
)

// ---- request bodies ---------------------------------------------------------

// identifierInput is one {type, value} of a request; values may be numbers
// (the update sample sends the mobile 919111111111 unquoted).
type identifierInput struct {
	Type  string     `json:"type"`
	Value FlexString `json:"value"`
}

// commChannelInput is one communication channel of a request; primary and
// verified come as booleans or as "true"/"false" (both appear in the docs).
type commChannelInput struct {
	Type     string          `json:"type"`
	Value    FlexString      `json:"value"`
	Primary  FlexBool        `json:"primary"`
	Verified FlexBool        `json:"verified"`
	Meta     map[string]bool `json:"meta"`
}

// profileInput is one element of profiles[]. Its source and accountId are
// ignored: the query parameters say where the profile lives (the update
// sample sends accountId "1234" in the body and 22232 in the query).
type profileInput struct {
	FirstName    *string               `json:"firstName"`
	LastName     *string               `json:"lastName"`
	Fields       map[string]FlexString `json:"fields"`
	Identifiers  []identifierInput     `json:"identifiers"`
	CommChannels []commChannelInput    `json:"commChannels"`
	Source       string                `json:"source"`
	AccountID    string                `json:"accountId"`
}

// customerInput is the body of register and update.
type customerInput struct {
	LoyaltyInfo *struct {
		LoyaltyType string `json:"loyaltyType"`
	} `json:"loyaltyInfo"`
	AssociatedWith string                `json:"associatedWith"`
	Profiles       []profileInput        `json:"profiles"`
	ExtendedFields map[string]FlexString `json:"extendedFields"`
	AttributionV2  *struct {
		CreateDate string `json:"createDate"`
	} `json:"attributionV2"`
}

// loyaltyType returns the requested loyalty type, or "" when none is given.
func (in *customerInput) loyaltyType() simulator.LoyaltyType {
	if in.LoyaltyInfo == nil {
		return ""
	}
	return simulator.LoyaltyType(strings.ToLower(strings.TrimSpace(in.LoyaltyInfo.LoyaltyType)))
}

// profile returns profiles[0], the only profile a write acts on (the request
// names one source), or nil when there is none.
func (in *customerInput) profile() *profileInput {
	if len(in.Profiles) == 0 {
		return nil
	}
	return &in.Profiles[0]
}

// ---- source and account -----------------------------------------------------

// writeSource returns the source and account a write acts on. The contract has
// checked source against the enum; a multi-account source needs an accountId
// (8045, in the wording of the operation's table: noAccount), and a
// single-account source has none whatever the query says.
func writeSource(q url.Values, noAccount simulator.Code) (simulator.Source, string, *simulator.Error) {
	src, ok := simulator.ParseSource(q.Get("source"))
	if !ok {
		return "", "", simulator.Errorf(simulator.CodeInvalidInput).WithDetail("query parameter \"source\" %q is not a source", q.Get("source"))
	}
	acct := strings.TrimSpace(q.Get("accountId"))
	if !src.MultiAccount() {
		return src, "", nil
	}
	if acct == "" {
		return "", "", simulator.Errorf(noAccount)
	}
	return src, acct, nil
}

// ---- identifier and channel rules (NOTES §5.1, simulator/identifier_rules.go) --

// maxNameLen is the length of first and last names the API keeps; it
// silently drops the rest.
const maxNameLen = 100

// identifierCodes are the codes an operation answers for invalid identifier
// values: register and update say 8014 (invalid primary id) for a mobile,
// changeIdentifier has its own 8056; all use 8055 for an email and 8064 for
// an external id.
type identifierCodes struct{ mobile, email, externalID simulator.Code }

// cleanIdentifier returns identifier typ=raw as stored, ok=false when its
// value is empty, or the error for a value of the wrong form. An email longer
// than 255 characters is refused: the docs say v2 ignores the excess, but a
// cut address is another address. Control characters are refused in every
// identifier (they cannot be indexed).
func cleanIdentifier(typ, raw string, codes identifierCodes) (simulator.Identifier, bool, *simulator.Error) {
	v := strings.TrimSpace(raw)
	if typ == simulator.IDMobile {
		v = simulator.CleanMobile(v)
	}
	if !simulator.KnownIdentifierType(typ) {
		// The contract's enum has rejected it already.
		return simulator.Identifier{}, false, simulator.Errorf(simulator.CodeInvalidInput).WithDetail("identifier type %q is not known", typ)
	}
	if v == "" {
		return simulator.Identifier{}, false, nil
	}
	if strings.IndexFunc(v, unicode.IsControl) >= 0 {
		return simulator.Identifier{}, false, simulator.Errorf(simulator.CodeInvalidInput).WithDetail("%s value has a control character", typ)
	}
	switch typ {
	case simulator.IDMobile:
		if !simulator.ValidMobile(v) {
			return simulator.Identifier{}, false, identifierError(codes.mobile, raw)
		}
	case simulator.IDEmail:
		if !simulator.ValidEmail(v) {
			return simulator.Identifier{}, false, identifierError(codes.email, raw)
		}
	case simulator.IDExternalID:
		if !simulator.ValidExternalID(v) {
			return simulator.Identifier{}, false, identifierError(codes.externalID, raw)
		}
	}
	return simulator.Identifier{Type: typ, Value: v}, true, nil
}

// identifierError returns code for an invalid identifier value; a message with
// a placeholder (8014's "Invalid Primary Id - {x}") names the value, others
// keep their documented text.
func identifierError(code simulator.Code, raw string) *simulator.Error {
	if strings.Contains(code.Info().Message, "{x}") {
		return simulator.Errorf(code, raw)
	}
	return simulator.Errorf(code)
}

// cleanIdentifiers returns the profile identifiers of a register or update
// body, trimmed and without repeats; identifiers with empty values are
// dropped, so a body of only those has no valid identifier (8005 / 8009).
func cleanIdentifiers(in []identifierInput, codes identifierCodes) ([]simulator.Identifier, *simulator.Error) {
	var out []simulator.Identifier
	for _, raw := range in {
		id, ok, err := cleanIdentifier(raw.Type, string(raw.Value), codes)
		if err != nil {
			return nil, err
		}
		if ok && !hasIdentifier(out, id) {
			out = append(out, id)
		}
	}
	return out, nil
}

// hasIdentifier reports whether ids hold id (values compared normalised).
func hasIdentifier(ids []simulator.Identifier, id simulator.Identifier) bool {
	p := simulator.Profile{Identifiers: ids}
	return p.HasIdentifier(id.Type, id.Value)
}

// cleanCommChannels validates the commChannels of a register or update body:
// the type must be documented (8010), and a mobile or email channel must hold
// a valid number (8058) or address (8057). The status-code page lists 8057
// and 8058 among warnings, but the update and changeIdentifier pages list
// them as errors of the call, and a channel that cannot be reached is not
// worth storing, so capsim refuses the request.
func cleanCommChannels(in []commChannelInput) ([]simulator.CommChannel, *simulator.Error) {
	out := make([]simulator.CommChannel, 0, len(in))
	for i, ch := range in {
		typ := strings.ToLower(strings.TrimSpace(ch.Type))
		if !knownCommChannel(typ) {
			return nil, simulator.Errorf(simulator.CodeInvalidCommChannel).WithDetail("commChannels[%d] type %q", i, ch.Type)
		}
		v := strings.TrimSpace(string(ch.Value))
		switch typ {
		case "mobile":
			v = simulator.CleanMobile(v)
			if !simulator.ValidMobile(v) {
				return nil, simulator.Errorf(simulator.CodeInvalidCommChannelMobileError)
			}
		case "email":
			if !simulator.ValidEmail(v) {
				return nil, simulator.Errorf(simulator.CodeInvalidCommChannelEmailError)
			}
		default:
			if v == "" {
				return nil, simulator.Errorf(simulator.CodeInvalidCommChannel).WithDetail("commChannels[%d] value is empty", i)
			}
		}
		out = append(out, simulator.CommChannel{Type: typ, Value: v, Primary: bool(ch.Primary),
			Verified: bool(ch.Verified), Meta: ch.Meta})
	}
	return out, nil
}

func knownCommChannel(typ string) bool {
	for _, t := range simulator.CommChannelTypes {
		if t == typ {
			return true
		}
	}
	return false
}

// ---- names and fields -----------------------------------------------------------

// cleanName trims a first or last name and drops what follows its 100th
// character: the v2 API ignores the excess silently (NOTES §5.1).
func cleanName(v string) string {
	v = strings.TrimSpace(v)
	if utf8.RuneCountInString(v) <= maxNameLen {
		return v
	}
	return string([]rune(v)[:maxNameLen])
}

// customFields returns the custom fields of a body that the org has
// configured, under their configured names. Others are dropped: v2 has no
// code for an unknown custom field (v1.1's 1017 warning has no v2 twin).
func customFields(org *simulator.Org, in map[string]FlexString) map[string]string {
	out := map[string]string{}
	for k, v := range in {
		if name, ok := simulator.ConfiguredName(org.CustomFields, k); ok {
			out[name] = strings.TrimSpace(string(v))
		}
	}
	return out
}

// extendedFields returns the extended fields of a body that the org has
// enabled, under their enabled names, and a warning for each other one.
func extendedFields(org *simulator.Org, in map[string]FlexString) (map[string]string, []*simulator.Error) {
	out := map[string]string{}
	var warns []*simulator.Error
	for _, k := range sortedKeys(in) {
		name, ok := simulator.ConfiguredName(org.ExtendedFields, k)
		if !ok {
			warns = append(warns, simulator.Errorf(simulator.CodeInvalidExtendedField, k))
			continue
		}
		out[name] = strings.TrimSpace(string(in[k]))
	}
	return out, warns
}

func sortedKeys(m map[string]FlexString) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// associatedTill returns the till a write is attributed to: associatedWith
// when it names a till of the org, else the authenticated till, with warning
// 8077 for an associatedWith that names no till.
func (s *Server) associatedTill(r *http.Request, associatedWith string) (string, *simulator.Error) {
	a := strings.TrimSpace(associatedWith)
	if a == "" {
		return s.till(r), nil
	}
	if s.Store.Org().Till(a) == nil {
		return s.till(r), simulator.Errorf(simulator.CodeInvalidAssociatedWith)
	}
	return a, nil
}

// ---- loyalty ------------------------------------------------------------------
