package v11

import (
	"errors"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/store"
)

// The v1.1 points API (reference 005): isredeemable, validationcode and
// redeem. The rules are the domain's (simulator/points.go: RedemptionRules
// of the program, CheckRedemption, RedeemPoints, validation codes); this
// file reads the wire, calls them and writes the answers. None of the
// three has batch support: each answers one item.

// HeaderValidationCode carries, on the answer that issued one, the
// validation code the real service would send the customer by SMS or email.
// The v1.1 body never shows it (the documented samples do not), so a test
// reads it here or in the request journal, which records response headers.
const HeaderValidationCode = "X-Capsim-Validation-Code"

// pointsRefusalCodes is the one table from the points model's refusals to
// the v1.1 item codes. Where 005 gives one situation several codes, the
// code chosen is the one its descriptions fit best:
//   - more points than the balance: 818, the one code both of 005's lists
//     describe as "points requested are more than the current points"
//     (803, 804 and 813 are left to scenarios);
//   - fraud: 809, the first of the two codes (809, 820) 005 words alike.
var pointsRefusalCodes = simulator.ReasonCodes{
	simulator.ReasonNotLoyalty:        simulator.CodePointsNotLoyaltyCustomer,
	simulator.ReasonPointsInvalid:     simulator.CodeInvalidRedemptionPoints,
	simulator.ReasonPointsBelowMin:    simulator.CodePointsBelowMinimum,
	simulator.ReasonPointsNotMultiple: simulator.CodePointsNotDivisible,
	simulator.ReasonPointsAboveMax:    simulator.CodePointsAboveMaximum,
	simulator.ReasonPointsShort:       simulator.CodePointsMoreThanAvailable,
	simulator.ReasonValidationCode:    simulator.CodeInvalidValidationCodePoints,
	simulator.ReasonFraudRedemption:   simulator.CodePointsCustomerFraud,
}

// pointsRefusal returns the item error of refusal r.
func pointsRefusal(r *simulator.Refusal) *simulator.Error {
	return pointsRefusalCodes.Error(r, simulator.CodePointsRedemptionFailed)
}

// pointsIdentNames are the identifiers the points API finds a customer by,
// in the order they are tried (005: mobile/email/external_id/card_number/
// card_external_id; 009 adds id; validationcode also takes user_id).
var pointsIdentNames = []string{IdentMobile, IdentEmail, IdentExternalID, IdentID, "user_id", IdentCardNumber, "card_external_id"}

// pointsIdent returns the first identifier v (a query or a body's customer)
// names, or false.
func pointsIdent(get func(string) string) (Ident, bool) {
	for _, name := range pointsIdentNames {
		if val := strings.TrimSpace(get(name)); val != "" {
			if name == "user_id" {
				name = IdentID
			}
			return Ident{Name: name, Value: val}, true
		}
	}
	return Ident{}, false
}

// findPointsCustomer returns the customer id names, or the points API's
// item error: 802 for no identifier or one that cannot be one (a mobile
// that is not digits, an email without @, an id that is not a positive
// number, a card external id, which capsim does not hold), 816 "Customer
// not found for organization" (the redeem sample's message, without a
// detail) for one that finds no customer.
func findPointsCustomer(tx *store.Tx, id Ident, ok bool) (*simulator.Customer, *simulator.Error) {
	bad := func(format string, args ...any) *simulator.Error {
		return simulator.Errorf(simulator.CodePointsInvalidIdentifier).WithDetail(format, args...)
	}
	if !ok {
		return nil, bad("no identifier: pass mobile, email, external_id, id or card_number")
	}
	switch id.Name {
	case IdentMobile:
		if m := simulator.CleanMobile(id.Value); m == "" || strings.Trim(m, "0123456789") != "" {
			return nil, bad("mobile %q is not a number", id.Value)
		}
	case IdentEmail:
		if !strings.Contains(id.Value, "@") {
			return nil, bad("email %q is not an email address", id.Value)
		}
	case IdentID:
		if n, err := strconv.ParseInt(id.Value, 10, 64); err != nil || n <= 0 {
			return nil, bad("id %q is not a positive number", id.Value)
		}
	case "card_external_id":
		return nil, bad("card_external_id %q: capsim holds no card external ids", id.Value)
	}
	c, _, err := FindCustomer(tx, id)
	if err != nil {
		switch err.Code {
		case simulator.CodeCustomerNotFound, simulator.CodeCustomerNotFoundForIdentifier:
			return nil, simulator.Errorf(simulator.CodeCustomerNotFoundForOrg)
		}
		return nil, bad("%s", err.Message())
	}
	return c, nil
}

