package v11

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/store"
	"github.com/gorilla/mux"
)

// Server holds what the v1.1 handlers need.
type Server struct {
	Store *store.Store
	Now   simulator.Clock
	Log   *slog.Logger
	// BatchLimit is the most items one request may carry: customers in the
	// body of add, update and update_identity, identifiers in the query of
	// get. More answer status 1060 "Batch limit exceeded" and nothing is
	// written. Zero means DefaultBatchLimit.
	BatchLimit int

	reads readCache // rendered bodies of reads (see readKey)
}

// Register registers every v1.1 route on r (the router at the root path):
// the one list of the v1.1 operations. Each route names one method: the
// contract matches it to one operation.
func (s *Server) Register(r *mux.Router) {
	// The customer's profile: customer_add.go, customer_update.go,
	// customer_get.go, customer_search.go.
	r.HandleFunc("/v1.1/customer/add", s.handleCustomerAdd).Methods(http.MethodPost)
	// The current reference documents PUT; the older docs and most existing
	// integrations use POST (NOTES §1.7): both are served.
	r.HandleFunc("/v1.1/customer/update", s.handleCustomerUpdate).Methods(http.MethodPost)
	r.HandleFunc("/v1.1/customer/update", s.handleCustomerUpdate).Methods(http.MethodPut)
	r.HandleFunc("/v1.1/customer/update_identity", s.handleCustomerUpdateIdentity).Methods(http.MethodPost)
	r.HandleFunc("/v1.1/customer/get", s.handleCustomerGet).Methods(http.MethodGet)
	r.HandleFunc("/v1.1/customer/search", s.handleCustomerSearch).Methods(http.MethodGet)
	// The customer's activity: history_*.go, one file per resource.
	r.HandleFunc("/v1.1/customer/transactions", s.handleTransactionsGet).Methods(http.MethodGet)
	r.HandleFunc("/v1.1/customer/redemptions", s.handleRedemptionsGet).Methods(http.MethodGet)
	r.HandleFunc("/v1.1/customer/notes", s.handleNotesAdd).Methods(http.MethodPost)
	r.HandleFunc("/v1.1/customer/notes", s.handleNotesGet).Methods(http.MethodGet)
	r.HandleFunc("/v1.1/customer/coupons", s.handleCouponsGet).Methods(http.MethodGet)
	r.HandleFunc("/v1.1/customer/tickets", s.handleTicketsAdd).Methods(http.MethodPost)
	r.HandleFunc("/v1.1/customer/tickets", s.handleTicketsGet).Methods(http.MethodGet)
	r.HandleFunc("/v1.1/customer/referrals", s.handleReferralsAdd).Methods(http.MethodPost)
	r.HandleFunc("/v1.1/customer/referrals", s.handleReferralsGet).Methods(http.MethodGet)
	r.HandleFunc("/v1.1/customer/preferences", s.handlePreferencesSet).Methods(http.MethodPost)
	r.HandleFunc("/v1.1/customer/preferences", s.handlePreferencesGet).Methods(http.MethodGet)
	r.HandleFunc("/v1.1/customer/interaction", s.handleInteractionGet).Methods(http.MethodGet)
	r.HandleFunc("/v1.1/customer/subscriptions", s.handleSubscriptionsSet).Methods(http.MethodPost)
	r.HandleFunc("/v1.1/customer/subscriptions", s.handleSubscriptionsGet).Methods(http.MethodGet)
	// Points: points.go.
	r.HandleFunc("/v1.1/points/isredeemable", s.handlePointsIsRedeemable).Methods(http.MethodGet)
	r.HandleFunc("/v1.1/points/validationcode", s.handlePointsValidationCode).Methods(http.MethodGet)
	r.HandleFunc("/v1.1/points/redeem", s.handlePointsRedeem).Methods(http.MethodPost)
	// Coupons: coupon_*.go.
	r.HandleFunc("/v1.1/coupon/issue", s.handleCouponIssue).Methods(http.MethodPost)
	r.HandleFunc("/v1.1/coupon/resend", s.handleCouponResend).Methods(http.MethodGet)
	r.HandleFunc("/v1.1/coupon/redeem", s.handleCouponRedeem).Methods(http.MethodPost)
	r.HandleFunc("/v1.1/coupon/isredeemable", s.handleCouponIsRedeemable).Methods(http.MethodGet)
	r.HandleFunc("/v1.1/coupon/get", s.handleCouponGet).Methods(http.MethodGet)
	r.HandleFunc("/v1.1/coupon/series", s.handleCouponSeries).Methods(http.MethodGet)
	// Transactions: transaction_add.go, transaction_get.go,
	// transaction_update.go. add_with_local_currency is add: a bill's
	// currency_code converts by the org's ratios on either path.
	r.HandleFunc("/v1.1/transaction/add", s.handleTransactionAdd).Methods(http.MethodPost)
	r.HandleFunc("/v1.1/transaction/add_with_local_currency", s.handleTransactionAdd).Methods(http.MethodPost)
	r.HandleFunc("/v1.1/transaction/update", s.handleTransactionUpdate).Methods(http.MethodPost)
	r.HandleFunc("/v1.1/transaction/get", s.handleTransactionGet).Methods(http.MethodGet)
}

// Limit returns the batch limit in force.
func (s *Server) Limit() int {
	if s.BatchLimit > 0 {
		return s.BatchLimit
	}
	return DefaultBatchLimit
}

// now returns the time the request acts at: its namespace's clock.
func (s *Server) now(r *http.Request) time.Time { return simulator.Info(r.Context()).TimeOr(s.Now) }

// namespace returns the namespace the request acts on.
func namespace(r *http.Request) string { return simulator.Info(r.Context()).Namespace }

// till returns the till the request is attributed to: the authenticated
// one, else the org's default.
func (s *Server) till(r *http.Request) string {
	return simulator.Info(r.Context()).TillOr(s.Store.Org().DefaultTill)
}

// fail writes err as a request-level failure: an API error as itself,
// anything else (a fault of capsim's own) as status 500 after logging it.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	e, ok := simulator.ErrorOf(err, simulator.CodeAllFailed)
	if !ok && s.Log != nil {
		s.Log.Error("handler failed", "err", err, "path", r.URL.Path, "request_id", simulator.Info(r.Context()).ID)
	}
	WriteError(w, r, e)
}

// itemError returns err as an item failure: an API error as itself, any
// other error as fallback (logged: it is capsim's fault, not the request's).
func (s *Server) itemError(r *http.Request, err error, fallback simulator.Code) *simulator.Error {
	e, ok := simulator.ErrorOf(err, fallback)
	if !ok && s.Log != nil {
		s.Log.Error("item failed", "err", err, "path", r.URL.Path, "request_id", simulator.Info(r.Context()).ID)
	}
	return e
}
