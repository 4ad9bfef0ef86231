package v2

import (
	"errors"
	"hash/fnv"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/store"
)

// GET /v2/transactions/{id}: one bill, rendered as 007 shows it.

// foundBill is a bill read by id: its customer (nil for a not-interested
// bill of nobody) and the bill.
type foundBill struct {
	customer *simulator.Customer
	bill     simulator.Transaction
}

// findBill returns the bill with id: a customer's (through the store's
// transaction index) or a not-interested bill of nobody.
func findBill(tx *store.Tx, id int64) (foundBill, bool, error) {
	if cid, ok := tx.TransactionOwner(id); ok {
		c, err := tx.Customer(cid)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return foundBill{}, false, err
		}
		if c != nil {
			if t := c.History.Transaction(id); t != nil {
				return foundBill{customer: c, bill: *t}, true, nil
			}
		}
	}
	b, ok, err := tx.LooseBill(id)
	return foundBill{bill: b}, ok, err
}

// typeOf names a stored bill's type as the get's type parameter does.
func (fb foundBill) typeOf() string {
	if fb.bill.Type == simulator.TransactionReturn && fb.customer == nil {
		return typeNotInterestedReturn
	}
	return fb.bill.Type
}

// entityV2 is a till or store as the get writes attribution and billingStore.
type entityV2 struct {
	ID          int64  `json:"id"`
	Code        string `json:"code"`
	Description string `json:"description"`
	Name        string `json:"name"`
	Type        string `json:"type"`
	AdminType   string `json:"adminType"`
	IsActive    bool   `json:"isActive"`
	IsOuEnabled bool   `json:"isOuEnabled"`
	TimeZoneID  int    `json:"timeZoneId"`
	CurrencyID  int    `json:"currencyId"`
	LanguageID  int    `json:"languageId"`
}

// tillEntity renders till code. Tills have no numeric id in capsim's org:
// a stable one is made from the code.
func tillEntity(org *simulator.Org, code string) *entityV2 {
	h := fnv.New32a()
	_, _ = h.Write([]byte(code))
	e := &entityV2{ID: int64(h.Sum32() & 0x7fffffff), Code: code, Name: code, Type: "TILL", AdminType: "GENERAL", IsActive: true,
		TimeZoneID: -1, CurrencyID: -1, LanguageID: -1}
	if t := org.Till(code); t != nil {
		e.Name = t.Name
	}
	return e
}

// storeEntity renders the store of a bill.
func storeEntity(org *simulator.Org, code string) *entityV2 {
	e := &entityV2{Code: code, Name: code, Type: "STORE", AdminType: "GENERAL", IsActive: true, TimeZoneID: -1, CurrencyID: -1, LanguageID: -1}
	if st := org.Store(code); st != nil {
		e.ID, e.Name, e.Description = st.ID, st.Name, st.City
	}
	return e
}

type attributionV2 struct {
	CreateDate   string    `json:"createDate"`
	CreatedBy    *entityV2 `json:"createdBy"`
	ModifiedBy   struct{}  `json:"modifiedBy"`
	ModifiedDate string    `json:"modifiedDate"`
}

type returnDetailsV2 struct {
	Canceled bool `json:"canceled"`
}

type billDetailsV2 struct {
	Amount                float64          `json:"amount"`
	BillingStore          *entityV2        `json:"billingStore"`
	BillNumber            string           `json:"billNumber"`
	BillingTime           string           `json:"billingTime"`
	Discount              float64          `json:"discount"`
	GrossAmount           float64          `json:"grossAmount"`
	Note                  string           `json:"note"`
	ReturnDetails         returnDetailsV2  `json:"returnDetails"`
	NIReturnDetails       struct{}         `json:"niReturnDetails"`
	InvalidBill           bool             `json:"invalidBill"`
	PointsEarningEntities *earningEntities `json:"pointsEarningEntities,omitempty"`
}

type lineDetailsV2 struct {
	Amount         float64             `json:"amount"`
	Description    string              `json:"description"`
	Discount       float64             `json:"discount"`
	ItemCode       string              `json:"itemCode"`
	Qty            float64             `json:"qty"`
	Rate           float64             `json:"rate"`
	Serial         int                 `json:"serial"`
	Value          float64             `json:"value"`
	Returnable     bool                `json:"returnable"`
	ReturnableDays int                 `json:"returnableDays"`
	Attributes     map[string]string   `json:"attributes"`
	ExtendedFields map[string]string   `json:"extendedFields"`
	AttributesSet  []map[string]string `json:"attributesSet"`
}