// pointsProgram returns the program program_id names. An id the org does
// not have, or none, means the org's default program: 005's samples name
// program 504, which no fixture org has, and must still answer as
// documented.
func pointsProgram(org *simulator.Org, q url.Values) *simulator.Program {
	if n, err := strconv.ParseInt(strings.TrimSpace(q.Get("program_id")), 10, 64); err == nil {
		if p := org.Program(n); p != nil {
			return p
		}
	}
	return org.DefaultProgram()
}

// parsePoints reads a number of points; what is not a number is NaN, which
// the model refuses as not a positive whole number (801).
func parsePoints(s string) float64 {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsInf(f, 0) {
		return math.NaN()
	}
	return f
}

// skipValidation reports whether the request asks to redeem without a
// validation code: skip_validation=true, or validation_type=INVALID, which
// 005 says to use with skip_validation.
func skipValidation(q url.Values) bool {
	return histBool(q, "skip_validation") || strings.EqualFold(strings.TrimSpace(q.Get("validation_type")), "INVALID")
}

// checkValidationType refuses validation_type=MISSED_CALL: capsim's orgs
// have no missed-call validation (823).
func checkValidationType(q url.Values) *simulator.Error {
	if strings.EqualFold(strings.TrimSpace(q.Get("validation_type")), "MISSED_CALL") {
		return simulator.Errorf(simulator.CodeMissedCallRedemptionDisabled).WithDetail("validation_type MISSED_CALL: the org validates by SMS or email")
	}
	return nil
}

// pointsItemStatus is the item_status of a points answer: code a number,
// as the redeem sample writes it (the isredeemable and validationcode
// samples print it as a string: their documented shapes say so).
func pointsItemStatus(res Result) Obj { return res.ItemStatus().Set("code", res.Number()) }

// handlePointsIsRedeemable handles "GET /v1.1/points/isredeemable": whether
// the customer the query names may redeem points in the program (program_id,
// else the default one) now, by the program's redemption rules. With
// issue_otp=true a redeemable answer also issues a validation code (written
// to the customer, sent in HeaderValidationCode); with validation_code=, in
// a program that requires codes, the code must be one of the customer's
// (808 otherwise; it is not used up). Item code 800 "Points can be
// redeemed", or the refusal's (pointsRefusalCodes; 802/816 for the
// customer).
//
// The answer is response.points.redeemable: 005's sample nests it in a
// copy of the redeem answer, a paste error its own text and the real
// clients contradict (docs/v11-points.md).
func (s *Server) handlePointsIsRedeemable(w http.ResponseWriter, r *http.Request) {
	q := simulator.Query(r)
	id, named := pointsIdent(q.Get)
	b := newBatch(r)
	var code string
	b.item(func() (Obj, Result) {
		item, res, vc := s.isRedeemable(r, q, id, named)
		code = vc
		return item, res
	}, func(res Result) Obj { return redeemableEcho(q, id, res) })
	if code != "" {
		w.Header().Set(HeaderValidationCode, code)
	}
	root := Obj{{"status", b.Status()}, {"points", Obj{{"redeemable", b.Items()[0]}}}}
	reply(w, r, root, b.Codes()...)
}

