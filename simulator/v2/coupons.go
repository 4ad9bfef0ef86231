package v2

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/store"
)

// couponStatesV2 are the values of status= on GET /v2/customers/{id}/coupons,
// as the v2 coupon documents name them (upper case), and the domain's state
// each stands for (Coupon.Is).
var couponStatesV2 = map[string]string{
	"ACTIVE":             simulator.CouponActive,
	"REDEEMED":           simulator.CouponRedeemed,
	"EXPIRED":            simulator.CouponExpired,
	"UNREDEEMED":         simulator.CouponUnredeemed,
	"ACTIVE_REDEEMED":    simulator.CouponActiveRedeemed,
	"ACTIVE_UNREDEEMED":  simulator.CouponActiveUnredeemed,
	"EXPIRED_REDEEMED":   simulator.CouponExpiredRedeemed,
	"EXPIRED_UNREDEEMED": simulator.CouponExpiredUnredeemed,
	"REDEEMABLE":         simulator.CouponRedeemable,
}

type couponSeriesV2 struct {
	ID                            int64   `json:"id"`
	OrgID                         int64   `json:"orgId"`
	Description                   string  `json:"description"`
	DiscountCode                  string  `json:"discountCode"`
	ValidTillDate                 string  `json:"validTillDate"`
	ValidDaysFromCreation         int     `json:"validDaysFromCreation"`
	MaxCreate                     int     `json:"maxCreate"`
	MaxRedeem                     int     `json:"maxRedeem"`
	IsValidationRequired          bool    `json:"isValidationRequired"`
	MaxVouchersPerUser            int     `json:"maxVouchersPerUser"`
	DiscountUpto                  float64 `json:"discountUpto"`
	DiscountValue                 float64 `json:"discountValue"`
	MinBillAmount                 float64 `json:"minBillAmount"`
	RedeemAtStore                 string  `json:"redeemAtStore"`
	MaxRedemptionsInSeriesPerUser int     `json:"maxRedemptionsInSeriesPerUser"`
	MinDaysBetweenRedemption      int     `json:"minDaysBetweenRedemption"`
	RedemptionValidFrom           string  `json:"redemptionValidFrom"`
	RedemptionPerCouponMaxLimit   int     `json:"redemptionPerCouponMaxLimit"`
	IssueToLoyalty                bool    `json:"issueToLoyalty"`
	SeriesType                    string  `json:"seriesType"`
	ClientHandlingType            string  `json:"clientHandlingType"`
	ExpiryStrategyType            string  `json:"expiryStrategyType"`
	DiscountOn                    string  `json:"discountOn"`
	DiscountType                  string  `json:"discountType"`
}

type couponPlaceV2 struct {
	Code string `json:"code"`
	Name string `json:"name"`
	Type string `json:"type"`
}

type couponRedemptionV2 struct {
	RedemptionDate    string        `json:"redemptionDate"`
	TransactionNumber string        `json:"transactionNumber"`
	RedeemedAt        couponPlaceV2 `json:"redeemedAt"`
}

// couponV2 is one coupon as GET /v2/customers/{id}/coupons shows it.
type couponV2 struct {
	ID                     int64                `json:"id"`
	SeriesID               int64                `json:"seriesId"`
	Series                 *couponSeriesV2      `json:"series,omitempty"`
	Code                   string               `json:"code"`
	Description            string               `json:"description"`
	CreatedDate            string               `json:"createdDate"`
	ValidTill              string               `json:"validTill"`
	IsRedeemed             bool                 `json:"isRedeemed"`
	IssuedTo               int64                `json:"issuedTo"`
	OrgID                  int64                `json:"orgId"`
	RefID                  int64                `json:"refId"`
	IssuedAt               couponPlaceV2        `json:"issuedAt"`
	CouponDiscountType     string               `json:"couponDiscountType"`
	IssuedOn               string               `json:"issuedOn"`
	ActiveFrom             string               `json:"activeFrom"`
	RedemptionsLeft        int                  `json:"redemptionsLeft"`
	RedemptionInfo         []couponRedemptionV2 `json:"redemptionInfo"`
	ReversedRedemptionInfo []any                `json:"reversedRedemptionInfo"`
	DiscountValue          float64              `json:"discountValue"`
	DiscountUpto           float64              `json:"discountUpto"`
	Redeemed               bool                 `json:"redeemed"`
	SeriesName             string               `json:"seriesName"`
	TrimmedCode            string               `json:"trimmedCode"`
}

