package v2

import (
	"net/http"
	"strings"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/store"
)

// subscriptionV2 is one subscription as GET subscriptions and
// embed=subscriptions show it (no accountId).
type subscriptionV2 struct {
	Channel  string `json:"channel"`
	Priority string `json:"priority"`
	Type     string `json:"type"`
}

// subscriptionInfo is the embed=subscriptions block of GET /v2/customers/{id}.
type subscriptionInfo struct {
	Subscriptions []subscriptionV2 `json:"subscriptions"`
}

// renderSubscriptions renders c's subscriptions in the order they were first
// set; the one rendering behind GET subscriptions and embed=subscriptions.
func renderSubscriptions(c *simulator.Customer) []subscriptionV2 {
	out := make([]subscriptionV2, 0, len(c.Subscriptions))
	for _, sub := range c.Subscriptions {
		out = append(out, subscriptionV2{Channel: simulator.CanonicalChannel(sub.Channel), Priority: sub.Priority, Type: sub.Type})
	}
	return out
}

type subscriptionsResponse struct {
	Subscriptions   []subscriptionV2 `json:"subscriptions"`
	CampaignID      int64            `json:"campaignId"`
	CommunicationID int64            `json:"communicationId"`
	Warnings        []Message        `json:"warnings"`
}

// handleSubscriptionsGet handles "GET /v2/customers/{id}/subscriptions".
// campaignId and communicationId are 0: they belong to an update, not to
// the customer's state.
func (s *Server) handleSubscriptionsGet(w http.ResponseWriter, r *http.Request) {
	id, ierr := requestCustomerID(r)
	if ierr != nil {
		s.fail(w, r, ierr)
		return
	}
	// The answer reads the customer's record only, not the clock: it is
	// kept while the namespace is unchanged (serveByState).
	s.serveByState(w, r, func(tx *store.Tx, _ time.Time) (any, *simulator.Customer, error) {
		c, err := customerFor(tx, id)
		if err != nil {
			return nil, nil, err
		}
		return subscriptionsResponse{Subscriptions: renderSubscriptions(c), Warnings: []Message{}}, nil, nil
	})
}

type subscriptionInput struct {
	Channel    string `json:"channel"`
	AccountID  string `json:"accountId"`
	Priority   string `json:"priority"`
	Type       string `json:"type"`
	OrgUnitID  int64  `json:"orgUnitId"`
	SourceName string `json:"sourceName"`
}

type subscriptionsRequest struct {
	CommunicationID int64  `json:"communicationId"`
	CampaignID      int64  `json:"campaignId"`
	Reason          string `json:"reason"`
	Scope           *struct {
		Scope    *string `json:"scope"`
		SubScope *string `json:"subScope"`
	} `json:"scope"`
	Subscriptions []subscriptionInput `json:"subscriptions"`
}

// subscriptionScope is the scope echo. Its set* flags are the real API's
// serialised "is this field set" markers: scope and subScope are always set
// (to USER and NONE when the request names none), the rest never are.
type subscriptionScope struct {
	ScopeID      int64  `json:"scopeId"`
	Scope        string `json:"scope"`
	SubScope     string `json:"subScope"`
	SetCreatedOn bool   `json:"setCreatedOn"`
	SetPriority  bool   `json:"setPriority"`
	SetScopeID   bool   `json:"setScopeId"`
	SetScope     bool   `json:"setScope"`
	SetSubScope  bool   `json:"setSubScope"`
}

type subscriptionEcho struct {
	Channel   string `json:"channel"`
	AccountID string `json:"accountId"`
	Priority  string `json:"priority"`
	Type      string `json:"type"`
}

type updateSubscriptionsResponse struct {
	Scope           subscriptionScope  `json:"scope"`
	Subscriptions   []subscriptionEcho `json:"subscriptions"`
	CampaignID      int64              `json:"campaignId"`
	CommunicationID int64              `json:"communicationId"`
	Reason          string             `json:"reason"`
	Warnings        []Message          `json:"warnings"`
}

// handleSubscriptionsUpdate handles "POST /v2/customers/{id}/subscriptions":
// each entry opts the customer in or out of a channel for TRANS or BULK
// messages, replacing the earlier state of that channel and priority. The
// response echoes the request with MOBILE written as SMS, the name the API
// stores it under and reads back.
func (s *Server) handleSubscriptionsUpdate(w http.ResponseWriter, r *http.Request) {
	id, ierr := requestCustomerID(r)
	if ierr != nil {
		s.fail(w, r, ierr)
		return
	}
	var req subscriptionsRequest
	if derr := decode(r, &req); derr != nil {
		s.fail(w, r, derr)
		return
	}
	res := updateSubscriptionsResponse{
		Scope:           subscriptionScope{Scope: "USER", SubScope: "NONE", SetScope: true, SetSubScope: true},
		Subscriptions:   make([]subscriptionEcho, 0, len(req.Subscriptions)),
		CampaignID:      req.CampaignID,
		CommunicationID: req.CommunicationID,
		Reason:          req.Reason,
		Warnings:        []Message{},
	}
	if sc := req.Scope; sc != nil {
		if sc.Scope != nil {
			res.Scope.Scope = *sc.Scope
		}
		if sc.SubScope != nil {
			res.Scope.SubScope = *sc.SubScope
		}
	}
	for _, in := range req.Subscriptions {
		res.Subscriptions = append(res.Subscriptions, subscriptionEcho{
			Channel:   simulator.CanonicalChannel(in.Channel),
			AccountID: in.AccountID,
			Priority:  strings.ToUpper(strings.TrimSpace(in.Priority)),
			Type:      strings.ToUpper(strings.TrimSpace(in.Type)),
		})
	}
	err := s.Store.Update(namespace(r), func(tx *store.Tx) error {
		c, err := customerFor(tx, id) // the transaction's own copy
		if err != nil {
			return err
		}
		for _, e := range res.Subscriptions {
			c.SetSubscription(simulator.Subscription{Channel: e.Channel, Priority: e.Priority, Type: e.Type, AccountID: e.AccountID})
		}
		return tx.Put(c)
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	reply(w, r, http.StatusOK, res, nil)
}