func (s *Server) isRedeemable(r *http.Request, q url.Values, id Ident, named bool) (Obj, Result, string) {
	now, prog := s.now(r), pointsProgram(s.Store.Org(), q)
	points := parsePoints(q.Get("points"))
	var code string
	item, res, ok := s.pointsWrite(r, q, id, named, prog,
		func(c *simulator.Customer, res Result) Obj { return redeemableItem(c, q, prog, 0, false, res) },
		func(res Result) Obj { return redeemableEcho(q, id, res) },
		func(tx *store.Tx, c *simulator.Customer, fail func(*simulator.Error) error) (Obj, Result, error) {
			if ref := c.CheckRedemption(prog, points, now); ref != nil {
				return nil, Result{}, fail(pointsRefusal(ref))
			}
			if vc := strings.TrimSpace(q.Get("validation_code")); prog.Redemption.ValidationCode && !skipValidation(q) && vc != "" && !c.HasValidationCode(vc, now) {
				return nil, Result{}, fail(simulator.Errorf(simulator.CodeInvalidValidationCodePoints).WithDetail("%q is not a validation code the customer holds", vc))
			}
			res := Succeeded(simulator.CodePointsRedeemable)
			item := redeemableItem(c, q, prog, points, true, res)
			if !histBool(q, "issue_otp") {
				return item, res, errNoWrite
			}
			code = c.IssueValidationCode(points, now).Code
			return item, res, tx.Put(c)
		})
	if !ok {
		code = ""
	}
	return item, res, code
}

// pointsWrite runs one points item in a write of r's namespace: it finds
// the customer id names, refuses a missing program and a bad
// validation_type, then runs run, whose fail refuses the item with e
// (rendered by itemOf) and writes nothing. A customer not found is
// rendered by echo. It reports false when the write itself failed (the
// item's result says why).
func (s *Server) pointsWrite(r *http.Request, q url.Values, id Ident, named bool, prog *simulator.Program,
	itemOf func(*simulator.Customer, Result) Obj, echo func(Result) Obj,
	run func(tx *store.Tx, c *simulator.Customer, fail func(*simulator.Error) error) (Obj, Result, error)) (Obj, Result, bool) {
	var (
		item Obj
		res  Result
	)
	err := s.Store.Update(namespace(r), func(tx *store.Tx) error {
		c, ferr := findPointsCustomer(tx, id, named)
		if ferr != nil {
			res = Failed(ferr)
			return errNoWrite
		}
		fail := func(e *simulator.Error) error {
			res = Failed(e)
			item = itemOf(c, res)
			return errNoWrite
		}
		if prog == nil {
			return fail(simulator.Errorf(simulator.CodeLoyaltyProgramNotConfigured).WithDetail("the org has no loyalty program"))
		}
		if e := checkValidationType(q); e != nil {
			return fail(e)
		}
		it, rs, err := run(tx, c, fail)
		if it != nil {
			item, res = it, rs
		}
		return err
	})
	ok := err == nil || errors.Is(err, errNoWrite)
	if !ok {
		res, item = Failed(s.itemError(r, err, simulator.CodePointsRedemptionFailed)), nil
	}
	if item == nil {
		item = echo(res)
	}
	return item, res, ok
}

// redeemableItem renders the redeemable object of c's answer.
func redeemableItem(c *simulator.Customer, q url.Values, prog *simulator.Program, points float64, ok bool, res Result) Obj {
	item := histHead(c, IdentMobile, IdentEmail, IdentExternalID)
	var rules simulator.RedemptionRules
	if prog != nil {
		rules = prog.Redemption
	}
	value := 0.0
	if ok {
		value = rules.Value(points)
	}
	return append(item,
		Field{"points", strings.TrimSpace(q.Get("points"))},
		Field{"is_redeemable", strconv.FormatBool(ok)},
		Field{"points_redeem_value", value},
		Field{"points_redeem_local_value", value},
		Field{"points_currency_ratio", rules.Value(1)},
		Field{"item_status", pointsItemStatus(res)},
	)
}

