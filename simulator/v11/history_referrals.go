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

// handleReferralsAdd handles "POST /v1.1/customer/referrals": each
// root.customer item names its customer (see findBodyCustomer) and carries
// referrals {campaign_token, referral_type (one or a list) {type,
// referral[] {id, name, identifier, invited_on}}}. No campaign_token means
// the org's default campaign. The item fails, recording nothing, with 1202
// for an unknown token, 1203 for a campaign that is inactive, has ended or
// has no incentive series, 1204 for a customer the campaign does not take
// and 1206 for a type the campaign does not take. Otherwise every referral
// is recorded as an invitee of the customer in the campaign (inviting the
// same identifier again updates it): status 100 "Invitee added
// successfully", or 1042 for an identifier that is not an email (EMAIL) or
// a mobile (MOBILE), recorded as a failed invitation. The item answers 1000.
func (s *Server) handleReferralsAdd(w http.ResponseWriter, r *http.Request) {
	s.serveBatch(w, r, shapeCustomers, s.addReferrals)
}

func (s *Server) addReferrals(r *http.Request, in Values) (Obj, Result) {
	now, till := s.now(r), s.till(r)
	org := s.Store.Org()
	refs := in.Values("referrals")
	out, res, err := s.writeHistory(r, in, histNoIdent(), func(_ *store.Tx, c *simulator.Customer, warnings []*simulator.Error) (Obj, Result, bool) {
		item := histHead(c, IdentEmail, IdentMobile, IdentExternalID, "id", "firstname", "lastname")
		fail := func(e *simulator.Error) (Obj, Result, bool) {
			res := Failed(e)
			return append(item, Field{"item_status", res.ItemStatus()}), res, false
		}
		if refs == nil || len(refs.List("referral_type")) == 0 {
			return fail(invalid("the item has no referrals.referral_type"))
		}
		camp, cerr := simulator.CheckReferralCampaign(org, refs.String("campaign_token"), c, now)
		if cerr != nil {
			return fail(cerr)
		}
		types := refs.List("referral_type")
		canon := make([]string, len(types))
		for i, tv := range types {
			t, terr := simulator.CheckReferralType(camp, tv.String("type"))
			if terr != nil {
				return fail(terr)
			}
			canon[i] = t
		}
		rec := c.History.Referral(camp.Token)
		if rec == nil {
			c.History.Referrals = append(c.History.Referrals, simulator.Referral{CampaignToken: camp.Token, ReferralCode: c.ReferralCode()})
			rec = &c.History.Referrals[len(c.History.Referrals)-1]
		}
		storeCode := ""
		if st := org.TillStore(till); st != nil {
			storeCode = st.Code
		}
		groups := List{}
		for i, tv := range types {
			echo := List{}
			for _, rv := range tv.List("referral") {
				inv := simulator.Invitee{
					ID: rv.String("id"), Type: canon[i], Name: rv.String("name"),
					Identifier: strings.TrimSpace(rv.String("identifier")),
					InvitedOn:  parseInvitedOn(rv.String("invited_on"), now), TillCode: till, StoreCode: storeCode,
				}
				status := simulator.Errorf(simulator.CodeInviteeAdded)
				inv.Success = simulator.ValidInviteeIdentifier(inv.Type, inv.Identifier)
				if !inv.Success {
					status = simulator.Errorf(simulator.CodeInvalidIdentifierValue).WithDetail("%s invitee %q", inv.Type, inv.Identifier)
				}
				putInvitee(rec, inv)
				echo = append(echo, Obj{
					{"id", inv.ID},
					{"name", inv.Name},
					{"identifier", inv.Identifier},
					{"invited_on", histISOTime(inv.InvitedOn)},
					{"status", Obj{{"success", strconv.FormatBool(inv.Success)}, {"code", strconv.Itoa(status.Number())}, {"message", status.Message()}}},
				})
			}
			groups = append(groups, Obj{{"type", canon[i]}, {"referral", echo}})
		}
		res := Succeeded(simulator.CodeReferralsInvited, warnings...)
		return append(item, Field{"referrals", Obj{{"referral_type", groups}}}, Field{"item_status", res.ItemStatus()}), res, true
	})
	if err != nil {
		res = Failed(s.itemError(r, err, simulator.CodeReferralSystemError))
		out = nil
	}
	if out == nil {
		out = append(histEcho(in, IdentEmail, IdentMobile, IdentExternalID, IdentID), Field{"item_status", res.ItemStatus()})
	}
	return out, res
}

// putInvitee records inv in rec, replacing an invitation of the same type
// and identifier.
func putInvitee(rec *simulator.Referral, inv simulator.Invitee) {
	for i := range rec.Invitees {
		if old := &rec.Invitees[i]; old.Type == inv.Type && strings.EqualFold(old.Identifier, inv.Identifier) {
			*old = inv
			return
		}
	}
	rec.Invitees = append(rec.Invitees, inv)
}

// parseInvitedOn reads invited_on as the referral sample writes it, in any
// of its forms ("20160912T15:19:21+05:30", "2016-09-12 T15:19:21+05:30",
// "2016-09-12T15:19:21+05:30"); anything else means now.
func parseInvitedOn(v string, now time.Time) time.Time {
	v = strings.Join(strings.Fields(v), "")
	for _, l := range []string{"2006-01-02T15:04:05Z07:00", "20060102T15:04:05Z07:00", "2006-01-02T15:04:05", "2006-01-0215:04:05", "2006-01-02"} {
		if t, err := time.Parse(l, v); err == nil {
			return t
		}
	}
	return now
}

