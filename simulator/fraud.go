package simulator

import "time"

// FraudDetails is a customer's fraud marking, as v1.1 get's fraud_details
// shows it. The zero value is an unmarked customer (status NONE).
type FraudDetails struct {
	// Status is one of FraudStatuses; "" reads as NONE.
	Status string `json:"status,omitempty"`
	// MarkedBy is the till (or user) that set the status.
	MarkedBy   string    `json:"markedBy,omitempty"`
	ModifiedOn time.Time `json:"modifiedOn,omitzero"`
}

// The fraud statuses Capillary's customer fraud module uses. NONE and
// NOT_FRAUD leave the customer free; the others mark them as fraud.
const (
	FraudNone        = "NONE"
	FraudNotFraud    = "NOT_FRAUD"
	FraudMarked      = "MARKED"
	FraudConfirmed   = "CONFIRMED"
	FraudReconfirmed = "RECONFIRMED"
	FraudInternal    = "INTERNAL"
)

// FraudStatuses lists every fraud status a customer may have.
var FraudStatuses = []string{FraudNone, FraudNotFraud, FraudMarked, FraudConfirmed, FraudReconfirmed, FraudInternal}

// StatusName returns the status as the API writes it: NONE when unset.
func (f FraudDetails) StatusName() string {
	if f.Status == "" {
		return FraudNone
	}
	return f.Status
}

// Marked reports whether the status marks the customer as fraud.
func (f FraudDetails) Marked() bool {
	s := f.StatusName()
	return s != FraudNone && s != FraudNotFraud
}

// FraudRefusal returns 618 "Not allowed - customer is marked as fraud." for
// a customer marked as fraud, nil otherwise: what a write to the customer's
// profile or identity answers (see docs/codes.md, 618).
func (c *Customer) FraudRefusal() *Error {
	if c.Fraud.Marked() {
		return Errorf(CodeCustomerMarkedFraud)
	}
	return nil
}
