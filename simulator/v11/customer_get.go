package v11

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/store"
)

// getOptions are the optional parts of a customer/get item, each asked for
// with name=true.
type getOptions struct {
	userID, nextSlab, slabHistory, pointsSummary, subscriptions bool
	expirySchedule, expiredPoints, promotionPoints              bool
	retentionCriteria                                           bool
	// mlp (008): points summaries per program with descriptions, next slab,
	// gap_to_upgrade and gap_to_renew; gapFor is gap_to_upgrade_for and
	// renewFor gap_to_renew_for, in days from now (renewAsked: it was given).
	mlp                 bool
	gapFor, renewFor    int
	renewAsked          bool
	tierUpgradeCriteria bool // tier_upgrade_criteria=true (008)
	userGroup           bool // user_group=true (008)
	// program is program_id (008): only that program's summaries, expiry
	// rows and criteria (0: every program).
	program int64
	// coupons is the coupon_* parameters (008), nil when none is given:
	// the coupons list is then the active coupons, as before.
	coupons *simulator.CouponQuery
}

func parseGetOptions(q url.Values) getOptions {
	on := func(name string) bool {
		s := strings.TrimSpace(q.Get(name))
		if s == "" {
			return false // most are absent: ParseBool would make an error of each
		}
		v, _ := strconv.ParseBool(s)
		return v
	}
	return getOptions{
		userID: on("user_id"), nextSlab: on("next_slab"), slabHistory: on("slab_history"),
		pointsSummary: on("points_summary"), subscriptions: on("subscriptions"),
		expirySchedule: on("expiry_schedule"), expiredPoints: on("expired_points"),
		promotionPoints: on("promotion_points"), retentionCriteria: on("membership_retention_criteria"),
		mlp: on("mlp"), tierUpgradeCriteria: on("tier_upgrade_criteria"), userGroup: on("user_group"),
	}
}

// parseEditionOptions reads the parameters of customer/get that the later
// edition (008) adds and that need checking: gap_to_renew_for, program_id
// (a program of the org) and coupon_limit, coupon_offset, coupon_order_by,
// coupon_sort_order and coupon_status.
func parseEditionOptions(q url.Values, org *simulator.Org, opts *getOptions) *simulator.Error {
	var err *simulator.Error
	if opts.renewFor, err = parseDaysAhead(q, "gap_to_renew_for"); err != nil {
		return err
	}
	opts.renewAsked = strings.TrimSpace(q.Get("gap_to_renew_for")) != ""
	if v := strings.TrimSpace(q.Get("program_id")); v != "" {
		id, perr := strconv.ParseInt(v, 10, 64)
		if perr != nil || org.Program(id) == nil {
			return invalid("program_id %q is not a program of the org", v)
		}
		opts.program = id
	}
	given := false
	for _, name := range []string{"coupon_limit", "coupon_offset", "coupon_order_by", "coupon_sort_order", "coupon_status"} {
		given = given || strings.TrimSpace(q.Get(name)) != ""
	}
	if !given {
		return nil
	}
	cq := simulator.CouponQuery{OrderBy: simulator.CouponOrderCreated}
	var errs [3]*simulator.Error
	cq.Limit, errs[0] = histInt(q, "coupon_limit", simulator.DefaultHistoryLimit)
	cq.Offset, errs[1] = histInt(q, "coupon_offset", 0)
	cq.Asc, errs[2] = histOrder(q, "coupon_sort_order")
	if err := histFirstErr(errs[:]...); err != nil {
		return err
	}
	switch v := strings.ToLower(strings.TrimSpace(q.Get("coupon_order_by"))); v {
	case "", simulator.CouponOrderCreated:
	case simulator.CouponOrderValidTill:
		cq.OrderBy = v
	default:
		return invalid("coupon_order_by %q is not created_date or valid_till", q.Get("coupon_order_by"))
	}
	for _, st := range strings.FieldsFunc(q.Get("coupon_status"), func(r rune) bool { return r == ';' || r == ',' }) {
		switch st = strings.ToLower(strings.TrimSpace(st)); st {
		case simulator.CouponActive, simulator.CouponRedeemed, simulator.CouponExpired, simulator.CouponUnredeemed:
			cq.Statuses = append(cq.Statuses, st)
		case "":
		default:
			return invalid("coupon_status %q is not active, redeemed, expired or unredeemed", st)
		}
	}
	opts.coupons = &cq
	return nil
}