// handleReferralsGet handles "GET /v1.1/customer/referrals": each
// identifier's referral record in campaign_token (the default campaign when
// absent): its referral_code, invitees grouped by type, referees and
// incentives grouped by event. start_date/end_date select invitees and
// referees by date; store_code the store invitations were made at (every
// store by default, or "all"); sort_order (desc, the default) orders
// invitees by invitation time, offset and limit (10) page them.
// only_referral_code=true answers the code alone, which every customer has.
// Codes: 1202 unknown campaign token (every item), 1204 a customer the
// campaign does not take, 1205 a customer who has referred no one in it.
func (s *Server) handleReferralsGet(w http.ResponseWriter, r *http.Request) {
	q := simulator.Query(r)
	org := s.Store.Org()
	rq, err := parseReferralQuery(q)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	camp := org.ReferralCampaign(q.Get("campaign_token"))
	var every *simulator.Error
	if camp == nil {
		every = simulator.Errorf(simulator.CodeInvalidCampaignToken)
	}
	onlyCode := histBool(q, "only_referral_code")
	s.readHistory(w, r, shapeCustomer, every, func(_ *store.Tx, c *simulator.Customer, warnings []*simulator.Error, _ time.Time) (Obj, Result) {
		item := histHead(c, IdentEmail, IdentMobile, IdentExternalID, "id", "firstname", "lastname")
		fail := func(e *simulator.Error) (Obj, Result) {
			res := Failed(e)
			return append(item, Field{"item_status", res.ItemStatus()}), res
		}
		if c.LoyaltyType == simulator.LoyaltyNotInterested || (camp.LoyaltyOnly && c.LoyaltyType != simulator.LoyaltyLoyalty) {
			return fail(simulator.Errorf(simulator.CodeNotEligibleForReferral))
		}
		rec := c.History.Referral(camp.Token)
		code := c.ReferralCode()
		if rec != nil {
			code = rec.ReferralCode
		}
		item = append(item, Field{"referral_code", code})
		if onlyCode {
			res := Succeeded(simulator.CodeReferralStatsRetrieved, warnings...)
			return append(item, Field{"item_status", res.ItemStatus()}), res
		}
		if rec == nil {
			return fail(simulator.Errorf(simulator.CodeReferrerNotFound).WithDetail("campaign %s", camp.Token))
		}
		sel := rec.Select(rq)
		res := Succeeded(simulator.CodeReferralStatsRetrieved, warnings...)
		return append(item,
			Field{"invitees", Obj{{"referral_type", inviteeGroups(org, sel.Invitees)}}},
			Field{"referees", Obj{{"referee", refereeList(sel.Referees)}}},
			Field{"incentives", Obj{{"event_type", incentiveGroups(sel.Incentives)}}},
			Field{"item_status", res.ItemStatus()},
		), res
	})
}

func parseReferralQuery(q url.Values) (rq simulator.ReferralQuery, err *simulator.Error) {
	var errs [3]*simulator.Error
	rq.Window, errs[0] = histWindow(q)
	rq.Page, errs[1] = histPage(q, "limit")
	rq.Asc, errs[2] = histOrder(q, "sort_order")
	if err := histFirstErr(errs[:]...); err != nil {
		return rq, err
	}
	if v := strings.ToLower(strings.TrimSpace(q.Get("order_by"))); v != "" && v != "invited_on" {
		return rq, invalid("order_by %q is not invited_on", q.Get("order_by"))
	}
	rq.StoreCode = strings.TrimSpace(q.Get("store_code"))
	return rq, nil
}

// inviteeGroups renders invitees grouped by type, EMAIL then MOBILE.
func inviteeGroups(org *simulator.Org, invs []simulator.Invitee) List {
	out := List{}
	for _, typ := range []string{simulator.ReferralEmail, simulator.ReferralMobile} {
		l := List{}
		for _, in := range invs {
			if in.Type != typ {
				continue
			}
			l = append(l, Obj{
				{"identifier", in.Identifier},
				{"invited_on", DateTime(in.InvitedOn)},
				{"till", Obj{{"code", in.TillCode}, {"name", tillName(org, in.TillCode)}}},
				{"success", strconv.FormatBool(in.Success)},
			})
		}
		if len(l) > 0 {
			out = append(out, Obj{{"type", typ}, {"invitee", l}})
		}
	}
	return out
}

func refereeList(rs []simulator.Referee) List {
	out := List{}
	for _, rf := range rs {
		out = append(out, Obj{
			{"event_type", rf.EventType},
			{"user_id", Int(rf.UserID)},
			{"firstname", rf.FirstName},
			{"lastname", rf.LastName},
			{"email", rf.Email},
			{"mobile", rf.Mobile},
			{"external_id", rf.ExternalID},
			{"added_on", DateTime(rf.AddedOn)},
		})
	}
	return out
}

// incentiveGroups renders incentives grouped by event, in order of first
// appearance.
func incentiveGroups(incs []simulator.Incentive) List {
	var order []string
	byEvent := map[string]List{}
	for _, in := range incs {
		if _, ok := byEvent[in.EventType]; !ok {
			order = append(order, in.EventType)
		}
		c := Obj{{"code", in.CouponCode}, {"valid_till", DateTime(in.ValidTill)}}
		if in.Value != 0 {
			c = append(c, Field{"value", Num(in.Value)})
		}
		c = append(c, Field{"redemption_info", Obj{{"redeemed", strconv.FormatBool(in.Redeemed)}, {"redeemed_on", DateTime(in.RedeemedOn)}}})
		byEvent[in.EventType] = append(byEvent[in.EventType], c)
	}
	out := List{}
	for _, ev := range order {
		out = append(out, Obj{{"name", ev}, {"coupons", Obj{{"coupon", byEvent[ev]}}}})
	}
	return out
}