// redeemableEcho renders the redeemable object of a request whose customer
// was not found: the identifiers as sent.
func redeemableEcho(q url.Values, id Ident, res Result) Obj {
	item := Obj{{IdentMobile, q.Get(IdentMobile)}, {IdentEmail, q.Get(IdentEmail)}, {IdentExternalID, q.Get(IdentExternalID)}}
	if id.Name != "" && !item.has(id.Name) {
		item = append(item, Field{id.Name, id.Value})
	}
	return append(item,
		Field{"points", strings.TrimSpace(q.Get("points"))},
		Field{"is_redeemable", "false"},
		Field{"points_redeem_value", 0},
		Field{"points_redeem_local_value", 0},
		Field{"points_currency_ratio", 0},
		Field{"item_status", pointsItemStatus(res)},
	)
}

// has reports whether o has key.
func (o Obj) has(key string) bool {
	_, ok := o.Get(key)
	return ok
}

// handlePointsValidationCode handles "GET /v1.1/points/validationcode": it
// issues a validation code for the customer the query names and points (a
// positive whole number: 801 otherwise) and answers item code 200
// "Validation Code Issued by SMS/Email" under status "Operation
// Successful", as 005's sample does. The code itself is not in the body
// (the sample does not show it): it is in HeaderValidationCode. Asking
// again gives a new code; the customer keeps its last few unexpired ones
// (simulator.ValidationCodeTTL). The balance and the rules are not checked
// here: redeem checks them.
func (s *Server) handlePointsValidationCode(w http.ResponseWriter, r *http.Request) {
	q := simulator.Query(r)
	id, named := pointsIdent(q.Get)
	b := newBatch(r)
	var code string
	b.item(func() (Obj, Result) {
		item, res, vc := s.issueValidationCode(r, q, id, named)
		code = vc
		return item, res
	}, func(res Result) Obj { return validationCodeItem(nil, q, id, res) })
	if code != "" {
		w.Header().Set(HeaderValidationCode, code)
	}
	st := b.Status()
	if b.StatusCode() == simulator.CodeSuccess {
		st = st.Set("message", simulator.CodeOperationSuccessful.Message())
	}
	root := Obj{{"status", st}, {"validation_code", Obj{{"code", b.Items()[0]}}}}
	reply(w, r, root, b.Codes()...)
}

func (s *Server) issueValidationCode(r *http.Request, q url.Values, id Ident, named bool) (Obj, Result, string) {
	now := s.now(r)
	var (
		item Obj
		res  Result
		code string
	)
	err := s.Store.Update(namespace(r), func(tx *store.Tx) error {
		c, ferr := findPointsCustomer(tx, id, named)
		if ferr != nil {
			res = Failed(ferr)
			return errNoWrite
		}
		if p := parsePoints(q.Get("points")); p <= 0 || p != math.Trunc(p) || math.IsNaN(p) {
			res = Failed(simulator.Errorf(simulator.CodeInvalidRedemptionPoints).WithDetail("points %q is not a positive whole number", q.Get("points")))
			item = validationCodeItem(c, q, id, res)
			return errNoWrite
		}
		code = c.IssueValidationCode(parsePoints(q.Get("points")), now).Code
		res = Succeeded(simulator.CodeValidationCodeIssued)
		item = validationCodeItem(c, q, id, res)
		return tx.Put(c)
	})
	if err != nil && !errors.Is(err, errNoWrite) {
		res, code, item = Failed(s.itemError(r, err, simulator.CodeOTPIssueFailed)), "", nil
	}
	if item == nil {
		item = validationCodeItem(nil, q, id, res)
	}
	return item, res, code
}

