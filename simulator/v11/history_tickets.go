package v11

import (
	"net/http"
	"net/url"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/store"
)

// handleTicketsAdd handles "POST /v1.1/customer/tickets": each
// root.customer item names its customer (see findBodyCustomer) and carries
// one ticket (or a list) {status, priority, department, subject, message,
// reported_from, type, custom_fields}. Every ticket of the item is checked
// before any is recorded (simulator.NewTicket): 1303 an empty subject, 1301
// the subject of a ticket still open, 1302 a status, priority, department,
// reported_from or type the org does not know. Recorded tickets get a code
// and the till's store; the item answers 1300 "Ticket added successfully".
func (s *Server) handleTicketsAdd(w http.ResponseWriter, r *http.Request) {
	s.serveBatch(w, r, shapeCustomers, s.addTickets)
}

func (s *Server) addTickets(r *http.Request, in Values) (Obj, Result) {
	now, till := s.now(r), s.till(r)
	org := s.Store.Org()
	out, res, err := s.writeHistory(r, in, histNoIdent(), func(tx *store.Tx, c *simulator.Customer, warnings []*simulator.Error) (Obj, Result, bool) {
		item := histHead(c, IdentEmail, IdentMobile, IdentExternalID, "id")
		fail := func(e *simulator.Error) (Obj, Result, bool) {
			res := Failed(e)
			return append(item, Field{"item_status", res.ItemStatus()}), res, false
		}
		raws := in.List("ticket")
		if len(raws) == 0 {
			return fail(simulator.Errorf(simulator.CodeTicketSubjectEmpty).WithDetail("the item has no ticket"))
		}
		var made []simulator.Ticket
		for _, tv := range raws {
			t := simulator.Ticket{
				Subject: tv.String("subject"), Message: tv.String("message"), Status: tv.String("status"),
				Priority: tv.String("priority"), Department: tv.String("department"),
				ReportedFrom: tv.String("reported_from"), Type: tv.String("type"),
				CustomFields: histBodyFields(tv),
			}
			// Tickets of the same item count as existing for each other, so
			// one request cannot open two tickets with one subject.
			t, terr := simulator.NewTicket(t, append(append([]simulator.Ticket(nil), c.History.Tickets...), made...), org)
			if terr != nil {
				return fail(terr)
			}
			t.TillCode = till
			if t.ReportedFrom == "" {
				t.ReportedFrom = "CLIENT"
			}
			if st := org.TillStore(till); st != nil {
				t.StoreCode = st.Code
			}
			t.CreatedOn, t.UpdatedOn = now, now
			made = append(made, t)
		}
		// Codes are drawn once every ticket of the item passed, so a failed
		// item leaves the sequence as it was. Ticket codes of generated
		// customers derive from their ids (below 10^9); written tickets
		// number from 10^9 up.
		for i := range made {
			n, nerr := tx.NextID("ticket")
			if nerr != nil {
				return fail(simulator.Errorf(simulator.CodeTicketRegistrationFailed).WithDetail("%v", nerr))
			}
			made[i].Code = simulator.TicketCode(1_000_000_000 + n)
		}
		c.History.Tickets = append(c.History.Tickets, made...)
		echo := make(List, 0, len(made))
		for _, t := range made {
			echo = append(echo, ticketObj(t, false))
		}
		res := Succeeded(simulator.CodeTicketAdded, warnings...)
		return append(item, Field{"ticket", echo}, Field{"item_status", res.ItemStatus()}), res, true
	})
	if err != nil {
		res = Failed(s.itemError(r, err, simulator.CodeTicketRegistrationFailed))
		out = nil
	}
	if out == nil {
		out = append(histEcho(in, IdentEmail, IdentMobile, IdentExternalID, IdentID), Field{"item_status", res.ItemStatus()})
	}
	return out, res
}

// ticketObj renders a ticket as the tickets samples do; full adds what a
// read shows besides (reported_from, type, store, dates).
func ticketObj(t simulator.Ticket, full bool) Obj {
	out := Obj{
		{"code", t.Code},
		{"status", t.Status},
		{"priority", t.Priority},
		{"department", t.Department},
		{"subject", t.Subject},
		{"message", t.Message},
		{"custom_fields", histFields(t.CustomFields)},
	}
	if full {
		out = append(out,
			Field{"reported_from", t.ReportedFrom},
			Field{"type", t.Type},
			Field{"store", t.StoreCode},
			Field{"created_on", DateTime(t.CreatedOn)},
			Field{"updated_on", DateTime(t.UpdatedOn)},
		)
	}
	return out
}

// handleTicketsGet handles "GET /v1.1/customer/tickets": each identifier's
// tickets, filtered by status, priority, department, ticket_code,
// reported_from, type and start_date/end_date (created between), newest
// first (sort_order=asc for oldest first), offset and limit (10) applied.
func (s *Server) handleTicketsGet(w http.ResponseWriter, r *http.Request) {
	q := simulator.Query(r)
	tq, err := parseTicketQuery(q)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	s.readHistory(w, r, shapeCustomer, nil, func(_ *store.Tx, c *simulator.Customer, warnings []*simulator.Error, _ time.Time) (Obj, Result) {
		page, _ := c.History.FindTickets(tq)
		l := make(List, 0, len(page))
		for _, t := range page {
			l = append(l, ticketObj(t, true))
		}
		res := Succeeded(simulator.CodeTicketRetrieved, warnings...)
		item := histHead(c, "firstname", "lastname", IdentEmail, IdentMobile, IdentExternalID, "id")
		return append(item, Field{"tickets", Obj{{"ticket", l}}}, Field{"item_status", res.ItemStatus()}), res
	})
}

func parseTicketQuery(q url.Values) (tq simulator.TicketQuery, err *simulator.Error) {
	var errs [3]*simulator.Error
	tq.Window, errs[0] = histWindow(q)
	tq.Page, errs[1] = histPage(q, "limit")
	tq.Asc, errs[2] = histOrder(q, "sort_order")
	if err := histFirstErr(errs[:]...); err != nil {
		return tq, err
	}
	tq.Status, tq.Priority, tq.Department = q.Get("status"), q.Get("priority"), q.Get("department")
	tq.Code, tq.ReportedFrom, tq.Type = q.Get("ticket_code"), q.Get("reported_from"), q.Get("type")
	return tq, nil
}