type lineItemV2 struct {
	ID                    int64            `json:"id"`
	CustomerID            int64            `json:"customerId"`
	Details               lineDetailsV2    `json:"details"`
	OutlierStatus         string           `json:"outlierStatus"`
	ReturnDetails         struct{}         `json:"returnDetails"`
	Valid                 bool             `json:"valid"`
	ReturnLineItemsDtos   []any            `json:"returnLineItemsDtos"`
	NIReturnLineItemsDtos []any            `json:"niReturnLineItemsDtos"`
	AddonDetails          []any            `json:"addonDetails"`
	SplitItemsDetails     []any            `json:"splitItemsDetails"`
	PointsEarningEntities *earningEntities `json:"pointsEarningEntities,omitempty"`
	NIReturn              bool             `json:"niReturn"`
}

type tenderV2 struct {
	Amount           float64 `json:"amount"`
	Attributes       []any   `json:"attributes"`
	ID               int64   `json:"id"`
	Mode             string  `json:"mode"`
	Notes            string  `json:"notes"`
	OrgPaymentModeID int64   `json:"orgPaymentModeId"`
}

type creditNoteV2 struct {
	Amount       float64 `json:"amount"`
	Notes        string  `json:"notes"`
	Number       string  `json:"number"`
	Validity     string  `json:"validity"`
	UpdateAmount bool    `json:"updateAmount"`
}

// transactionV2 is the body of GET /v2/transactions/{id} and, with its
// points, of GET /v2/earning/{id}.
type transactionV2 struct {
	UseDefaultFleetGroup bool              `json:"useDefaultFleetGroup"`
	Attribution          attributionV2     `json:"attribution"`
	BillDetails          billDetailsV2     `json:"billDetails"`
	CreditNote           *creditNoteV2     `json:"creditNote,omitempty"`
	CustomFields         map[string]string `json:"customFields"`
	AddWithLocalCurrency bool              `json:"addWithLocalCurrency"`
	Async                bool              `json:"async"`
	UseV2                bool              `json:"useV2"`
	CustomerID           int64             `json:"customerId"`
	ID                   int64             `json:"id"`
	LineItems            []lineItemV2      `json:"lineItems"`
	OutlierStatus        string            `json:"outlierStatus"`
	PaymentModes         []tenderV2        `json:"paymentModes,omitempty"`
	Type                 string            `json:"type"`
	DeliveryStatus       string            `json:"deliveryStatus,omitempty"`
	LifeTimePurchases    float64           `json:"lifeTimePurchases"`
	IgnorePoints         bool              `json:"ignorePoints"`
	ExtendedFields       map[string]string `json:"extendedFields"`
	AutoUpdateTime       string            `json:"autoUpdateTime"`
	NIReturnDetails      struct{}          `json:"niReturnDetails"`
	BasketSize           float64           `json:"basketSize"`
	ReturnDetails        returnDetailsV2   `json:"returnDetails"`
	Warnings             []Message         `json:"warnings"`
}

