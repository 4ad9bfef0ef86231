package v11

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/store"
)

// handleNotesAdd handles "POST /v1.1/customer/notes": each root.customer
// item names its customer (see findBodyCustomer) and carries
// notes.note[] {id, date, description}, recorded by associate_id. A note
// whose id is one of the customer's notes replaces it; any other note is
// added with the next id. Codes: 1000 when every note is recorded; 1036
// (a success: the good notes are kept) when some are not, those echoed with
// id -1; 1037 when none is (an empty description, a date that is not a
// date, an associate the org does not have, or no notes at all).
func (s *Server) handleNotesAdd(w http.ResponseWriter, r *http.Request) {
	s.serveBatch(w, r, shapeCustomer, s.addNotes)
}

func (s *Server) addNotes(r *http.Request, in Values) (Obj, Result) {
	now := s.now(r)
	org := s.Store.Org()
	associate := in.String("associate_id")
	out, res, err := s.writeHistory(r, in, histNoIdent(), func(_ *store.Tx, c *simulator.Customer, warnings []*simulator.Error) (Obj, Result, bool) {
		var (
			echo  = List{}
			saved int
			first *simulator.Error
		)
		notes := in.Items("notes", "note")
		if len(notes) == 0 {
			first = simulator.Errorf(simulator.CodeNotesUpdateFailed).WithDetail("the item has no notes.note")
		}
		if associate != "" && org.Associate(associate) == nil {
			first = simulator.Errorf(simulator.CodeNotesUpdateFailed).WithDetail("associate_id %q is not an associate of the org", associate)
			notes = nil
		}
		for _, nv := range notes {
			n, nerr := newNote(nv, associate)
			if nerr != nil {
				if first == nil {
					first = nerr
				}
				echo = append(echo, Obj{{"id", "-1"}, {"date", nv.String("date")}, {"description", nv.String("description")}})
				continue
			}
			n.AddedOn = now
			n = putNote(c.History, nv.String("id"), n)
			saved++
			echo = append(echo, Obj{{"id", Int(n.ID)}, {"date", DateTime(n.Date)}, {"description", n.Description}})
		}
		var res Result
		switch {
		case saved == 0:
			res = Failed(first)
		case first != nil:
			// Some notes were kept: the item succeeds with the partial code.
			res = Result{Code: simulator.CodeNotesPartiallyUpdated, Warnings: warnings}
		default:
			res = Succeeded(simulator.CodeNotesAddedOrUpdated, warnings...)
		}
		item := histHead(c, "user_id", "firstname", "lastname", IdentMobile, IdentEmail, IdentExternalID)
		item = append(item, Field{"associate_id", associate}, Field{"notes", Obj{{"note", echo}}}, Field{"item_status", res.ItemStatus()})
		return item, res, saved > 0
	})
	if err != nil {
		res = Failed(s.itemError(r, err, simulator.CodeNotesUpdateFailed))
		out = nil
	}
	if out == nil {
		out = append(histEcho(in, IdentMobile, IdentEmail, IdentExternalID), Field{"item_status", res.ItemStatus()})
	}
	return out, res
}

// putNote records n in h: in place of the note with id when h has one,
// else as a new note with the next id. It returns the note as recorded.
func putNote(h *simulator.History, id string, n simulator.Note) simulator.Note {
	if want, err := strconv.ParseInt(strings.TrimSpace(id), 10, 64); err == nil {
		for i := range h.Notes {
			if h.Notes[i].ID == want {
				n.ID = want
				h.Notes[i] = n
				return n
			}
		}
	}
	var next int64
	for _, old := range h.Notes {
		next = max(next, old.ID)
	}
	n.ID = next + 1
	h.Notes = append(h.Notes, n)
	return n
}

// handleNotesGet handles "GET /v1.1/customer/notes": each identifier's
// notes, all of them or those of associate_id, in the order they were
// recorded. The notes sample passes its customer as identifier=44700900999:
// identifier= is taken as a mobile when it is digits, an email when it has
// an @, else an external id. No notes is 1028; user_id=true adds the id.
func (s *Server) handleNotesGet(w http.ResponseWriter, r *http.Request) {
	q := simulator.Query(r)
	if v := q.Get("identifier"); v != "" {
		r = withIdentifierParam(r, v)
	}
	associate := strings.TrimSpace(q.Get("associate_id"))
	s.readHistory(w, r, shapeCustomer, nil, func(_ *store.Tx, c *simulator.Customer, warnings []*simulator.Error, _ time.Time) (Obj, Result) {
		item := histHead(c, histUserID(q, "firstname", "lastname", IdentMobile, IdentEmail, IdentExternalID)...)
		notes := c.History.NotesBy(associate)
		if len(notes) == 0 {
			res := Failed(simulator.Errorf(simulator.CodeNoNotes))
			return append(item, Field{"item_status", res.ItemStatus()}), res
		}
		l := make(List, 0, len(notes))
		for _, n := range notes {
			l = append(l, Obj{
				{"id", Int(n.ID)},
				{"description", n.Description},
				{"date", DateTime(n.Date)},
				{"added_on", DateTime(n.AddedOn)},
				{"associate_id", n.AssociateID},
			})
		}
		res := Succeeded(simulator.CodeNotesRetrieved, warnings...)
		return append(item, Field{"notes", Obj{{"note", l}}}, Field{"item_status", res.ItemStatus()}), res
	})
}

// withIdentifierParam returns r with identifier=v turned into the v1.1
// identifier its form suggests (see handleNotesGet).
func withIdentifierParam(r *http.Request, v string) *http.Request {
	q := r.URL.Query()
	q.Del("identifier")
	for _, part := range strings.Split(v, ",") {
		part = strings.TrimSpace(part)
		name := IdentExternalID
		switch {
		case strings.Contains(part, "@"):
			name = IdentEmail
		case histIsDigits(strings.TrimPrefix(part, "+")):
			name = IdentMobile
		}
		q.Add(name, part)
	}
	r2 := r.Clone(r.Context())
	u := *r.URL
	u.RawQuery = q.Encode()
	r2.URL = &u
	return r2
}

func histIsDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// newNote reads one notes.note: a description (1037 when empty) and a v1.1
// date ("2016-05-05 15:15:00" or a bare day; 1037 otherwise).
func newNote(nv Values, associate string) (simulator.Note, *simulator.Error) {
	date := nv.String("date")
	d, ok := parseQueryTime(date, false)
	n, err := simulator.NewNote(d, nv.String("description"), associate)
	if err == nil && !ok {
		err = simulator.Errorf(simulator.CodeNotesUpdateFailed).WithDetail("note date %q is not YYYY-MM-DD HH:MM:SS", date)
	}
	return n, err
}
