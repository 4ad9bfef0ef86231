package v11

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/store"
)

// handleSubscriptionsSet handles "POST /v1.1/customer/subscriptions": each
// root.subscription item {mobile|email|external_id|id|user_id, channel,
// priority, scope, is_subscribed} opts its customer in (1) or out (0) of a
// channel (sms, email; mobile is sms) for TRANS or BULK messages. It writes
// Customer.Subscriptions, the state v2's subscriptions API reads and writes,
// so either version reads what the other wrote. Codes: 1000; 1104 no
// identifier; 1012 (1011 for an id) an unknown customer; 1101 channel, 1102
// priority, 1103 scope (ALL is the one scope), 1105 several scopes, 1106
// is_subscribed other than 0 or 1, 1107 a campaign_id and 1108 an outbox_id
// that is not a positive number; 1110 a channel the customer has no
// identifier for (sms without a mobile, email without an email).
func (s *Server) handleSubscriptionsSet(w http.ResponseWriter, r *http.Request) {
	items, err := ReadItems(r, "subscription", s.Limit())
	if err != nil {
		WriteError(w, r, err)
		return
	}
	b := newBatch(r)
	for _, in := range items {
		b.Add(s.setSubscription(r, in))
	}
	replyBatch(w, r, shapeSubscriptions, &b)
}

// subscriptionChange is one parsed root.subscription item.
type subscriptionChange struct {
	channel, priority, scope, status string
}

func parseSubscriptionChange(in Values) (subscriptionChange, *simulator.Error) {
	var ch subscriptionChange
	if _, ok := histBodyIdent(in); !ok {
		return ch, simulator.Errorf(simulator.CodeInvalidOrMissingIdentifier)
	}
	var errs [4]*simulator.Error
	ch.channel, errs[0] = parseSubscriptionChannel(in.String("channel"), true)
	ch.priority, errs[1] = parseSubscriptionPriority(in.String("priority"))
	ch.scope, errs[2] = parseSubscriptionScope(in.String("scope"))
	ch.status, errs[3] = parseSubscriptionStatus(in.String("is_subscribed"))
	if err := histFirstErr(errs[:]...); err != nil {
		return ch, err
	}
	for _, p := range []struct {
		name string
		code simulator.Code
	}{{"campaign_id", simulator.CodeInvalidCampaignID}, {"outbox_id", simulator.CodeInvalidOutboxID}} {
		if v := in.String(p.name); v != "" {
			if n, err := strconv.ParseInt(v, 10, 64); err != nil || n <= 0 {
				return ch, simulator.Errorf(p.code).WithDetail("%s %q", p.name, v)
			}
		}
	}
	return ch, nil
}

// histBodyIdent returns the first identifier field a body item has (see
// histBodyIdents), named as sent.
func histBodyIdent(in Values) (Ident, bool) {
	for _, name := range histBodyIdents {
		if v := in.String(name); v != "" {
			return Ident{Name: name, Value: v}, true
		}
	}
	return Ident{}, false
}

func (s *Server) setSubscription(r *http.Request, in Values) (Obj, Result) {
	echo := func(userID string, ch subscriptionChange, res Result) Obj {
		out := Obj{}
		if userID != "" {
			out = append(out, Field{"user_id", userID})
		}
		if id, ok := histBodyIdent(in); ok && id.Name != "user_id" {
			out = append(out, Field{id.Name, id.Value})
		}
		return append(out,
			Field{"channel", ch.channel},
			Field{"priority", ch.priority},
			Field{"scope", ch.scope},
			Field{"is_subscribed", in.String("is_subscribed")},
			Field{"item_status", res.ItemStatus()})
	}
	raw := subscriptionChange{channel: in.String("channel"), priority: in.String("priority"),
		scope: in.String("scope"), status: in.String("is_subscribed")}
	ch, perr := parseSubscriptionChange(in)
	if perr != nil {
		res := Failed(perr)
		return echo(in.String("user_id"), raw, res), res
	}
	out, res, err := s.writeHistory(r, in, simulator.Errorf(simulator.CodeInvalidOrMissingIdentifier), func(_ *store.Tx, c *simulator.Customer, warnings []*simulator.Error) (Obj, Result, bool) {
		typ := simulator.IDEmail
		if ch.channel == "SMS" {
			typ = simulator.IDMobile
		}
		if !holdsIdentifier(c, typ) {
			res := Failed(simulator.Errorf(simulator.CodeSubscriptionUpdateFailed).WithDetail("the customer has no %s for channel %s", typ, ch.channel))
			return echo(Int(c.ID), ch, res), res, false
		}
		c.SetSubscription(simulator.Subscription{Channel: ch.channel, Priority: ch.priority, Type: ch.status})
		res := Succeeded(simulator.CodeSubscriptionUpdated, warnings...)
		return echo(Int(c.ID), ch, res), res, true
	})
	if err != nil {
		res = Failed(s.itemError(r, err, simulator.CodeSubscriptionUpdateFailed))
		out = nil
	}
	if out == nil {
		out = echo(in.String("user_id"), raw, res)
	}
	return out, res
}

