package v11

import (
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/store"
)

// The networks and interaction types in the order the interaction sample
// lists them; others follow in alphabetical order.
var (
	interactionNetworks = []string{"facebook", "twitter", "foursquare", "capillary"}
	interactionTypes    = []string{"checkin", "like", "comment", "mention", "tweet", "retweet",
		"email", "emailbulk", "sms", "survey", "feedback"}
)

// handleInteractionGet handles "GET /v1.1/customer/interaction": each
// identifier's interactions grouped by network and type, filtered by
// network, type and start_date/end_date. Every type shows count, how many
// interactions of it the filters select, and its details (check-in
// locations, messages, surveys), newest first (order=asc for oldest first),
// offset and limit (10) applied to each type's details.
//
// The sample's status block says response_code where every other sample
// says code; capsim writes both, response_code after code, so a client
// coded to this sample and one that reads code for every call both work.
func (s *Server) handleInteractionGet(w http.ResponseWriter, r *http.Request) {
	q := simulator.Query(r)
	var iq simulator.InteractionQuery
	var errs [3]*simulator.Error
	iq.Window, errs[0] = histWindow(q)
	iq.Page, errs[1] = histPage(q, "limit")
	iq.Asc, errs[2] = histOrder(q, "order")
	if err := histFirstErr(errs[:]...); err != nil {
		WriteError(w, r, err)
		return
	}
	iq.Network, iq.Type = strings.TrimSpace(q.Get("network")), strings.TrimSpace(q.Get("type"))
	s.readHistory(w, r, shapeInteraction, nil, func(_ *store.Tx, c *simulator.Customer, warnings []*simulator.Error, _ time.Time) (Obj, Result) {
		all := iq
		all.Page = simulator.Page{Limit: math.MaxInt32}
		_, counts := c.History.FindInteractions(all)
		nets := List{}
		for _, net := range orderedKeys(counts, 0, interactionNetworks) {
			kinds := List{}
			for _, typ := range orderedKeys(counts, 1, interactionTypes) {
				n := counts[net+"/"+typ]
				if n == 0 {
					continue
				}
				one := iq
				one.Network, one.Type = net, typ
				mine, _ := c.History.FindInteractions(one)
				kinds = append(kinds, interactionObj(c.History, iq, net, typ, n, mine))
			}
			nets = append(nets, Obj{{"name", net}, {"interaction", kinds}})
		}
		res := Succeeded(simulator.CodeCustomerRetrieved, warnings...)
		item := histHead(c, "id", IdentMobile, IdentEmail, IdentExternalID)
		return append(item, Field{"interactions", Obj{{"network", nets}}}, Field{"item_status", res.ItemStatus()}), res
	})
}

// orderedKeys returns part i (0 network, 1 type) of the "network/type" keys
// of counts: those in known first, in its order, then the rest sorted.
func orderedKeys(counts map[string]int, i int, known []string) []string {
	seen := map[string]bool{}
	for k := range counts {
		seen[strings.SplitN(k, "/", 2)[i]] = true
	}
	var out, rest []string
	for _, k := range known {
		if seen[k] {
			out = append(out, k)
			delete(seen, k)
		}
	}
	for k := range seen {
		rest = append(rest, k)
	}
	slices.Sort(rest)
	return append(out, rest...)
}

// interactionObj renders one network's interactions of one type: n is how
// many the filters select, page those of them on the page.
func interactionObj(h *simulator.History, iq simulator.InteractionQuery, net, typ string, n int, page []simulator.Interaction) Obj {
	out := Obj{{"type", typ}}
	count := Field{"count", strconv.Itoa(n)}
	switch {
	case typ == "survey":
		// latest_* name the newest survey the filters select, on the page or not.
		latest, _ := h.FindInteractions(simulator.InteractionQuery{Window: iq.Window, Network: net, Type: typ, Page: simulator.Page{Limit: 1}})
		var score, name, at string
		if len(latest) > 0 && latest[0].Survey != nil {
			score, name, at = strconv.Itoa(latest[0].Survey.NPSScore), latest[0].Survey.Name, DateTime(latest[0].Date)
		}
		surveys := List{}
		for _, in := range page {
			if sv := in.Survey; sv != nil {
				surveys = append(surveys, Obj{
					{"name", sv.Name},
					{"nps_score", strconv.Itoa(sv.NPSScore)},
					{"sent_by", sv.SentBy},
					{"response_url", sv.ResponseURL},
					{"sent_time", DateTime(in.Date)},
					{"completion_time", DateTime(sv.CompletionTime)},
				})
			}
		}
		return append(out,
			Field{"latest_nps_score", score},
			Field{"latest_survey_name", name},
			Field{"latest_survey_interaction_time", at},
			Field{"surveys", Obj{{"survey", surveys}}},
			count)
	case hasMessages(page) || typ == "email" || typ == "emailbulk" || typ == "sms":
		msgs := List{}
		for _, in := range page {
			if m := in.Message; m != nil {
				msgs = append(msgs, Obj{
					{"id", Int(m.ID)},
					{"sender", m.Sender},
					{"receiver", m.Receiver},
					{"subject", m.Subject},
					{"sent_time", DateTime(in.Date)},
					{"delivered_time", DateTime(m.DeliveredTime)},
					{"status", m.Status},
				})
			}
		}
		return append(out, count, Field{"messages", Obj{{"message", msgs}}})
	case hasLocs(page) || typ == "checkin":
		locs := List{}
		for _, in := range page {
			if l := in.Loc; l != nil {
				locs = append(locs, Obj{{"lat", Num(l.Lat)}, {"long", Num(l.Long)}, {"time", DateTime(in.Date)}})
			}
		}
		return append(out, count, Field{"locs", Obj{{"loc", locs}}})
	}
	return append(out, count)
}

func hasMessages(page []simulator.Interaction) bool {
	return slices.ContainsFunc(page, func(in simulator.Interaction) bool { return in.Message != nil })
}

func hasLocs(page []simulator.Interaction) bool {
	return slices.ContainsFunc(page, func(in simulator.Interaction) bool { return in.Loc != nil })
}