// validationCodeItem renders the code object of a validationcode answer:
// the customer's user_id and mobile (the identifiers as sent when no
// customer was found) and the points asked for.
func validationCodeItem(c *simulator.Customer, q url.Values, id Ident, res Result) Obj {
	var item Obj
	if c != nil {
		item = histHead(c, "user_id", IdentMobile)
	} else {
		item = Obj{{"user_id", ""}, {IdentMobile, q.Get(IdentMobile)}}
		if id.Name != "" && id.Name != IdentMobile {
			item = append(item, Field{id.Name, id.Value})
		}
	}
	return append(item, Field{"points", strings.TrimSpace(q.Get("points"))}, Field{"item_status", pointsItemStatus(res)})
}

// readRedeem returns the one root.redeem item of a redeem body. It takes
// the JSON sample's form, {"root": {"redeem": [{...}]}} (or one object),
// and the XML sample's, <root><root><redeem><element>...: a document
// converted from JSON, whose doubled root and <element> list wrapper are
// unwrapped. No item is status 400; more than one is 1060 (no batch
// support).
func readRedeem(r *http.Request) (Values, *simulator.Error) {
	root, err := ReadBody(r)
	if err != nil {
		return nil, err
	}
	if !root.Has("redeem") && root.Values("root") != nil {
		root = root.Values("root")
	}
	items := root.List("redeem")
	if len(items) == 1 && items[0].Has("element") && !items[0].Has("customer") && !items[0].Has("points_redeemed") {
		items = items[0].List("element")
	}
	switch {
	case len(items) == 0:
		return nil, invalid("the request body has no root.redeem")
	case len(items) > 1:
		return nil, simulator.Errorf(simulator.CodeBatchLimitExceeded).
			WithDetail("%d items in root.redeem; points/redeem takes one", len(items))
	}
	return items[0], nil
}

// handlePointsRedeem handles "POST /v1.1/points/redeem": root.redeem
// {customer {mobile|email|external_id|id|card_number}, points_redeemed,
// transaction_number, external_reference_number, validation_code,
// redemption_time, till_id, notes, ...} takes points_redeemed from the
// customer's balance in the program (program_id, else the default one)
// when the program's rules allow it, and records the redemption (History:
// customer/redemptions shows it; loyalty_points and the v2 loyalty details
// drop by the points). In a program that requires validation codes the
// body must carry one of the customer's unexpired codes, which is used up
// (808 otherwise), unless skip_validation=true. Item code 800 "Points
// Redeemed"; every refusal takes nothing.
func (s *Server) handlePointsRedeem(w http.ResponseWriter, r *http.Request) {
	in, err := readRedeem(r)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	q := simulator.Query(r)
	b := newBatch(r)
	b.item(func() (Obj, Result) { return s.redeem(r, q, in) }, func(res Result) Obj { return redeemEcho(in, res) })
	root := Obj{{"status", b.Status()}, {"responses", Obj{{"points", b.Items()[0]}}}}
	reply(w, r, root, b.Codes()...)
}

// redeemCustomer returns the identifier a redeem item names: in its
// customer object, else (as some clients send it) beside points_redeemed.
func redeemCustomer(in Values) (Ident, bool) {
	if cust := in.Values("customer"); cust != nil {
		if id, ok := pointsIdent(cust.String); ok {
			return id, ok
		}
	}
	return pointsIdent(in.String)
}