// parseGapFor reads gap_to_upgrade_for: whole days from now, not negative
// ("No negative values are supported", 008).
func parseGapFor(q url.Values) (int, *simulator.Error) {
	return parseDaysAhead(q, "gap_to_upgrade_for")
}

// parseDaysAhead reads a parameter of whole days from now, not negative
// (gap_to_upgrade_for, gap_to_renew_for).
func parseDaysAhead(q url.Values, name string) (int, *simulator.Error) {
	v := strings.TrimSpace(q.Get(name))
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, invalid("%s %q is not a whole number of days from today (0 or more)", name, v)
	}
	return n, nil
}

// namesIdentifier reports whether q has any identifier parameter.
func namesIdentifier(q url.Values) bool {
	for _, name := range IdentNames {
		if len(q[name]) > 0 {
			return true
		}
	}
	return false
}

// handleCustomerGet handles "GET /v1.1/customer/get": one item per
// identifier of the query (mobile, email, external_id, id, card_number;
// comma-separated for several customers). Unknown customers fail as items
// (1012, or 1011 for an id: see FindCustomer) while the rest succeed, so the
// status is 201 when some fail and 500 when all do. No identifier at all is
// status 1015 "No identifier provided to get loyalty users", get's own code
// for it (the other reads answer 400); more than the batch limit is 1060.
func (s *Server) handleCustomerGet(w http.ResponseWriter, r *http.Request) {
	q := simulator.Query(r)
	if _, err := QueryIdents(q, s.Limit()); err != nil {
		if !namesIdentifier(q) {
			err = simulator.Errorf(simulator.CodeNoIdentifier).WithDetail("pass mobile, email, external_id, id or card_number")
		}
		WriteError(w, r, err)
		return
	}
	opts := parseGetOptions(q)
	gapFor, gerr := parseGapFor(q)
	if gerr != nil {
		WriteError(w, r, gerr)
		return
	}
	opts.gapFor = gapFor
	if err := parseEditionOptions(q, s.Store.Org(), &opts); err != nil {
		WriteError(w, r, err)
		return
	}
	s.readHistory(w, r, shapeCustomers, nil, func(tx *store.Tx, c *simulator.Customer, warnings []*simulator.Error, now time.Time) (Obj, Result) {
		warnings = append(warnings, tierWarnings(standingOf(tx.Org(), c, now), opts)...)
		res := Succeeded(simulator.CodeCustomerRetrieved, warnings...)
		return getItem(tx.Org(), c, opts, res, now), res
	})
}

// orNil returns v, or nil (JSON null, an empty element) when it is empty:
// the sample writes a missing external id as "external_id": null.
func orNil(v string) any {
	if v == "" {
		return nil
	}
	return v
}

