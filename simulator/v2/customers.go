package v2

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/store"
)

// ---- shared helpers ---------------------------------------------------------

// customerFor returns customer id for a per-customer read or write: 8015 if
// there is no such customer, 8069 if it was merged into another (a victim is
// reachable by id but answers for nothing; its survivor holds the data).
func customerFor(tx *store.Tx, id int64) (*simulator.Customer, error) {
	c, err := tx.Customer(id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, simulator.Errorf(simulator.CodeCustomerNotFoundV2)
	}
	if err != nil {
		return nil, err
	}
	if c.MergedInto != 0 {
		return nil, simulator.Errorf(simulator.CodeMergedCustomer)
	}
	return c, nil
}

// requestCustomerID returns the {id} path variable; the contract has checked
// that it is a positive integer, so a failure here is a customer not found.
func requestCustomerID(r *http.Request) (int64, *simulator.Error) {
	id, ok := pathID(r)
	if !ok {
		return 0, simulator.Errorf(simulator.CodeCustomerNotFoundV2)
	}
	return id, nil
}

// readSource parses the source and accountId of a read. ALL is allowed; a
// multi-account source needs an account (8045); invalid is the operation's
// code for a source it does not know.
func readSource(source, accountID string, invalid simulator.Code) (simulator.Source, string, *simulator.Error) {
	raw := strings.ToUpper(strings.TrimSpace(source))
	acct := strings.TrimSpace(accountID)
	if raw == string(simulator.SourceAll) {
		return simulator.SourceAll, acct, nil
	}
	src, ok := simulator.ParseSource(raw)
	if !ok {
		// The contract's enum has rejected it already, with the same code.
		return "", "", simulator.Errorf(invalid)
	}
	if src.MultiAccount() && acct == "" {
		return "", "", simulator.Errorf(simulator.CodeAccountIDNotPassed)
	}
	return src, acct, nil
}

// ---- search -----------------------------------------------------------------

type matchedIdentifierV2 struct {
	IDType    string `json:"idType"`
	IDValue   string `json:"idValue"`
	Source    string `json:"source"`
	AccountID string `json:"accountId"`
}

type searchProfileV2 struct {
	Source    string `json:"source"`
	FirstName string `json:"firstName"`
	LastName  string `json:"lastName"`
	AccountID string `json:"accountId,omitempty"`
}

type searchResultV2 struct {
	UserID             int64                 `json:"userId"`
	MatchedIdentifiers []matchedIdentifierV2 `json:"matchedIdentifiers"`
	Profiles           []searchProfileV2     `json:"profiles"`
}

type searchResponse struct {
	Pagination pagination       `json:"pagination"`
	Data       []searchResultV2 `json:"data"`
	Warnings   []Message        `json:"warnings"`
	Errors     []Message        `json:"errors"`
}

