package v2_test

import (
	"strconv"
	"testing"

	"github.com/capsim/capsim/simulator/simtest"
)

const issuePath = "/v2/promotion/issue"

type sideEffect struct {
	ProgramID   int64  `json:"programId"`
	IssualID    int64  `json:"issualId"`
	EarnedID    int64  `json:"earnedId"`
	PromotionID int64  `json:"promotionId"`
	Type        string `json:"type"`
}

type issueResponse struct {
	SideEffects []sideEffect `json:"sideEffects"`
}

// TestPromotionIssueCodes drives every documented code of POST /v2/promotion/issue.
func TestPromotionIssueCodes(t *testing.T) {
	t.Parallel()
	jim := "?identifierName=mobile&identifierValue=18767431754&source=INSTORE"
	tests := []struct {
		name   string
		query  string
		body   any
		status int
		errs   []int
		warns  []int
	}{
		{"docs sample: enrol & issue", jim, `{"programId": 469, "promotionId": 65777}`, 200, nil, nil},
		{"enrol & issue 57099", jim, `{"programId": 469, "promotionId": 57099}`, 200, nil, nil},
		{"direct issue by customer id", "?identifierName=id&identifierValue=17742&source=INSTORE&type=CUSTOMER", `{"programId": 469, "promotionId": 65778}`, 200, nil, nil},
		{"missing identifierValue", "?identifierName=mobile&source=INSTORE", `{"programId": 469, "promotionId": 57099}`, 400, []int{11013}, nil},
		{"empty identifierName", "?identifierName=&identifierValue=18767431754&source=INSTORE", `{"programId": 469, "promotionId": 57099}`, 400, []int{11013}, nil},
		{"missing source", "?identifierName=mobile&identifierValue=18767431754", `{"programId": 469, "promotionId": 57099}`, 400, []int{11013}, nil},
		{"bad entity type", jim + "&type=USERGROUP2", `{"programId": 469, "promotionId": 57099}`, 400, []int{1212}, nil},
		{"unknown program", jim, `{"programId": 4690, "promotionId": 57099}`, 400, []int{1101}, nil},
		{"missing program", jim, `{"promotionId": 57099}`, 400, []int{1101}, nil},
		{"unknown promotion", jim, `{"programId": 469, "promotionId": 1}`, 400, []int{8874}, nil},
		{"promotion of another program", jim, `{"programId": 1219, "promotionId": 57099}`, 400, []int{8874}, nil},
		{"missing promotion", jim, `{"programId": 469}`, 400, []int{8874}, nil},
		{"unknown customer", "?identifierName=mobile&identifierValue=10000000001&source=INSTORE", `{"programId": 469, "promotionId": 57099}`, 400, []int{8015}, nil},
		{"customer in another source only", "?identifierName=mobile&identifierValue=18767431754&source=ECOMMERCE", `{"programId": 469, "promotionId": 57099}`, 400, []int{8015}, nil},
		{"inactive promotion", jim, `{"programId": 469, "promotionId": 57101}`, 200, nil, []int{8890}},
		{"non-loyalty customer", "?identifierName=email&identifierValue=ann.lee@example.com&source=INSTORE", `{"programId": 469, "promotionId": 57099}`, 200, nil, []int{8890}},
		{"malformed body", jim, `{"programId": `, 400, []int{400}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := simtest.Shared(t)
			res := s.Do("POST", issuePath+tc.query, tc.body)
			simtest.ExpectCodes(t, res, tc.status, tc.errs, tc.warns)
			if tc.status == 200 {
				var body issueResponse
				res.Decode(t, &body)
				if len(tc.warns) > 0 && len(body.SideEffects) != 0 {
					t.Fatalf("warning 8890 must come with empty sideEffects: %s", res.Body)
				}
				if len(tc.warns) == 0 && (len(body.SideEffects) != 1 || body.SideEffects[0].Type != "Points promotion") {
					t.Fatalf("want one sideEffect of type Points promotion: %s", res.Body)
				}
			}
		})
	}
}

// TestPromotionIssueLimits checks the per-customer limit, the id kinds per
// promotion type, fresh ids, and that a direct issue awards its points.
func TestPromotionIssueLimits(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	issue := func(query string, promo int) *simtest.Response {
		return s.Do("POST", issuePath+query, map[string]int{"programId": 469, "promotionId": promo})
	}
	tom := "?identifierName=mobile&identifierValue=44700900000&source=INSTORE"
	joe := "?identifierName=externalId&identifierValue=nobody&source=INSTORE"

	// 57100 allows three enrolments per customer; Tom has one already (fixtures).
	var ids []int64
	for i := 0; i < 2; i++ {
		res := issue(tom, 57100)
		simtest.ExpectCodes(t, res, 200, nil, nil)
		var body issueResponse
		res.Decode(t, &body)
		se := body.SideEffects[0]
		if se.IssualID == 0 || se.EarnedID != 0 || se.PromotionID != 57100 || se.ProgramID != 469 {
			t.Fatalf("enrol & issue must give an issualId only: %s", res.Body)
		}
		ids = append(ids, se.IssualID)
	}
	if ids[0] == ids[1] {
		t.Fatalf("issual ids repeat: %v", ids)
	}
	simtest.ExpectCodes(t, issue(tom, 57100), 200, nil, []int{8890})

	// The docs' sample, 65777, enrols (LOYALTY_EARNING): an issualId.
	res := issue("?identifierName=mobile&identifierValue=18767431754&source=INSTORE", 65777)
	simtest.ExpectCodes(t, res, 200, nil, nil)
	var sample issueResponse
	res.Decode(t, &sample)
	if se := sample.SideEffects[0]; se.IssualID == 0 || se.EarnedID != 0 || se.PromotionID != 65777 || se.ProgramID != 469 {
		t.Fatalf("the docs' sample must give an issualId only: %s", res.Body)
	}

	// 65778 is a direct issue with limit 1 that awards 100 points in program 469.
	before := points(t, s, 17742, 469)
	res = issue(tom, 65778)
	simtest.ExpectCodes(t, res, 200, nil, nil)
	var body issueResponse
	res.Decode(t, &body)
	if se := body.SideEffects[0]; se.EarnedID == 0 || se.IssualID != 0 {
		t.Fatalf("direct issue must give an earnedId only: %s", res.Body)
	}
	if after := points(t, s, 17742, 469); after != before+100 {
		t.Fatalf("loyalty points %v after a 100-point direct issue, before %v", after, before)
	}
	simtest.ExpectCodes(t, issue(tom, 65778), 200, nil, []int{8890})
	simtest.ExpectCodes(t, issue(joe, 65778), 400, []int{8015}, nil)

	// Another namespace has its own limits.
	other := simtest.Shared(t).Do("POST", issuePath+tom, map[string]int{"programId": 469, "promotionId": 65778})
	simtest.ExpectCodes(t, other, 200, nil, nil)
}

// points reads a customer's loyalty points in a program through the API.
func points(t *testing.T, s *simtest.Server, id int64, program int64) float64 {
	t.Helper()
	res := s.Do("GET", "/v2/customers/"+strconv.FormatInt(id, 10)+"/loyaltyDetails?programId="+strconv.FormatInt(program, 10), nil)
	var body struct {
		Data []struct {
			LoyaltyPoints float64 `json:"loyaltyPoints"`
		} `json:"data"`
	}
	res.Decode(t, &body)
	if len(body.Data) != 1 {
		t.Fatalf("loyaltyDetails of %d in %d: %s", id, program, res.Body)
	}
	return body.Data[0].LoyaltyPoints
}