// getItem renders one customer as the get sample does, with the optional
// sections opts asks for. c is shared (read in a View): nothing here may
// change it.
func getItem(org *simulator.Org, c *simulator.Customer, opts getOptions, res Result, now time.Time) Obj {
	p := Profile(c)
	st := standingOf(org, c, now)
	var out Obj
	if opts.userID {
		out = append(out, Field{"user_id", Int(c.ID)})
	}
	out = append(out,
		Field{"firstname", p.FirstName},
		Field{"lastname", p.LastName},
		Field{"mobile", orNil(identValue(p, IdentMobile))},
		Field{"email", orNil(identValue(p, IdentEmail))},
		Field{"external_id", orNil(identValue(p, IdentExternalID))},
		Field{"lifetime_points", st.LifetimePoints()},
		Field{"lifetime_purchases", c.LifetimePurchases},
		Field{"loyalty_points", st.Points()},
		Field{"current_slab", slabName(st)},
	)
	if opts.nextSlab {
		out = append(out, nextSlab(st)...)
	}
	till := registeredBy(c, p)
	out = append(out,
		Field{"registered_on", DateTime(registeredOn(c, p))},
		Field{"updated_on", DateTime(updatedOn(c, p))},
		Field{"type", loyaltyTypeName(c.LoyaltyType)},
		Field{"source", strings.ToLower(string(p.Source))},
		Field{"identifiers", otherIdentifiers(p)},
		Field{"registered_by", tillName(org, till)},
		Field{"registered_store", storeOf(org, till)},
		Field{"registered_till", Obj{{"code", till}, {"name", tillName(org, till)}}},
		Field{"fraud_details", Obj{{"status", c.Fraud.StatusName()}, {"marked_by", c.Fraud.MarkedBy}, {"modified_on", DateTime(c.Fraud.ModifiedOn)}}},
		Field{"trackers", ""},
		Field{"current_nps_status", nil},
		Field{"custom_fields", fieldList(org.CustomFields, p.Fields)},
		Field{"extended_fields", fieldList(org.ExtendedFields, c.ExtendedFields)},
	)
	if opts.slabHistory {
		out = append(out, Field{"slab_history", slabHistory(c, st, p)})
	}
	if opts.pointsSummary || opts.mlp {
		out = append(out, Field{"points_summaries", pointsSummaries(org, c, opts, now)})
	}
	if opts.tierUpgradeCriteria {
		out = append(out, Field{"tier_update_criteria", tierUpdateCriteria(org, c, opts.program, now)})
	}
	if opts.expirySchedule {
		out = append(out, Field{"expiry_schedule", expirySchedule(org, c, opts.program, now)})
	}
	if opts.expiredPoints {
		out = append(out, Field{"expired_points", expiredPoints(c, p)})
	}
	if opts.promotionPoints {
		out = append(out, Field{"promotion_points", promotionPoints(org, c)})
	}
	if opts.subscriptions {
		subs := List{}
		for _, sub := range c.Subscriptions {
			subs = append(subs, Obj{{"channel", sub.Channel}, {"priority", sub.Priority}, {"type", sub.Type}})
		}
		out = append(out, Field{"subscriptions", Obj{{"subscription", subs}}})
	}
	if opts.userGroup {
		out = append(out, Field{"user_group", userGroup(c)})
	}
	return append(out,
		Field{"transactions", Obj{{"transaction", recentTransactions(c)}}},
		Field{"coupons", Obj{{"coupon", getCoupons(org, c, opts.coupons, now)}}},
		Field{"notes", recentNotes(c)},
		Field{"item_status", res.ItemStatus()},
	)
}

// tillName returns a till's name (its code when the org does not know it).
func tillName(org *simulator.Org, code string) string {
	if t := org.Till(code); t != nil && t.Name != "" {
		return t.Name
	}
	return code
}

// storeOf returns {code, name} of the store a till belongs to.
func storeOf(org *simulator.Org, till string) Obj {
	if st := org.TillStore(till); st != nil {
		return Obj{{"code", st.Code}, {"name", st.Name}}
	}
	if t := org.Till(till); t != nil {
		return Obj{{"code", t.StoreCode}, {"name", t.StoreCode}}
	}
	return Obj{{"code", ""}, {"name", ""}}
}

// otherIdentifiers lists p's identifiers other than mobile, email and
// external id (card numbers, ...); the sample shows the list empty.
func otherIdentifiers(p *simulator.Profile) List {
	out := List{}
	for _, id := range p.Identifiers {
		switch id.Type {
		case simulator.IDMobile, simulator.IDEmail, simulator.IDExternalID:
			continue
		}
		out = append(out, Obj{{"type", id.Type}, {"value", id.Value}})
	}
	return out
}

// tierWarnings returns the warnings of the tier sections opts asks for:
// next_slab=true or tier_upgrade_criteria=true in the highest slab carries
// 91012 (no tier above), and membership_retention_criteria=true or
// gap_to_renew_for with mlp=true carries 91011 in the lowest slab (no tier
// below) or 91010 above it (capsim's programs configure no downgrade
// strategy, so there are no criteria to show).
func tierWarnings(st simulator.Standing, opts getOptions) []*simulator.Error {
	var out []*simulator.Error
	if w := st.UpgradeWarning(); opts.nextSlab && w != nil {
		out = append(out, w)
	}
	if w := st.RetentionWarning(); (opts.retentionCriteria || opts.mlp && opts.renewAsked) && w != nil {
		out = append(out, w)
	}
	if w := st.UpgradeWarning(); opts.tierUpgradeCriteria && !opts.nextSlab && w != nil {
		out = append(out, w)
	}
	return out
}

