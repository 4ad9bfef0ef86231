package v2

import (
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/store"
)

// pointsSummaryV2 is a customer's standing in one program: embed=points shows
// it for the default program. Points are JSON numbers.
type pointsSummaryV2 struct {
	Redeemed             float64 `json:"redeemed"`
	Expired              float64 `json:"expired"`
	Returned             float64 `json:"returned"`
	Adjusted             float64 `json:"adjusted"`
	LifetimePoints       float64 `json:"lifetimePoints"`
	LoyaltyPoints        float64 `json:"loyaltyPoints"`
	CumulativePurchases  float64 `json:"cumulativePurchases"`
	LoyaltyID            int64   `json:"loyaltyId"`
	CurrentSlab          string  `json:"currentSlab"`
	NextSlab             string  `json:"nextSlab"`
	NextSlabSerialNumber int     `json:"nextSlabSerialNumber"`
	NextSlabDescription  string  `json:"nextSlabDescription"`
	SlabSNo              int     `json:"slabSNo"`
	SlabExpiryDate       string  `json:"slabExpiryDate"`
}

// programDetailsV2 is pointsSummaryV2 with its program: one entry of
// embed=mlp and of loyaltyDetails, which read the same.
type programDetailsV2 struct {
	pointsSummaryV2
	ProgramID int64 `json:"programId"`
}

// pointsSummary renders a standing. A customer not enrolled gets zeros, no
// slab and nextSlabSerialNumber -1.
func pointsSummary(st simulator.Standing) pointsSummaryV2 {
	out := pointsSummaryV2{NextSlabSerialNumber: -1}
	pl := st.Loyalty
	if pl == nil {
		return out
	}
	out.Redeemed, out.Expired, out.Returned, out.Adjusted = pl.Redeemed, st.Expired(), pl.Returned, pl.Adjusted
	out.LifetimePoints, out.LoyaltyPoints, out.CumulativePurchases = pl.LifetimePoints, st.Points(), pl.CumulativePurchases
	out.LoyaltyID = pl.LoyaltyID
	out.SlabSNo = pl.SlabSerial
	out.SlabExpiryDate = timeV2(pl.SlabExpiry)
	if cur, ok := st.Slab(); ok {
		out.CurrentSlab = cur.Name
	}
	if next, ok := st.NextSlab(); ok {
		out.NextSlab, out.NextSlabDescription, out.NextSlabSerialNumber = next.Name, next.Description, next.Serial
	}
	return out
}

// programDetails renders c's standing in every program it is enrolled in,
// or only in programID when that is not zero. Never nil.
func programDetails(org *simulator.Org, c *simulator.Customer, programID int64, now time.Time) []programDetailsV2 {
	out := make([]programDetailsV2, 0, len(c.Loyalty))
	for i := range c.Loyalty {
		pl := &c.Loyalty[i]
		if programID != 0 && pl.ProgramID != programID {
			continue
		}
		out = append(out, programDetailsV2{pointsSummaryV2: pointsSummary(simulator.Standing{Program: org.Program(pl.ProgramID), Loyalty: pl, At: now}), ProgramID: pl.ProgramID})
	}
	return out
}