// renderTransaction renders fb as the get writes it; tenders and
// creditNotes add what their query parameters ask for.
func renderTransaction(org *simulator.Org, fb foundBill, tenders, creditNotes bool) *transactionV2 {
	t := fb.bill
	created := t.AddedOn
	if created.IsZero() {
		created = t.Date
	}
	modified := t.UpdatedOn
	if modified.IsZero() {
		modified = created
	}
	out := &transactionV2{
		Attribution: attributionV2{CreateDate: timeV2(created), CreatedBy: tillEntity(org, t.TillCode), ModifiedDate: timeV2(modified)},
		BillDetails: billDetailsV2{Amount: t.Amount, BillingStore: storeEntity(org, t.StoreCode), BillNumber: t.Number,
			BillingTime: timeV2(t.Date), Discount: t.Discount, GrossAmount: t.GrossAmount, Note: t.Notes},
		CustomFields: fieldMap(t.CustomFields), AddWithLocalCurrency: t.Currency != "", UseV2: t.Source == billSource,
		ID: t.ID, LineItems: []lineItemV2{}, OutlierStatus: "NORMAL", Type: fb.typeOf(), DeliveryStatus: t.DeliveryStatus,
		ExtendedFields: fieldMap(t.ExtendedFields), AutoUpdateTime: timeV2(modified), Warnings: []Message{},
	}
	if fb.customer != nil {
		out.CustomerID = fb.customer.ID
		out.LifeTimePurchases = fb.customer.LifetimePurchases
	}
	if t.Type == simulator.TransactionRegular && t.Returned >= t.Amount-0.000001 && t.Returned > 0 {
		out.ReturnDetails.Canceled = true
		out.BillDetails.ReturnDetails.Canceled = true
	}
	for i, l := range t.LineItems {
		out.BasketSize += l.Qty
		out.LineItems = append(out.LineItems, lineItemV2{ID: t.ID*100 + int64(i) + 1, CustomerID: out.CustomerID,
			Details: lineDetailsV2{Amount: l.Amount, Description: l.Description, Discount: l.Discount, ItemCode: l.ItemCode,
				Qty: l.Qty, Rate: l.Rate, Serial: l.Serial, Value: l.Value, Returnable: !l.NotReturnable, ReturnableDays: -1,
				Attributes: map[string]string{}, ExtendedFields: fieldMap(l.ExtendedFields), AttributesSet: []map[string]string{}},
			OutlierStatus: "NORMAL", Valid: true, ReturnLineItemsDtos: []any{}, NIReturnLineItemsDtos: []any{},
			AddonDetails: []any{}, SplitItemsDetails: []any{}})
	}
	if tenders {
		out.PaymentModes = []tenderV2{}
		for i, p := range t.Payments {
			out.PaymentModes = append(out.PaymentModes, tenderV2{Amount: p.Value, Attributes: []any{}, ID: t.ID*10 + int64(i) + 1,
				Mode: p.Mode, Notes: p.Notes, OrgPaymentModeID: -1})
		}
	}
	if creditNotes && len(t.CreditNotes) > 0 {
		cn := t.CreditNotes[0]
		out.CreditNote = &creditNoteV2{Amount: cn.Amount, Notes: cn.Notes, Number: cn.Number, Validity: cn.Date.Format(time.DateOnly)}
	}
	return out
}

// getTransactionTypes are the values of the get's type parameter.
var getTransactionTypes = []string{typeRegular, typeReturn, typeNotInterested, typeNotInterestedReturn}

// readBill reads the bill of the {id} path for a get or an earning: 620
// for an id that cannot be one, 500 ("Unable to retrieve transaction.")
// when no bill of type typ has it.
func (s *Server) readBill(r *http.Request, typ string) (foundBill, error) {
	id, ok := pathID(r)
	if !ok {
		return foundBill{}, simulator.Errorf(simulator.CodeTransactionIDInvalid).WithDetail("id %s", quoteInput(simulator.Vars(r)["id"]))
	}
	var fb foundBill
	var found bool
	err := s.Store.View(namespace(r), func(tx *store.Tx) error {
		var err error
		fb, found, err = findBill(tx, id)
		return err
	})
	if err != nil {
		return foundBill{}, err
	}
	if !found || (typ != "" && fb.typeOf() != typ) {
		what := "transaction"
		if typ != "" {
			what = typ + " transaction"
		}
		return foundBill{}, simulator.Errorf(simulator.CodeTransactionRetrieveFailed).WithDetail("no %s has id %d", what, id)
	}
	return fb, nil
}

// handleTransactionGet handles "GET /v2/transactions/{id}": the bill with
// id, of the type the query names (REGULAR by default; 1623 for a type
// that is none of 007's).
func (s *Server) handleTransactionGet(w http.ResponseWriter, r *http.Request) {
	q := simulator.Query(r)
	typ := strings.ToUpper(strings.TrimSpace(q.Get("type")))
	if typ == "" {
		typ = typeRegular
	}
	known := false
	for _, t := range getTransactionTypes {
		known = known || t == typ
	}
	if !known {
		s.fail(w, r, simulator.Errorf(simulator.CodeTransactionTypeInvalid).WithDetail("type %s is not one of %s", quoteInput(q.Get("type")), strings.Join(getTransactionTypes, ", ")))
		return
	}
	fb, err := s.readBill(r, typ)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	tenders, _ := strconv.ParseBool(q.Get("tenders"))
	notes, _ := strconv.ParseBool(q.Get("credit_notes"))
	reply(w, r, http.StatusOK, renderTransaction(s.Store.Org(), fb, tenders, notes), nil)
}