// nextSlab renders next_slab=true: the next slab of the default program
// (empty, serial -1, in the highest slab or when not enrolled), named as
// v2's loyaltyDetails names them.
func nextSlab(st simulator.Standing) []Field {
	name, serial, desc := "", "-1", ""
	if st.Program != nil && st.Loyalty != nil {
		if next, ok := st.Program.SlabBySerial(st.Loyalty.SlabSerial + 1); ok {
			name, serial, desc = next.Name, strconv.Itoa(next.Serial), next.Description
		}
	}
	return []Field{{"next_slab", name}, {"next_slab_serial_number", serial}, {"next_slab_description", desc}}
}

// slabHistory renders slab_history=true. capsim keeps the current slab, not
// its history, so the history is the upgrades that lead there: one per slab
// above the first, 90 days apart from registration.
func slabHistory(c *simulator.Customer, st simulator.Standing, p *simulator.Profile) Obj {
	items := List{}
	if st.Program != nil && st.Loyalty != nil {
		at := registeredOn(c, p)
		for n := 2; n <= st.Loyalty.SlabSerial; n++ {
			from, _ := st.Program.SlabBySerial(n - 1)
			to, ok := st.Program.SlabBySerial(n)
			if !ok {
				break
			}
			items = append(items, Obj{{"type", "UPGRADE"}, {"from", from.Name}, {"to", to.Name},
				{"changed_on", DateTime(at.AddDate(0, 0, 90*(n-1)))}, {"notes", ""}})
		}
	}
	return Obj{{"history", items}}
}

// pointsSummaries renders points_summary=true: the customer's standing in
// every program it is enrolled in. mlp=true (008) adds each program's
// description, slab serial, next slab and gap_to_upgrade, read from the
// domain's standing at gap_to_upgrade_for days from now.
func pointsSummaries(org *simulator.Org, c *simulator.Customer, opts getOptions, now time.Time) Obj {
	items := List{}
	for i := range c.Loyalty {
		pl := &c.Loyalty[i]
		if opts.program != 0 && pl.ProgramID != opts.program {
			continue
		}
		progName, slab := "", ""
		prog := org.Program(pl.ProgramID)
		if prog != nil {
			progName = prog.Name
			s, _ := prog.SlabBySerial(pl.SlabSerial)
			slab = s.Name
		}
		item := Obj{
			{"program_id", Int(pl.ProgramID)}, {"program_name", progName},
			{"loyalty_points", Num(pl.LoyaltyPoints)}, {"lifetime_points", Num(pl.LifetimePoints)},
			{"redeemed", Num(pl.Redeemed)}, {"expired", Num(pl.Expired)}, {"returned", Num(pl.Returned)},
			{"adjusted", Num(pl.Adjusted)}, {"cumulative_purchases", Num(pl.CumulativePurchases)},
			{"current_slab", slab}, {"slab_expiry_date", DateTime(pl.SlabExpiry)},
		}
		if opts.mlp && prog != nil {
			item = append(item, mlpFields(prog, c, now.AddDate(0, 0, opts.gapFor))...)
			item = append(item, Field{"gap_to_renew", gapToRenew(pl)})
		}
		items = append(items, Obj(item))
	}
	return Obj{{"points_summary", items}}
}