// holdsIdentifier reports whether any profile of c holds an identifier of type typ.
func holdsIdentifier(c *simulator.Customer, typ string) bool {
	for i := range c.Profiles {
		if _, ok := c.Profiles[i].Identifier(typ); ok {
			return true
		}
	}
	return false
}

// subscriptionChannels are the channels a read always lists, as the
// subscriptions sample does; channels the customer has other subscriptions
// on (WECHAT, LINE) follow.
var subscriptionChannels = []string{"EMAIL", "SMS", "ANDROID", "IOS"}

// handleSubscriptionsGet handles "GET /v1.1/customer/subscriptions": each
// identifier's subscription state per channel and priority: user_preference
// SUBSCRIBED (OPTIN), UNSUBSCRIBED (OPTOUT) or NOT_SET, subscribed ALL (the
// scope). channel and priority narrow the lists; scope must be ALL. A bad
// channel (1101), priority (1102) or scope (1103, 1105) fails every item;
// 1109 a customer with neither a mobile nor an email nor any subscription.
// A channel filter naming a channel whose notifications live in a source
// profile the customer lacks carries a warning: 91016 for WECHAT without a
// WECHAT profile, 91017 for ANDROID or IOS without a WEB_ENGAGE one.
func (s *Server) handleSubscriptionsGet(w http.ResponseWriter, r *http.Request) {
	q := simulator.Query(r)
	var channel, priority string
	var every *simulator.Error
	if v := strings.TrimSpace(q.Get("channel")); v != "" {
		channel, every = parseSubscriptionChannel(v, false)
	}
	if v := strings.TrimSpace(q.Get("priority")); v != "" && every == nil {
		priority, every = parseSubscriptionPriority(v)
	}
	if every == nil {
		_, every = parseSubscriptionScope(q.Get("scope"))
	}
	if _, err := histInt(q, "limit", 0); err != nil {
		WriteError(w, r, err)
		return
	}
	s.readHistory(w, r, shapeSubscriptions, every, func(_ *store.Tx, c *simulator.Customer, warnings []*simulator.Error, _ time.Time) (Obj, Result) {
		item := histHead(c, "user_id", IdentMobile, IdentEmail, IdentExternalID)
		if len(c.Subscriptions) == 0 && !holdsIdentifier(c, simulator.IDMobile) && !holdsIdentifier(c, simulator.IDEmail) {
			res := Failed(simulator.Errorf(simulator.CodeSubscriptionFailed).WithDetail("the customer has no mobile, email or subscription"))
			return append(item, Field{"item_status", res.ItemStatus()}), res
		}
		channels := append([]string(nil), subscriptionChannels...)
		for _, sub := range c.Subscriptions {
			if ch := simulator.CanonicalChannel(sub.Channel); !slices.Contains(channels, ch) {
				channels = append(channels, ch)
			}
		}
		l := List{}
		for _, ch := range channels {
			if channel != "" && ch != channel {
				continue
			}
			prios := List{}
			for _, p := range []string{simulator.PriorityTrans, simulator.PriorityBulk} {
				if priority != "" && p != priority {
					continue
				}
				prios = append(prios, Obj{{"name", p}, {"subscribed", subscriptionScopeAll}, {"user_preference", userPreference(c, ch, p)}})
			}
			l = append(l, Obj{{"name", ch}, {"priority", prios}})
		}
		if w := c.ChannelProfileWarning(channel); w != nil {
			warnings = append(warnings, w)
		}
		res := Succeeded(simulator.CodeSubscriptionRetrieved, warnings...)
		return append(item, Field{"channel", l}, Field{"item_status", res.ItemStatus()}), res
	})
}

// userPreference returns how c stands on channel ch and priority p.
func userPreference(c *simulator.Customer, ch, p string) string {
	for _, sub := range c.Subscriptions {
		if simulator.CanonicalChannel(sub.Channel) == ch && sub.Priority == p {
			if sub.Type == simulator.OptIn {
				return "SUBSCRIBED"
			}
			return "UNSUBSCRIBED"
		}
	}
	return "NOT_SET"
}