// handleCustomerSearch handles "GET /v2/customers/search": customers whose
// first name, last name or an identifier starts with q, in every source,
// ordered by user id and paged by limit (10) and offset (0).
func (s *Server) handleCustomerSearch(w http.ResponseWriter, r *http.Request) {
	q := simulator.Query(r)
	limit, offset, perr := pageParams(q, 10)
	if perr != nil {
		s.fail(w, r, perr)
		return
	}
	term := strings.TrimSpace(q.Get("q"))
	if term == "" {
		// Blank would match everyone; the contract only checks that q is there.
		s.fail(w, r, simulator.Errorf(simulator.CodeInvalidInput).WithDetail("query parameter \"q\" is blank"))
		return
	}
	var src simulator.Source
	acct := strings.TrimSpace(q.Get("accountId"))
	if v := q.Get("source"); v != "" && !strings.EqualFold(v, string(simulator.SourceAll)) {
		var ok bool
		if src, ok = simulator.ParseSource(v); !ok {
			s.fail(w, r, simulator.Errorf(simulator.CodeInvalidInput).WithDetail("query parameter \"source\" %q is not a source", v))
			return
		}
	}
	n := namespace(r)
	key := searchKey{org: s.Store.Org(), ns: n, term: term, src: src, acct: acct, limit: limit, offset: offset}
	key.epoch, key.gen = s.Store.Generation(n)
	// A search asked again of an unchanged namespace answers what it did.
	if rd, ok := s.searches.get(key); ok {
		rd.write(w)
		return
	}
	res := searchResponse{Data: []searchResultV2{}, Warnings: []Message{}, Errors: []Message{}}
	err := s.Store.View(n, func(tx *store.Tx) error {
		ids, matches := tx.Search(term)
		if src != "" {
			kept := ids[:0:0]
			for _, id := range ids {
				c, err := tx.Customer(id)
				if err != nil {
					return err
				}
				if len(c.ProfilesIn(src, acct)) > 0 {
					kept = append(kept, id)
				}
			}
			ids = kept
		}
		lo, hi := pageBounds(len(ids), limit, offset)
		res.Pagination = pagination{Limit: limit, Offset: offset, Total: len(ids)}
		for _, id := range ids[lo:hi] {
			c, err := tx.Customer(id)
			if err != nil {
				return err
			}
			res.Data = append(res.Data, searchResult(c, matches[id]))
		}
		return nil
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	b, err := encodeJSON(res)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.searches.put(key, b, len(n)+len(term)+len(acct)).write(w)
}

// searchResult renders one hit: how it matched and the customer's profiles.
// accountId is "" for single-account sources in matchedIdentifiers (as the
// docs' sample shows) and left out of profiles for them.
func searchResult(c *simulator.Customer, ms []store.Match) searchResultV2 {
	out := searchResultV2{UserID: c.ID, MatchedIdentifiers: make([]matchedIdentifierV2, 0, len(ms)),
		Profiles: make([]searchProfileV2, 0, len(c.Profiles))}
	for _, m := range ms {
		out.MatchedIdentifiers = append(out.MatchedIdentifiers, matchedIdentifierV2{
			IDType: m.IDType, IDValue: m.IDValue, Source: string(m.Source), AccountID: accountOf(m.Source, m.AccountID)})
	}
	for _, p := range c.Profiles {
		out.Profiles = append(out.Profiles, searchProfileV2{Source: string(p.Source), FirstName: p.FirstName,
			LastName: p.LastName, AccountID: accountOf(p.Source, p.AccountID)})
	}
	return out
}

// accountOf returns the account of a profile as v2 shows it: none for
// single-account sources.
func accountOf(src simulator.Source, acct string) string {
	if !src.MultiAccount() {
		return ""
	}
	return acct
}

// ---- lookup -----------------------------------------------------------------

// lookupIdentifierNames are the identifier types lookup accepts (8013 else).
var lookupIdentifierNames = []string{simulator.IDMobile, simulator.IDEmail, simulator.IDExternalID,
	simulator.IDCardNumber, simulator.IDWeChat, simulator.IDMartjackID, simulator.IDFbID}

type lookupResponse struct {
	Entity   int64     `json:"entity"`
	Warnings []Message `json:"warnings"`
}

// handleCustomerLookup handles "GET /v2/customers/lookup": the id of the
// customer holding an identifier in a source (or in any, source=ALL).
// Comma-separated names and values are tried in order ("dual eligibility"):
// the first that finds a customer in the source wins.
func (s *Server) handleCustomerLookup(w http.ResponseWriter, r *http.Request) {
	lq, err := parseLookup(r, false)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	// Which customer holds an identifier changes only with the namespace.
	s.serveByState(w, r, func(tx *store.Tx, _ time.Time) (any, *simulator.Customer, error) {
		found, err := lookupCustomerID(tx, lq.src, lq.acct, lq.pairs)
		if err != nil {
			return nil, nil, err
		}
		return lookupResponse{Entity: found, Warnings: []Message{}}, nil, nil
	})
}

// lookupQuery is a lookup's query, read and checked.
type lookupQuery struct {
	src   simulator.Source
	acct  string
	pairs []simulator.Identifier
	gq    getQuery
}

// parseLookup reads a lookup's query (source, accountId, identifierName and
// identifierValue, with their codes; embed too when withEmbed).
func parseLookup(r *http.Request, withEmbed bool) (lookupQuery, error) {
	q := simulator.Query(r)
	src, acct, serr := readSource(q.Get("source"), q.Get("accountId"), simulator.CodeLookupInvalidSource)
	if serr != nil {
		return lookupQuery{}, serr
	}
	pairs, perr := lookupPairs(q.Get("identifierName"), q.Get("identifierValue"))
	if perr != nil {
		return lookupQuery{}, perr
	}
	lq := lookupQuery{src: src, acct: acct, pairs: pairs, gq: getQuery{src: src, acct: acct}}
	if withEmbed {
		var eerr *simulator.Error
		if lq.gq.emb, eerr = parseEmbed(q.Get("embed")); eerr != nil {
			return lookupQuery{}, eerr
		}
	}
	return lq, nil
}

// lookup reads a lookup's query (parseLookup) and returns the customer it
// finds (lookupCustomerID) with what get would render.
func (s *Server) lookup(r *http.Request, withEmbed bool) (int64, getQuery, error) {
	lq, err := parseLookup(r, withEmbed)
	if err != nil {
		return 0, getQuery{}, err
	}
	var found int64
	err = s.Store.View(namespace(r), func(tx *store.Tx) error {
		var err error
		found, err = lookupCustomerID(tx, lq.src, lq.acct, lq.pairs)
		return err
	})
	return found, lq.gq, err
}

// lookupCustomerID returns the id of the customer holding one of pairs in
// src (in any source for ALL): the first pair that finds one wins. 8065 when
// none finds one in src but one is held in another source, 8015 when none
// is held at all.
func lookupCustomerID(tx *store.Tx, src simulator.Source, acct string, pairs []simulator.Identifier) (int64, error) {
	var found int64
	elsewhere := false
	for _, p := range pairs {
		if src == simulator.SourceAll {
			if hs := tx.Holders(p.Type, p.Value); len(hs) > 0 {
				found = hs[0].UserID
				break
			}
			continue
		}
		if id, ok := tx.Owner(src, acct, p.Type, p.Value); ok {
			found = id
			break
		}
		if len(tx.Holders(p.Type, p.Value)) > 0 {
			elsewhere = true
		}
	}
	if found == 0 {
		if elsewhere {
			return 0, simulator.Errorf(simulator.CodeNotFoundInSource)
		}
		return 0, simulator.Errorf(simulator.CodeCustomerNotFoundV2)
	}
	// Victims are not indexed, so this only guards against a record that
	// was merged without being re-indexed: answer with the survivor.
	if c, _, err := tx.Survivor(found); err == nil {
		found = c.ID
	}
	return found, nil
}

// handleCustomerDetailsLookup handles "GET /v2/customers/lookup/customerDetails":
// the customer lookup finds (source, accountId, identifierName and
// identifierValue as for lookup, with its codes), answered as GET
// /v2/customers/{id} answers it with the same source, accountId and embed:
// the same body, byte for byte, from the same render cache.
func (s *Server) handleCustomerDetailsLookup(w http.ResponseWriter, r *http.Request) {
	id, gq, err := s.lookup(r, true)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.serveCustomer(w, r, id, gq)
}

// lookupPairs splits identifierName and identifierValue into pairs. With one
// name the value is taken whole (an external id may hold a comma).
func lookupPairs(names, values string) ([]simulator.Identifier, *simulator.Error) {
	typs := strings.Split(names, ",")
	vals := []string{values}
	if len(typs) > 1 {
		vals = strings.Split(values, ",")
		if len(vals) != len(typs) {
			return nil, simulator.Errorf(simulator.CodeLookupInvalidIdentifier).WithDetail(
				"%d identifier names but %d values", len(typs), len(vals))
		}
	}
	out := make([]simulator.Identifier, 0, len(typs))
	for i, n := range typs {
		typ, ok := lookupIdentifierName(n)
		if !ok {
			return nil, simulator.Errorf(simulator.CodeLookupInvalidIdentifier).WithDetail("identifierName %q", strings.TrimSpace(n))
		}
		v := strings.TrimSpace(vals[i])
		if v == "" {
			return nil, simulator.Errorf(simulator.CodeLookupInvalidIdentifier).WithDetail("identifierValue for %s is empty", typ)
		}
		out = append(out, simulator.Identifier{Type: typ, Value: v})
	}
	return out, nil
}

// lookupIdentifierName returns the documented spelling of identifier name n
// (matched case-insensitively).
func lookupIdentifierName(n string) (string, bool) {
	n = strings.TrimSpace(n)
	for _, k := range lookupIdentifierNames {
		if strings.EqualFold(k, n) {
			return k, true
		}
	}
	return "", false
}

// ---- get --------------------------------------------------------------------

// embeds are the optional parts of GET /v2/customers/{id}.
type embeds struct{ points, subscriptions, mlp, userGroup bool }

// parseEmbed reads the comma-separated embed parameter. Quotes around values
// are dropped: the docs write the parameter as embed="points" (with curly
// quotes), and partner teams copy it as it stands.
func parseEmbed(v string) (embeds, *simulator.Error) {
	var e embeds
	for rest, more := v, true; more; {
		var part string
		part, rest, more = strings.Cut(rest, ",")
		name := strings.ToLower(strings.Trim(strings.TrimSpace(part), "\"'“”"))
		switch name {
		case "":
		case "points":
			e.points = true
		case "subscriptions":
			e.subscriptions = true
		case "mlp":
			e.mlp = true
		case "usergroup":
			e.userGroup = true
		default:
			return e, simulator.Errorf(simulator.CodeInvalidInput).WithDetail(
				"query parameter \"embed\": %q is not one of points, subscriptions, mlp, usergroup", strings.TrimSpace(part))
		}
	}
	return e, nil
}

type tillV2 struct {
	Code        string `json:"code"`
	Description string `json:"description"`
	Name        string `json:"name"`
	Type        string `json:"type"`
}

type userRefV2 struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

type profileAttributionV2 struct {
	CreateDate   string `json:"createDate"`
	CreatedBy    tillV2 `json:"createdBy"`
	ModifiedBy   tillV2 `json:"modifiedBy"`
	ModifiedDate string `json:"modifiedDate"`
}

type identifierV2 struct {
	Type  string `json:"type"`
	Value string `json:"value"`
}

type commChannelV2 struct {
	Type     string          `json:"type"`
	Value    string          `json:"value"`
	Primary  bool            `json:"primary"`
	Verified bool            `json:"verified"`
	Meta     map[string]bool `json:"meta"`
}

type profileV2 struct {
	FirstName              string               `json:"firstName"`
	LastName               string               `json:"lastName"`
	Attribution            profileAttributionV2 `json:"attribution"`
	Fields                 map[string]string    `json:"fields"`
	Identifiers            []identifierV2       `json:"identifiers"`
	CommChannels           []commChannelV2      `json:"commChannels"`
	Source                 string               `json:"source"`
	AccountID              string               `json:"accountId,omitempty"`
	UserID                 int64                `json:"userId"`
	ConflictingProfileList []any                `json:"conflictingProfileList"`
	AutoUpdateTime         string               `json:"autoUpdateTime"`
}

type loyaltyAttributionV2 struct {
	CreateDate   string    `json:"createDate"`
	CreatedBy    userRefV2 `json:"createdBy"`
	ModifiedBy   userRefV2 `json:"modifiedBy"`
	ModifiedDate string    `json:"modifiedDate"`
}

type loyaltyInfoV2 struct {
	LoyaltyType       string               `json:"loyaltyType"`
	AttributionV2     loyaltyAttributionV2 `json:"attributionV2"`
	LifetimePurchases float64              `json:"lifetimePurchases"`
}

type userGroupV2 struct {
	ID            int64  `json:"id"`
	Name          string `json:"name"`
	Role          string `json:"role"`
	PrimaryUserID int64  `json:"primaryUserId"`
}

// customerV2 is a customer as GET /v2/customers/{id} shows it.
type customerV2 struct {
	ID                    int64              `json:"id"`
	Profiles              []profileV2        `json:"profiles"`
	LoyaltyInfo           loyaltyInfoV2      `json:"loyaltyInfo"`
	Segments              map[string]any     `json:"segments"`
	ExtendedFields        map[string]string  `json:"extendedFields"`
	Warnings              []Message          `json:"warnings"`
	PointsSummary         *pointsSummaryV2   `json:"pointsSummary,omitempty"`
	SubscriptionInfo      *subscriptionInfo  `json:"subscriptionInfo,omitempty"`
	LoyaltyProgramDetails []programDetailsV2 `json:"loyaltyProgramDetails,omitzero"`
	UserGroup             *userGroupV2       `json:"userGroup,omitempty"`
}

// handleCustomerGet handles "GET /v2/customers/{id}": the customer's profiles
// in a source (every source for ALL), loyalty information and the embeds.
func (s *Server) handleCustomerGet(w http.ResponseWriter, r *http.Request) {
	id, ierr := requestCustomerID(r)
	if ierr != nil {
		s.fail(w, r, ierr)
		return
	}
	gq, qerr := parseGetQuery(&rawQuery{raw: r.URL.RawQuery})
	if qerr != nil {
		s.fail(w, r, qerr)
		return
	}
	s.serveCustomer(w, r, id, gq)
}

// serveCustomer writes customer id as gq asks to see it, from the render
// cache while the customer and the clock's expiry slot are unchanged.
func (s *Server) serveCustomer(w http.ResponseWriter, r *http.Request, id int64, gq getQuery) {
	n := namespace(r)
	key := customerKey{org: s.Store.Org(), epoch: s.Store.Epoch(), ns: n, id: id, query: gq}
	// A customer read again unchanged answers what it answered before.
	now := s.now(r)
	if c, ok := s.Store.Cached(n, id); ok {
		key.version, key.clock = c.Version, c.ExpirySlot(now)
		if rd, ok := s.renders.get(key); ok {
			rd.write(w)
			return
		}
	}
	var body []byte
	err := s.Store.View(n, func(tx *store.Tx) error {
		c, err := customerFor(tx, id)
		if err != nil {
			return err
		}
		key.version, key.clock = c.Version, c.ExpirySlot(now)
		if rd, ok := s.renders.get(key); ok {
			body = rd.body
			return nil
		}
		profiles := c.ProfilesIn(gq.src, gq.acct)
		if gq.src != simulator.SourceAll && len(profiles) == 0 {
			return simulator.Errorf(simulator.CodeNotFoundInSource)
		}
		b, err := encodeJSON(renderCustomer(tx.Org(), c, profiles, gq.emb, now))
		if err != nil {
			return err
		}
		body = s.renders.put(key, b, len(key.ns)+len(key.query.acct)).body
		return nil
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeBody(w, http.StatusOK, body)
}

// parseGetQuery reads and checks the query of GET /v2/customers/{id}: the
// source (8016 missing is the contract's, 8012 unknown, 8045 no account for
// a multi-account source) and embed (400 for an unknown one).
func parseGetQuery(q *rawQuery) (getQuery, *simulator.Error) {
	src, acct, err := readSource(q.Get("source"), q.Get("accountId"), simulator.CodeGetInvalidSource)
	if err != nil {
		return getQuery{}, err
	}
	emb, err := parseEmbed(q.Get("embed"))
	if err != nil {
		return getQuery{}, err
	}
	return getQuery{src: src, acct: acct, emb: emb}, nil
}

// renderCustomer renders c with the given profiles and embeds. c is shared
// (read in a View): nothing here may change it.
func renderCustomer(org *simulator.Org, c *simulator.Customer, profiles []simulator.Profile, e embeds, now time.Time) customerV2 {
	la := c.LoyaltyAttribution
	// Loyalty attribution missing from a record (one not written through v2)
	// reads as the primary profile's, as the customer's registration.
	var pa simulator.Attribution
	if p := c.Primary(); p != nil {
		pa = p.Attribution
	}
	out := customerV2{
		ID:       c.ID,
		Profiles: make([]profileV2, 0, len(profiles)),
		LoyaltyInfo: loyaltyInfoV2{
			LoyaltyType: string(c.LoyaltyType),
			AttributionV2: loyaltyAttributionV2{
				CreateDate:   dateV2(la.CreateDate, pa.CreateDate, la.ModifiedDate),
				CreatedBy:    userRef(org, firstOf(la.CreatedBy, pa.CreatedBy)),
				ModifiedBy:   userRef(org, firstOf(la.ModifiedBy, la.CreatedBy, pa.ModifiedBy, pa.CreatedBy)),
				ModifiedDate: dateV2(la.ModifiedDate, la.CreateDate, pa.ModifiedDate, pa.CreateDate),
			},
			LifetimePurchases: c.LifetimePurchases,
		},
		Segments:       map[string]any{},
		ExtendedFields: c.ExtendedFields,
		Warnings:       []Message{},
	}
	if out.LoyaltyInfo.LoyaltyType == "" {
		out.LoyaltyInfo.LoyaltyType = string(simulator.LoyaltyNonLoyalty)
	}
	if out.ExtendedFields == nil {
		out.ExtendedFields = map[string]string{}
	}
	for i := range profiles {
		out.Profiles = append(out.Profiles, renderProfile(org, c.ID, &profiles[i]))
	}
	if e.points {
		ps := pointsSummary(c.StandingAt(org.DefaultProgram(), now))
		out.PointsSummary = &ps
	}
	if e.subscriptions {
		out.SubscriptionInfo = &subscriptionInfo{Subscriptions: renderSubscriptions(c)}
	}
	if e.mlp {
		out.LoyaltyProgramDetails = programDetails(org, c, 0, now)
	}
	if e.userGroup && c.UserGroup != nil {
		g := c.UserGroup
		out.UserGroup = &userGroupV2{ID: g.ID, Name: g.Name, Role: g.Role, PrimaryUserID: g.PrimaryUser}
	}
	return out
}

func renderProfile(org *simulator.Org, userID int64, p *simulator.Profile) profileV2 {
	a := p.Attribution
	out := profileV2{
		FirstName: p.FirstName,
		LastName:  p.LastName,
		Attribution: profileAttributionV2{
			CreateDate:   dateV2(a.CreateDate, a.ModifiedDate),
			CreatedBy:    till(org, a.CreatedBy),
			ModifiedBy:   till(org, firstOf(a.ModifiedBy, a.CreatedBy)),
			ModifiedDate: dateV2(a.ModifiedDate, a.CreateDate),
		},
		Fields:                 p.Fields,
		Identifiers:            make([]identifierV2, 0, len(p.Identifiers)),
		CommChannels:           make([]commChannelV2, 0, len(p.CommChannels)),
		Source:                 string(p.Source),
		AccountID:              accountOf(p.Source, p.AccountID),
		UserID:                 userID,
		ConflictingProfileList: []any{},
		AutoUpdateTime:         dateV2(a.ModifiedDate, a.CreateDate),
	}
	if out.Fields == nil {
		out.Fields = map[string]string{}
	}
	for _, id := range p.Identifiers {
		out.Identifiers = append(out.Identifiers, identifierV2{Type: id.Type, Value: id.Value})
	}
	for _, ch := range p.CommChannels {
		meta := ch.Meta
		if meta == nil {
			meta = map[string]bool{}
		}
		out.CommChannels = append(out.CommChannels, commChannelV2{Type: ch.Type, Value: ch.Value,
			Primary: ch.Primary, Verified: ch.Verified, Meta: meta})
	}
	return out
}

// till renders the till with code as profile attribution shows it.
func till(org *simulator.Org, code string) tillV2 {
	ref := userRef(org, code)
	return tillV2{Code: ref.Code, Description: "", Name: ref.Name, Type: "TILL"}
}

// userRef renders the till with code as {code, name}; an unknown till is
// named by its code.
func userRef(org *simulator.Org, code string) userRefV2 {
	name := code
	if t := org.Till(code); t != nil && t.Name != "" {
		name = t.Name
	}
	return userRefV2{Code: code, Name: name}
}

// dateV2 formats the first non-zero time of ts as a v2 date-time. A record
// with no date at all (never the case for what the APIs write) reads as the
// Unix epoch, so that the response still carries a date-time.
func dateV2(ts ...time.Time) string {
	for _, t := range ts {
		if !t.IsZero() {
			return timeV2(t)
		}
	}
	return timeV2(time.Unix(0, 0).UTC())
}

// firstOf returns the first non-empty string of ss.
func firstOf(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