// mlpFields renders what mlp=true adds to a program's summary: its
// description, the slab serial, the next slab and gap_to_upgrade with its
// upgrade_strategy list (008's sample snippet). capsim's programs upgrade
// on cumulative purchases (Slab.Threshold): one PURCHASE strategy, the gap
// from Standing.GapToUpgrade at the time gap_to_upgrade_for asks about;
// the highest slab (or a next slab without a threshold) has no strategy.
func mlpFields(prog *simulator.Program, c *simulator.Customer, at time.Time) []Field {
	st := c.StandingAt(prog, at)
	cur, _ := st.Slab()
	next, hasNext := st.NextSlab()
	nextSerial := "-1"
	if hasNext {
		nextSerial = strconv.Itoa(next.Serial)
	}
	strategies := List{}
	if gap, to, ok := st.GapToUpgrade(); ok {
		strategies = append(strategies, Obj{
			{"upgrade_based_on", "PURCHASE"},
			{"upgrade_entity_identifers", Obj{}},
			{"upgrade_threshold", Num(to.Threshold)},
			{"customer_upgrade_entity_values", Obj{
				{"current_value", Num(st.Loyalty.CumulativePurchases)},
				{"gap_to_upgrade", Num(gap)},
				{"value_valid_upto", at.Format("2006-01-02")},
			}},
		})
	}
	return []Field{
		{"program_description", prog.Description},
		{"slab_serial_number", strconv.Itoa(cur.Serial)},
		{"next_slab", next.Name},
		{"next_slab_serial_number", nextSerial},
		{"next_slab_description", next.Description},
		{"gap_to_upgrade", Obj{{"upgrade_strategy", strategies}}},
	}
}

// gapToRenew renders what mlp=true adds about keeping the tier (008's
// gap_to_renew snippet): the tier's expiry date, and the renewal
// strategies of the program's downgrade strategy. capsim's programs
// configure none, so no tier is lost at its expiry: the renewal is
// confirmed and there is no strategy to meet, at any gap_to_renew_for.
func gapToRenew(pl *simulator.ProgramLoyalty) Obj {
	expiry := ""
	if !pl.SlabExpiry.IsZero() {
		expiry = pl.SlabExpiry.Format("2006-01-02")
	}
	return Obj{{"tier_expiry_date", expiry}, {"renew_confirmed", "true"}, {"renew_strategy", List{}}}
}

// tierUpdateCriteria renders tier_upgrade_criteria=true (008's
// tier_update_criteria): per program the customer is in (only program, when
// not 0), each slab above the current one with what reaches it. capsim's
// programs upgrade on cumulative purchases (Slab.Threshold), so each
// criterion is PURCHASE with the slab's threshold and the customer's
// purchases; a slab without a threshold is reached otherwise and is not
// listed, and the highest slab lists none (008: "you will not see upgrade
// criteria if the customer is in the highest tier").
func tierUpdateCriteria(org *simulator.Org, c *simulator.Customer, program int64, now time.Time) Obj {
	items := List{}
	for i := range c.Loyalty {
		pl := &c.Loyalty[i]
		prog := org.Program(pl.ProgramID)
		if prog == nil || (program != 0 && pl.ProgramID != program) {
			continue
		}
		st := c.StandingAt(prog, now)
		for n := pl.SlabSerial + 1; ; n++ {
			slab, ok := prog.SlabBySerial(n)
			if !ok {
				break
			}
			if slab.Threshold <= 0 {
				continue
			}
			items = append(items, Obj{
				{"program_id", Int(pl.ProgramID)}, {"slab_name", slab.Name}, {"slab_serial_number", strconv.Itoa(slab.Serial)},
				{"upgrade_based_on", "PURCHASE"}, {"threshold", Num(slab.Threshold)},
				{"current_value", Num(st.Loyalty.CumulativePurchases)},
			})
		}
	}
	return Obj{{"criteria", items}}
}

// userGroup renders user_group=true (008): the customer's group, "" when
// the customer is in none.
func userGroup(c *simulator.Customer) any {
	g := c.UserGroup
	if g == nil {
		return ""
	}
	return Obj{{"id", Int(g.ID)}, {"name", g.Name}, {"role", g.Role}, {"primary_user_id", Int(g.PrimaryUser)}}
}

// getCoupons lists the get item's coupons: the active ones, in the order
// they were issued, unless the coupon_* parameters (008) ask for a page of
// them (cq; by default the 10 latest issued, of every status coupon_status
// does not narrow).
func getCoupons(org *simulator.Org, c *simulator.Customer, cq *simulator.CouponQuery, now time.Time) List {
	if cq == nil {
		return activeCoupons(org, c, now)
	}
	out := List{}
	page, _ := c.History.FindCoupons(*cq, org, now)
	for _, cp := range page {
		out = append(out, Obj{{"id", Int(cp.ID)}, {"code", cp.Code}, {"series_id", Int(cp.SeriesID)},
			{"valid_till", DateTime(cp.ValidTill)}, {"issued_on", DateTime(cp.IssuedOn)}})
	}
	return out
}