type customerCouponsResponse struct {
	Entity   []couponV2 `json:"entity"`
	Warnings []Message  `json:"warnings"`
	Errors   []Message  `json:"errors"`
	Success  bool       `json:"success"`
}

// couponsQuery is what GET /v2/customers/{id}/coupons reads from its query.
type couponsQuery struct {
	states   []string // the domain's states; none: every coupon
	codeCase string   // UPPER (the default), LOWER or AS_IT_IS
}

// parseCouponsQuery reads status (comma-separated, any case) and
// coupon_code_case; a value neither names is a 400 naming it.
func parseCouponsQuery(r *http.Request) (couponsQuery, *simulator.Error) {
	q := simulator.Query(r)
	out := couponsQuery{codeCase: "UPPER"}
	for _, part := range strings.Split(q.Get("status"), ",") {
		name := strings.ToUpper(strings.TrimSpace(part))
		if name == "" {
			continue
		}
		st, ok := couponStatesV2[name]
		if !ok {
			return out, simulator.Errorf(simulator.CodeInvalidInput).WithDetail(
				"query parameter \"status\": %q is not one of REDEEMED, UNREDEEMED, ACTIVE, EXPIRED, ACTIVE_REDEEMED, ACTIVE_UNREDEEMED, EXPIRED_REDEEMED, EXPIRED_UNREDEEMED, REDEEMABLE", strings.TrimSpace(part))
		}
		out.states = append(out.states, st)
	}
	switch v := strings.ToUpper(strings.TrimSpace(q.Get("coupon_code_case"))); v {
	case "":
	case "UPPER", "LOWER", "AS_IT_IS":
		out.codeCase = v
	default:
		return out, simulator.Errorf(simulator.CodeInvalidInput).WithDetail(
			"query parameter \"coupon_code_case\": %q is not LOWER, UPPER or AS_IT_IS", q.Get("coupon_code_case"))
	}
	return out, nil
}