// programParam reads the optional programId filter: 0 for none, 1101 for a
// program the org does not have.
func programParam(r *http.Request, org *simulator.Org) (int64, *simulator.Error) {
	v := strings.TrimSpace(simulator.Query(r).Get("programId"))
	if v == "" {
		return 0, nil
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || org.Program(id) == nil {
		return 0, simulator.Errorf(simulator.CodeInvalidProgramID)
	}
	return id, nil
}

type loyaltyDetailsResponse struct {
	Data     []programDetailsV2 `json:"data"`
	Warnings []Message          `json:"warnings"`
	Errors   []Message          `json:"errors"`
}

// handleLoyaltyDetailsGet handles "GET /v2/customers/{id}/loyaltyDetails":
// the customer's standing per program (the same entries as embed=mlp). A
// known program the customer is not enrolled in gives an empty list.
func (s *Server) handleLoyaltyDetailsGet(w http.ResponseWriter, r *http.Request) {
	id, ierr := requestCustomerID(r)
	if ierr != nil {
		s.fail(w, r, ierr)
		return
	}
	s.serveByState(w, r, func(tx *store.Tx, now time.Time) (any, *simulator.Customer, error) {
		c, err := customerFor(tx, id)
		if err != nil {
			return nil, nil, err
		}
		prog, perr := programParam(r, tx.Org())
		if perr != nil {
			return nil, nil, perr
		}
		return loyaltyDetailsResponse{Data: programDetails(tx.Org(), c, prog, now), Warnings: []Message{}, Errors: []Message{}}, c, nil
	})
}

// ---- paging (search, pointsTransfers, retroRequest) -------------------------

// maxPageLimit is the largest limit a paged v2 list accepts (8102 above it).
const maxPageLimit = 100

// pageParams reads limit and offset (defaults defLimit and 0). The contract
// rejects non-integers; the bounds are the API's own codes 8100, 8101, 8102.
func pageParams(q url.Values, defLimit int) (limit, offset int, err *simulator.Error) {
	limit, offset = defLimit, 0
	if v := q.Get("limit"); v != "" {
		n, perr := strconv.Atoi(strings.TrimSpace(v))
		if perr != nil {
			return 0, 0, simulator.Errorf(simulator.CodeInvalidInput).WithDetail("query parameter \"limit\" %q is not an integer", v)
		}
		limit = n
	}
	if v := q.Get("offset"); v != "" {
		n, perr := strconv.Atoi(strings.TrimSpace(v))
		if perr != nil {
			return 0, 0, simulator.Errorf(simulator.CodeInvalidInput).WithDetail("query parameter \"offset\" %q is not an integer", v)
		}
		offset = n
	}
	switch {
	case offset < 0:
		return 0, 0, simulator.Errorf(simulator.CodeOffsetNegative)
	case limit <= 0:
		return 0, 0, simulator.Errorf(simulator.CodeLimitNotPositive)
	case limit > maxPageLimit:
		return 0, 0, simulator.Errorf(simulator.CodeLimitTooLarge)
	}
	return limit, offset, nil
}

// pageBounds returns the [lo, hi) indexes of the page in a list of n items.
func pageBounds(n, limit, offset int) (lo, hi int) {
	if offset >= n {
		return n, n
	}
	hi = n
	if limit < n-offset {
		hi = offset + limit
	}
	return offset, hi
}

// pagination is the paging block of search and retroRequest.
type pagination struct {
	Limit  int `json:"limit"`
	Offset int `json:"offset"`
	Total  int `json:"total"`
}

// ---- points transfers -------------------------------------------------------

type transferPartyV2 struct {
	UserID    int64  `json:"userId"`
	FirstName string `json:"firstName"`
	LastName  string `json:"lastName"`
}

type pointsTransferV2 struct {
	PointsTransferDate string          `json:"pointsTransferDate"`
	PointsTransferred  float64         `json:"pointsTransferred"`
	TransferID         int64           `json:"transferId"`
	TransferType       string          `json:"transferType"`
	TransferredFrom    transferPartyV2 `json:"transferredFrom"`
	TransferredTo      transferPartyV2 `json:"transferredTo"`
	Notes              string          `json:"notes"`
	ProgramName        string          `json:"programName"`
}

type pointsTransfersResponse struct {
	Data     []pointsTransferV2 `json:"data"`
	Warnings []Message          `json:"warnings"`
	Errors   []Message          `json:"errors"`
}

// transferDateLayout is how pointsTransfers writes dates (in the stored offset).
const transferDateLayout = "2006-01-02 15:04:05"

// handlePointsTransfersGet handles "GET /v2/customers/{id}/pointsTransfers":
// the customer's points transfers, newest first unless sortOrder=asc,
// optionally of one program, paged by limit (10) and offset (0). The
// response carries no pagination block: the docs show none.
func (s *Server) handlePointsTransfersGet(w http.ResponseWriter, r *http.Request) {
	id, ierr := requestCustomerID(r)
	if ierr != nil {
		s.fail(w, r, ierr)
		return
	}
	q := simulator.Query(r)
	limit, offset, perr := pageParams(q, 10)
	if perr != nil {
		s.fail(w, r, perr)
		return
	}
	asc := strings.EqualFold(q.Get("sortOrder"), "asc")
	s.serveByState(w, r, func(tx *store.Tx, _ time.Time) (any, *simulator.Customer, error) {
		res := pointsTransfersResponse{Data: []pointsTransferV2{}, Warnings: []Message{}, Errors: []Message{}}
		c, err := customerFor(tx, id)
		if err != nil {
			return nil, nil, err
		}
		org := tx.Org()
		prog, perr := programParam(r, org)
		if perr != nil {
			return nil, nil, perr
		}
		ts := make([]simulator.PointsTransfer, 0, len(c.PointsTransfers))
		for _, t := range c.PointsTransfers {
			if prog == 0 || t.ProgramID == prog {
				ts = append(ts, t)
			}
		}
		sort.SliceStable(ts, func(i, j int) bool {
			a, b := ts[i], ts[j]
			if asc {
				a, b = b, a
			}
			if !a.Date.Equal(b.Date) {
				return a.Date.After(b.Date)
			}
			return a.TransferID > b.TransferID
		})
		lo, hi := pageBounds(len(ts), limit, offset)
		for _, t := range ts[lo:hi] {
			programName := ""
			if p := org.Program(t.ProgramID); p != nil {
				programName = p.Name
			}
			res.Data = append(res.Data, pointsTransferV2{
				PointsTransferDate: t.Date.Format(transferDateLayout),
				PointsTransferred:  t.Points,
				TransferID:         t.TransferID,
				TransferType:       t.Type,
				TransferredFrom:    transferParty(tx, c, t.FromUserID),
				TransferredTo:      transferParty(tx, c, t.ToUserID),
				Notes:              t.Notes,
				ProgramName:        programName,
			})
		}
		return res, c, nil
	})
}

// transferParty names one side of a transfer from that customer's primary
// profile; a customer that no longer exists keeps its id and no name.
func transferParty(tx *store.Tx, self *simulator.Customer, userID int64) transferPartyV2 {
	out := transferPartyV2{UserID: userID}
	c := self
	if userID != self.ID {
		other, err := tx.Customer(userID)
		if err != nil {
			return out
		}
		c = other
	}
	if p := c.Primary(); p != nil {
		out.FirstName, out.LastName = p.FirstName, p.LastName
	}
	return out
}

// ---- retro requests ---------------------------------------------------------

type retroRequestV2 struct {
	ID            int64     `json:"id"`
	Status        string    `json:"status"`
	Type          string    `json:"type"`
	RequestID     string    `json:"requestId"`
	BaseType      string    `json:"baseType"`
	TransactionID int64     `json:"transactionId,omitempty"`
	UserID        int64     `json:"userId"`
	AddedBy       userRefV2 `json:"addedBy"`
	AddedOn       string    `json:"addedOn"`
	UpdatedOn     string    `json:"updatedOn,omitempty"`
}

type retroRequestsResponse struct {
	Pagination pagination       `json:"pagination"`
	Data       []retroRequestV2 `json:"data"`
	Warnings   []Message        `json:"warnings"`
	Errors     []Message        `json:"errors"`
}

// retroFilter is what GET retroRequest filters on; zero fields match all.
type retroFilter struct {
	status, typ      string
	startDay, endDay string // YYYY-MM-DD, inclusive, compared with addedOn's date
	startID, endID   int64  // inclusive
	hasStart, hasEnd bool
}

func (f *retroFilter) match(rr *simulator.RetroRequest) bool {
	day := rr.AddedOn.Format(time.DateOnly)
	switch {
	case f.status != "" && rr.Status != f.status,
		f.typ != "" && rr.Type != f.typ,
		f.startDay != "" && day < f.startDay,
		f.endDay != "" && day > f.endDay,
		f.hasStart && rr.ID < f.startID,
		f.hasEnd && rr.ID > f.endID:
		return false
	}
	return true
}

// parseRetroFilter reads the filters. Dates are checked here (the contract
// only checks their shape): 8112/8113 for an impossible date, 8115 when
// startDate is after endDate.
func parseRetroFilter(r *http.Request) (retroFilter, *simulator.Error) {
	q := simulator.Query(r)
	f := retroFilter{status: strings.ToUpper(q.Get("status")), typ: strings.ToUpper(q.Get("type"))}
	for _, d := range []struct {
		name string
		code simulator.Code
		dst  *string
	}{{"startDate", simulator.CodeInvalidStartDate, &f.startDay}, {"endDate", simulator.CodeInvalidEndDate, &f.endDay}} {
		v := strings.TrimSpace(q.Get(d.name))
		if v == "" {
			continue
		}
		if _, err := time.Parse(time.DateOnly, v); err != nil {
			return f, simulator.Errorf(d.code)
		}
		*d.dst = v
	}
	if f.startDay != "" && f.endDay != "" && f.startDay > f.endDay {
		return f, simulator.Errorf(simulator.CodeStartDateAfterEndDate)
	}
	for _, p := range []struct {
		name string
		dst  *int64
		has  *bool
	}{{"startId", &f.startID, &f.hasStart}, {"endId", &f.endID, &f.hasEnd}} {
		v := strings.TrimSpace(q.Get(p.name))
		if v == "" {
			continue
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return f, simulator.Errorf(simulator.CodeInvalidInput).WithDetail("query parameter %q %q is not an integer", p.name, v)
		}
		*p.dst, *p.has = n, true
	}
	return f, nil
}

// handleRetroRequestsGet handles "GET /v2/customers/{id}/retroRequest": the
// customer's retro requests by id, filtered by status, type, the date they
// were added and an id range, paged by limit (10) and offset (0).
func (s *Server) handleRetroRequestsGet(w http.ResponseWriter, r *http.Request) {
	id, ierr := requestCustomerID(r)
	if ierr != nil {
		s.fail(w, r, ierr)
		return
	}
	limit, offset, perr := pageParams(simulator.Query(r), 10)
	if perr != nil {
		s.fail(w, r, perr)
		return
	}
	f, ferr := parseRetroFilter(r)
	if ferr != nil {
		s.fail(w, r, ferr)
		return
	}
	s.serveByState(w, r, func(tx *store.Tx, _ time.Time) (any, *simulator.Customer, error) {
		res := retroRequestsResponse{Data: []retroRequestV2{}, Warnings: []Message{}, Errors: []Message{}}
		c, err := customerFor(tx, id)
		if err != nil {
			return nil, nil, err
		}
		var rs []*simulator.RetroRequest
		for i := range c.RetroRequests {
			if f.match(&c.RetroRequests[i]) {
				rs = append(rs, &c.RetroRequests[i])
			}
		}
		sort.SliceStable(rs, func(i, j int) bool { return rs[i].ID < rs[j].ID })
		res.Pagination = pagination{Limit: limit, Offset: offset, Total: len(rs)}
		lo, hi := pageBounds(len(rs), limit, offset)
		for _, rr := range rs[lo:hi] {
			res.Data = append(res.Data, retroRequestV2{
				ID: rr.ID, Status: rr.Status, Type: rr.Type, RequestID: rr.RequestID, BaseType: "RETRO",
				TransactionID: rr.TransactionID, UserID: c.ID, AddedBy: userRef(tx.Org(), rr.AddedBy),
				AddedOn: timeV2(rr.AddedOn), UpdatedOn: timeV2(rr.UpdatedOn),
			})
		}
		return res, c, nil
	})
}