func (s *Server) redeem(r *http.Request, q url.Values, in Values) (Obj, Result) {
	now, org, till := s.now(r), s.Store.Org(), s.till(r)
	prog := pointsProgram(org, q)
	points := parsePoints(in.String("points_redeemed"))
	id, named := redeemCustomer(in)
	item, res, _ := s.pointsWrite(r, q, id, named, prog,
		func(c *simulator.Customer, res Result) Obj { return redeemItem(c, in, prog, nil, now, res) },
		func(res Result) Obj { return redeemEcho(in, res) },
		func(tx *store.Tx, c *simulator.Customer, fail func(*simulator.Error) error) (Obj, Result, error) {
			var when time.Time
			if v := in.String("redemption_time"); v != "" {
				t, ok := parseQueryTime(v, false)
				if !ok {
					return nil, Result{}, fail(simulator.Errorf(simulator.CodeInvalidRedemptionTime).WithDetail("redemption_time %q is not YYYY-MM-DD HH:MM:SS", v))
				}
				when = t
			}
			if ref := c.CheckRedemption(prog, points, now); ref != nil {
				return nil, Result{}, fail(pointsRefusal(ref))
			}
			if prog.Redemption.ValidationCode && !skipValidation(q) {
				if vc := in.String("validation_code"); !c.UseValidationCode(vc, now) {
					return nil, Result{}, fail(simulator.Errorf(simulator.CodeInvalidValidationCodePoints).WithDetail("%q is not a validation code the customer holds", vc))
				}
			}
			rid, nerr := tx.NextRedemptionID()
			if nerr != nil {
				return nil, Result{}, nerr
			}
			red := simulator.Redemption{
				ID: rid, Date: when, TransactionNumber: in.String("transaction_number"),
				TillCode: till, ExternalReference: in.String("external_reference_number"),
			}
			if t := in.String("till_id"); t != "" && org.Till(t) != nil {
				red.TillCode = t
			}
			if st := org.TillStore(red.TillCode); st != nil {
				red.StoreCode = st.Code
			}
			red, ref := c.RedeemPoints(prog, points, now, red)
			if ref != nil {
				return nil, Result{}, fail(pointsRefusal(ref))
			}
			res := Succeeded(simulator.CodePointsRedeemed)
			return redeemItem(c, in, prog, &red, now, res), res, tx.Put(c)
		})
	return item, res
}

// redeemItem renders the points object of c's redeem answer; red is the
// redemption made (nil when it failed).
func redeemItem(c *simulator.Customer, in Values, prog *simulator.Program, red *simulator.Redemption, now time.Time, res Result) Obj {
	item := histHead(c, IdentMobile, IdentEmail, IdentExternalID, "user_id")
	effects := List{}
	value, balance := 0.0, 0.0
	if prog != nil {
		balance = c.StandingAt(prog, now).Points()
	}
	if red != nil {
		value = prog.Redemption.Value(red.Points)
		billID := int64(-1)
		for _, t := range c.History.Transactions {
			if red.TransactionNumber != "" && strings.EqualFold(t.Number, red.TransactionNumber) {
				billID = t.ID
			}
		}
		item = append(item, Field{"redemption_id", Int(red.ID)})
		effects = append(effects, Obj{
			{"id", red.ID},
			{"case_value", "true"},
			{"num_points", red.Points},
			{"currency_value", value},
			{"validation_code", in.String("validation_code")},
			{"points_redemption_summary_id", Int(red.ID)},
			{"redeemed_on_bill_number", red.TransactionNumber},
			{"redeemed_on_bill_id", billID},
			{"type", "points"},
		})
	}
	return append(item,
		Field{"points_redeemed", in.String("points_redeemed")},
		Field{"redemption_purpose", in.String("redemption_purpose")},
		Field{"redeemed_value", value},
		Field{"redeemed_local_value", value},
		Field{"balance", balance},
		Field{"side_effects", Obj{{"effect", effects}}},
		Field{"item_status", pointsItemStatus(res)},
	)
}

// redeemEcho renders the points object of a redeem whose customer was not
// found: the identifiers as sent, user_id "" (the 816 sample's null).
func redeemEcho(in Values, res Result) Obj {
	cust := in.Values("customer")
	if cust == nil {
		cust = in
	}
	return Obj{
		{IdentMobile, cust.String(IdentMobile)},
		{IdentEmail, cust.String(IdentEmail)},
		{IdentExternalID, cust.String(IdentExternalID)},
		{"user_id", ""},
		{"points_redeemed", in.String("points_redeemed")},
		{"redeemed_value", 0},
		{"side_effects", Obj{{"effect", List{}}}},
		{"item_status", pointsItemStatus(res)},
	}
}