// expirySchedule renders expiry_schedule=true, one row per program and
// expiry date, soonest first: the points earned in lots expire as the
// domain's earning model says (Standing.ExpirySchedule, by the namespace
// clock); the rest of the balance (fixture balances, registration and
// promotion points) is shown expiring with the slab, as before.
func expirySchedule(org *simulator.Org, c *simulator.Customer, program int64, now time.Time) Obj {
	items := List{}
	for i := range c.Loyalty {
		pl := &c.Loyalty[i]
		if program != 0 && pl.ProgramID != program {
			continue
		}
		st := c.StandingAt(org.Program(pl.ProgramID), now)
		if st.Loyalty == nil {
			st = simulator.Standing{Loyalty: pl, At: now}
		}
		rest := st.Points()
		for _, row := range st.ExpirySchedule() {
			rest -= row.Points
			items = append(items, Obj{{"program_id", Int(pl.ProgramID)}, {"points", Num(row.Points)},
				{"expiry_date", DateTime(row.Expires)}})
		}
		if rest > 0.0005 && !pl.SlabExpiry.Before(now) {
			items = append(items, Obj{{"program_id", Int(pl.ProgramID)}, {"points", Num(rest)},
				{"expiry_date", DateTime(pl.SlabExpiry)}})
		}
	}
	return Obj{{"schedule", items}}
}

// expiredPoints renders expired_points=true: what expired per program,
// dated a year after registration (capsim keeps the total, not the dates).
func expiredPoints(c *simulator.Customer, p *simulator.Profile) Obj {
	items := List{}
	at := registeredOn(c, p).AddDate(1, 0, 0)
	for _, pl := range c.Loyalty {
		if pl.Expired <= 0 {
			continue
		}
		items = append(items, Obj{{"program_id", Int(pl.ProgramID)}, {"points", Num(pl.Expired)},
			{"expired_on", DateTime(at)}})
	}
	return Obj{{"item", items}}
}

// promotionPoints renders promotion_points=true: the promotions issued to
// the customer with the points each awarded.
func promotionPoints(org *simulator.Org, c *simulator.Customer) Obj {
	items := List{}
	for _, pi := range c.Promotions {
		name, points := "", 0.0
		if pr := org.Promotion(pi.PromotionID); pr != nil {
			name, points = pr.Name, pr.Points
		}
		items = append(items, Obj{{"promotion_id", Int(pi.PromotionID)}, {"promotion_name", name},
			{"program_id", Int(pi.ProgramID)}, {"points", Num(points)}, {"issued_on", DateTime(pi.Date)}})
	}
	return Obj{{"promotion", items}}
}

// recentTransactions lists the customer's 10 latest transactions, newest
// first, as the get sample shows them.
func recentTransactions(c *simulator.Customer) List {
	out := List{}
	if c.History == nil {
		return out
	}
	page, _ := c.History.FindTransactions(simulator.TransactionQuery{})
	for _, t := range page {
		out = append(out, Obj{{"id", Int(t.ID)}, {"number", t.Number}, {"type", t.Type},
			{"created_date", DateTime(t.Date)}, {"store", firstNonEmpty(t.TillCode, t.StoreCode)}})
	}
	return out
}

// activeCoupons lists the customer's coupons that are active now.
func activeCoupons(org *simulator.Org, c *simulator.Customer, now time.Time) List {
	out := List{}
	if c.History == nil {
		return out
	}
	for _, cp := range c.History.Coupons {
		if cp.Status(now) != simulator.CouponActive {
			continue
		}
		out = append(out, Obj{{"id", Int(cp.ID)}, {"code", cp.Code}, {"series_id", Int(cp.SeriesID)},
			{"valid_till", DateTime(cp.ValidTill)}, {"issued_on", DateTime(cp.IssuedOn)}})
	}
	return out
}

// recentNotes lists the customer's notes; the sample writes the list bare
// ("notes": []).
func recentNotes(c *simulator.Customer) List {
	out := List{}
	if c.History == nil {
		return out
	}
	for _, n := range c.History.Notes {
		out = append(out, Obj{{"id", Int(n.ID)}, {"date", DateTime(n.Date)}, {"description", n.Description}})
	}
	return out
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