// handleCustomerCouponsGet handles "GET /v2/customers/{id}/coupons": every
// coupon issued to the customer (the domain's History.Coupons, what v1.1
// coupon/issue and the fixtures issued), newest first, with its series and
// redemptions; status= keeps those in any of the states named, at the
// namespace's clock. Codes are upper case unless coupon_code_case says
// otherwise, as the v2 coupon documents describe. 8015 for an unknown
// customer, 8069 for a merged one.
func (s *Server) handleCustomerCouponsGet(w http.ResponseWriter, r *http.Request) {
	id, ierr := requestCustomerID(r)
	if ierr != nil {
		s.fail(w, r, ierr)
		return
	}
	cq, qerr := parseCouponsQuery(r)
	if qerr != nil {
		s.fail(w, r, qerr)
		return
	}
	now := s.now(r)
	res := customerCouponsResponse{Entity: []couponV2{}, Warnings: []Message{}, Errors: []Message{}, Success: true}
	err := s.Store.View(namespace(r), func(tx *store.Tx) error {
		c, err := customerFor(tx, id)
		if err != nil {
			return err
		}
		if c.History == nil {
			return nil
		}
		org := tx.Org()
		q := simulator.CouponQuery{Statuses: cq.states, OrderBy: simulator.CouponOrderCreated,
			Page: simulator.Page{Limit: max(len(c.History.Coupons), 1)}}
		page, _ := c.History.FindCoupons(q, org, now)
		for _, cp := range page {
			res.Entity = append(res.Entity, renderCoupon(org, c.ID, cp, cq.codeCase))
		}
		return nil
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	reply(w, r, http.StatusOK, res, nil)
}

// renderCoupon renders cp, issued to customer, with its series (when the
// org has it) and its code in codeCase.
func renderCoupon(org *simulator.Org, customer int64, cp simulator.Coupon, codeCase string) couponV2 {
	code := cp.Code
	switch codeCase {
	case "UPPER":
		code = strings.ToUpper(code)
	case "LOWER":
		code = strings.ToLower(code)
	}
	s := org.Series(cp.SeriesID)
	out := couponV2{
		ID: cp.ID, SeriesID: cp.SeriesID, Code: code,
		CreatedDate: timeV2(cp.IssuedOn), ValidTill: timeV2(cp.ValidTill),
		IsRedeemed: len(cp.Redemptions) > 0, Redeemed: len(cp.Redemptions) > 0,
		IssuedTo: customer, OrgID: org.ID,
		IssuedAt: storePlace(org, cp.StoreCode),
		IssuedOn: timeV2(cp.IssuedOn), ActiveFrom: timeV2(startOfDay(cp.IssuedOn)),
		RedemptionsLeft:        cp.RedemptionsLeft(s),
		RedemptionInfo:         make([]couponRedemptionV2, 0, len(cp.Redemptions)),
		ReversedRedemptionInfo: []any{},
		TrimmedCode:            code,
	}
	for _, rd := range cp.Redemptions {
		out.RedemptionInfo = append(out.RedemptionInfo, couponRedemptionV2{
			RedemptionDate: timeV2(rd.Date), TransactionNumber: rd.TransactionNumber, RedeemedAt: storePlace(org, rd.StoreCode)})
	}
	if s != nil {
		out.Series = renderSeries(org, s)
		out.Description, out.SeriesName = s.Description, s.Description
		out.CouponDiscountType, out.DiscountValue = s.DiscountType, s.DiscountValue
	}
	return out
}

// renderSeries renders a coupon's series: its limits as the v2 coupon
// documents write them, -1 for a limit that is off.
func renderSeries(org *simulator.Org, s *simulator.CouponSeries) *couponSeriesV2 {
	orOff := func(n int) int {
		if n <= 0 {
			return -1
		}
		return n
	}
	expiry := "SERIES_EXPIRY"
	if s.ValidDays > 0 {
		expiry = "DAYS"
	}
	seriesType := "UNDEFINED"
	if s.LoyaltyOnly {
		seriesType = "LOYALTY"
	}
	stores := "[-1]"
	if len(s.Stores) > 0 {
		ids := make([]string, 0, len(s.Stores))
		for _, code := range s.Stores {
			if st := org.Store(code); st != nil {
				ids = append(ids, strconv.FormatInt(st.ID, 10))
			}
		}
		stores = "[" + strings.Join(ids, ",") + "]"
	}
	per := 1
	if s.MaxRedemptionsPerCoupon > 0 {
		per = s.MaxRedemptionsPerCoupon
	}
	return &couponSeriesV2{
		ID: s.ID, OrgID: org.ID, Description: s.Description, DiscountCode: s.DiscountCode,
		ValidTillDate: timeV2(s.ValidTill), ValidDaysFromCreation: s.ValidDays,
		MaxCreate: orOff(s.MaxIssued), MaxRedeem: orOff(s.MaxRedemptions),
		IsValidationRequired: s.ValidationRequired, MaxVouchersPerUser: orOff(s.MaxPerCustomer),
		DiscountValue: s.DiscountValue, MinBillAmount: s.MinBillAmount, RedeemAtStore: stores,
		MaxRedemptionsInSeriesPerUser: orOff(s.MaxRedemptionsPerCustomer),
		MinDaysBetweenRedemption:      orOff(s.MinDaysBetweenRedemptions),
		RedemptionValidFrom:           timeV2(s.RedeemableFrom),
		RedemptionPerCouponMaxLimit:   per,
		IssueToLoyalty:                s.LoyaltyOnly,
		SeriesType:                    seriesType, ClientHandlingType: "DISC_CODE", ExpiryStrategyType: expiry,
		DiscountOn: "BILL", DiscountType: s.DiscountType,
	}
}

// storePlace renders the store with code as {code, name, type STORE}; an
// unknown store is named by its code.
func storePlace(org *simulator.Org, code string) couponPlaceV2 {
	name := code
	if st := org.Store(code); st != nil && st.Name != "" {
		name = st.Name
	}
	return couponPlaceV2{Code: code, Name: name, Type: "STORE"}
}

// startOfDay returns midnight of t's day, in t's zone.
func startOfDay(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
}
