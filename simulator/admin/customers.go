package admin

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/store"
)

// The customer list's page sizes: the contract refuses a limit past
// MaxCustomerPage, so one call reads a bounded number of customers.
const (
	DefaultCustomerPage = 50
	MaxCustomerPage     = 200
)

// customerRow is one customer as the list shows it: enough to recognise
// it and look it up through the API.
type customerRow struct {
	ID          int64  `json:"id"`
	FirstName   string `json:"firstName"`
	LastName    string `json:"lastName"`
	Mobile      string `json:"mobile"`
	Email       string `json:"email"`
	ExternalID  string `json:"externalId"`
	LoyaltyType string `json:"loyaltyType"`
	Created     string `json:"created"`
	// MergedInto is the survivor's id for a merged-away customer.
	MergedInto int64 `json:"mergedInto,omitempty"`
}

type customerPage struct {
	Namespace string        `json:"namespace"`
	Query     string        `json:"q"`
	Total     int           `json:"total"`
	Offset    int           `json:"offset"`
	Limit     int           `json:"limit"`
	Customers []customerRow `json:"customers"`
}

// handleCustomersList handles "GET /__admin/customers?q=&limit=&offset=":
// one page of the customers of a namespace (?namespace=, else the
// X-Capsim-Namespace header, else the default). With q, those whose first
// name, last name or an identifier starts with q, in id order (a q of digits
// also finds the customer with that id, listed first; merged-away customers
// are found through their survivors only, as in the API's search); without,
// every customer, in the store's order.
func (s *Server) handleCustomersList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	ns := q.Get("namespace")
	if ns == "" {
		ns = simulator.Info(r.Context()).Namespace
	}
	if ns == "" {
		ns = store.DefaultNamespace
	}
	// The contract has checked the forms and bounds of limit and offset.
	limit, offset := DefaultCustomerPage, 0
	if l, err := strconv.Atoi(q.Get("limit")); err == nil {
		limit = l
	}
	if o, err := strconv.Atoi(q.Get("offset")); err == nil {
		offset = o
	}
	query := strings.TrimSpace(q.Get("q"))
	page := customerPage{Namespace: ns, Query: query, Offset: offset, Limit: limit, Customers: []customerRow{}}
	done, turn := s.heavyTurn(r)
	if !turn {
		return
	}
	defer done()
	err := s.Store.View(ns, func(tx *store.Tx) error {
		if query == "" {
			return browseCustomers(tx, &page)
		}
		return searchCustomers(tx, &page)
	})
	if err != nil {
		writeFailure(w, http.StatusBadRequest, simulator.CodeInvalidInput, "namespace "+quote(ns)+": "+err.Error(), nil)
		return
	}
	writeJSON(w, http.StatusOK, page)
}

// browseCustomers fills p with every customer in the store's order (ids
// compared as text), merged-away ones included. The page is found by index
// (Tx.CustomerPage), never by reading the customers before it: a deep page
// costs what the first does, and holds no lock that stops writes for longer.
func browseCustomers(tx *store.Tx, p *customerPage) error {
	p.Total = tx.Count()
	page, err := tx.CustomerPage(p.Offset, p.Limit)
	for _, c := range page {
		p.Customers = append(p.Customers, rowOf(c))
	}
	return err
}

// searchCustomers fills p with the customers whose name or an identifier
// starts with p.Query, in id order, and the customer whose id it is.
func searchCustomers(tx *store.Tx, p *customerPage) error {
	ids, _ := tx.Search(p.Query)
	if id, err := strconv.ParseInt(p.Query, 10, 64); err == nil && id > 0 {
		if c, err := tx.Customer(id); err == nil && c.MergedInto == 0 {
			ids = prepend(ids, id)
		}
	}
	p.Total = len(ids)
	if p.Offset >= len(ids) {
		return nil
	}
	for _, id := range ids[p.Offset:min(len(ids), p.Offset+p.Limit)] {
		c, err := tx.Customer(id)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		p.Customers = append(p.Customers, rowOf(c))
	}
	return nil
}

// prepend returns ids with id first and nowhere else.
func prepend(ids []int64, id int64) []int64 {
	out := make([]int64, 0, len(ids)+1)
	out = append(out, id)
	for _, x := range ids {
		if x != id {
			out = append(out, x)
		}
	}
	return out
}

// rowOf summarises c: the names of its primary profile and the first mobile,
// email and external id of any profile, the primary's first.
func rowOf(c *simulator.Customer) customerRow {
	row := customerRow{ID: c.ID, LoyaltyType: string(c.LoyaltyType), MergedInto: c.MergedInto}
	p := c.Primary()
	if p == nil {
		return row
	}
	row.FirstName, row.LastName = p.FirstName, p.LastName
	if !p.Attribution.CreateDate.IsZero() {
		row.Created = p.Attribution.CreateDate.UTC().Format(time.RFC3339)
	}
	fill := func(p *simulator.Profile) {
		for _, f := range []struct {
			dst *string
			typ string
		}{{&row.Mobile, simulator.IDMobile}, {&row.Email, simulator.IDEmail}, {&row.ExternalID, simulator.IDExternalID}} {
			if *f.dst == "" {
				*f.dst, _ = p.Identifier(f.typ)
			}
		}
	}
	fill(p)
	for i := range c.Profiles {
		fill(&c.Profiles[i])
	}
	return row
}
