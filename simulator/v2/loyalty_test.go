package v2_test

import (
	"reflect"
	"strconv"
	"testing"

	"github.com/capsim/capsim/simulator"
	"github.com/capsim/capsim/simulator/simtest"
)

// codeInvalidProgram is v2's "invalid programId passed".
var codeInvalidProgram = simulator.CodeInvalidProgramID.Number()

type loyaltyBody struct {
	Data     []map[string]any `json:"data"`
	Warnings []any            `json:"warnings"`
	Errors   []any            `json:"errors"`
}

// TestLoyaltyDetailsDocsSample fetches 17742's standing in its two programs.
func TestLoyaltyDetailsDocsSample(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	var body loyaltyBody
	get(t, s, "/v2/customers/17742/loyaltyDetails", &body)
	want := []map[string]any{
		{"redeemed": 200.0, "expired": 50.0, "returned": 20.0, "adjusted": -15.0, "lifetimePoints": 420.0,
			"loyaltyPoints": 135.0, "cumulativePurchases": 150.0, "loyaltyId": 17742.0, "currentSlab": "Gold",
			"nextSlab": "Platinum", "nextSlabSerialNumber": 3.0, "nextSlabDescription": "Platinum tier", "slabSNo": 2.0,
			"slabExpiryDate": "2117-12-29T23:59:59+05:30", "programId": 469.0},
		{"redeemed": 100.0, "expired": 0.0, "returned": 10.0, "adjusted": 0.0, "lifetimePoints": 400.0,
			"loyaltyPoints": 300.0, "cumulativePurchases": 80.0, "loyaltyId": 17742.0, "currentSlab": "Tier1",
			"nextSlab": "Tier2", "nextSlabSerialNumber": 2.0, "nextSlabDescription": "Top level tier", "slabSNo": 1.0,
			"slabExpiryDate": "2117-12-29T23:59:59+05:30", "programId": 1223.0},
	}
	if !reflect.DeepEqual(body.Data, want) {
		t.Fatalf("data %v\nwant %v", body.Data, want)
	}
	if body.Warnings == nil || body.Errors == nil || len(body.Errors) != 0 {
		t.Fatalf("warnings %v errors %v, want [] and []", body.Warnings, body.Errors)
	}
}

// TestLoyaltyDetailsProgramFilter checks programId and the codes.
func TestLoyaltyDetailsProgramFilter(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	victim := addCustomer(t, s, "Vic", "Tim", "447770000003")
	mergeInto(t, s, victim, 17742)
	tests := []struct {
		name, target string
		programs     []float64
		code         int
	}{
		{"one program", "/v2/customers/17742/loyaltyDetails?programId=1223", []float64{1223}, 0},
		{"known program, not enrolled", "/v2/customers/17742/loyaltyDetails?programId=1219", []float64{}, 0},
		{"not enrolled anywhere", "/v2/customers/500001/loyaltyDetails", []float64{}, 0},
		{"program the org does not have", "/v2/customers/17742/loyaltyDetails?programId=424242", nil, codeInvalidProgram},
		{"unknown customer", "/v2/customers/999999999/loyaltyDetails", nil, codeNotFound},
		{"merged victim", "/v2/customers/" + strconv.FormatInt(victim, 10) + "/loyaltyDetails", nil, codeMerged},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := s.Do("GET", tc.target, nil)
			if tc.code != 0 {
				simtest.ExpectCodes(t, res, 400, []int{tc.code}, nil)
				return
			}
			simtest.ExpectCodes(t, res, 200, nil, nil)
			var body loyaltyBody
			res.Decode(t, &body)
			got := []float64{}
			for _, d := range body.Data {
				got = append(got, d["programId"].(float64))
			}
			if !reflect.DeepEqual(got, tc.programs) {
				t.Fatalf("programs %v, want %v", got, tc.programs)
			}
		})
	}
}

// TestLoyaltyDetailsMatchEmbedMLP checks that loyaltyDetails and embed=mlp
// read the same, for customers in one, several and no programs.
func TestLoyaltyDetailsMatchEmbedMLP(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	for _, id := range []string{"17742", "52350728", "343015432", "500001", "500002"} {
		t.Run(id, func(t *testing.T) {
			var details loyaltyBody
			get(t, s, "/v2/customers/"+id+"/loyaltyDetails", &details)
			var c struct {
				MLP []map[string]any `json:"loyaltyProgramDetails"`
			}
			get(t, s, "/v2/customers/"+id+"?source=INSTORE&embed=mlp", &c)
			if !reflect.DeepEqual(details.Data, c.MLP) {
				t.Fatalf("loyaltyDetails %v\nembed=mlp %v", details.Data, c.MLP)
			}
		})
	}
}

type transfersBody struct {
	Data []struct {
		PointsTransferDate string  `json:"pointsTransferDate"`
		PointsTransferred  float64 `json:"pointsTransferred"`
		TransferID         int64   `json:"transferId"`
		TransferType       string  `json:"transferType"`
		TransferredFrom    party   `json:"transferredFrom"`
		TransferredTo      party   `json:"transferredTo"`
		Notes              string  `json:"notes"`
		ProgramName        string  `json:"programName"`
	} `json:"data"`
	Warnings []any `json:"warnings"`
	Errors   []any `json:"errors"`
}

type party struct {
	UserID    int64  `json:"userId"`
	FirstName string `json:"firstName"`
	LastName  string `json:"lastName"`
}

// TestPointsTransfersDocsSample fetches the docs' customer 343015431, whose
// two transfers with James Thomas come newest first.
func TestPointsTransfersDocsSample(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	var body transfersBody
	get(t, s, "/v2/customers/343015431/pointsTransfers", &body)
	tom := party{343015431, "Tom", "Sawyer"}
	james := party{343015432, "James", "Thomas"}
	if len(body.Data) != 2 {
		t.Fatalf("%d transfers, want 2: %+v", len(body.Data), body.Data)
	}
	first, second := body.Data[0], body.Data[1]
	if first.PointsTransferDate != "2019-10-26 10:23:42" || first.PointsTransferred != 5 || first.TransferType != "ADDITION" ||
		first.TransferredFrom != james || first.TransferredTo != tom || first.ProgramName != "Nightly_ApiAutoDefaultProgram" {
		t.Errorf("first transfer %+v", first)
	}
	if second.PointsTransferDate != "2019-10-16 15:53:42" || second.PointsTransferred != 15 || second.TransferType != "DEDUCTION" ||
		second.TransferredFrom != tom || second.TransferredTo != james || second.TransferID != 100 || second.Notes != "" {
		t.Errorf("second transfer %+v", second)
	}
	if body.Warnings == nil || body.Errors == nil {
		t.Errorf("warnings %v errors %v, want [] and []", body.Warnings, body.Errors)
	}
}

// TestPointsTransfersQuery checks ordering, the program filter, paging and codes.
func TestPointsTransfersQuery(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	const james = "/v2/customers/343015432/pointsTransfers"
	tests := []struct {
		name, target string
		ids          []int64
		code         int
	}{
		{"newest first by default", james, []int64{101, 100, 103, 102}, 0},
		{"oldest first", james + "?sortOrder=asc", []int64{102, 103, 100, 101}, 0},
		{"one program", james + "?programId=469", []int64{103, 102}, 0},
		{"page", james + "?limit=2&offset=1", []int64{100, 103}, 0},
		{"past the end", james + "?offset=10", []int64{}, 0},
		{"no transfers", "/v2/customers/500001/pointsTransfers", []int64{}, 0},
		{"unknown customer", "/v2/customers/999999999/pointsTransfers", nil, codeNotFound},
		{"unknown program", james + "?programId=424242", nil, codeInvalidProgram},
		{"negative offset", james + "?offset=-1", nil, 8100},
		{"zero limit", james + "?limit=0", nil, 8101},
		{"limit over 100", james + "?limit=500", nil, 8102},
		{"bad sortOrder", james + "?sortOrder=sideways", nil, codeInvalidInput},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := s.Do("GET", tc.target, nil)
			if tc.code != 0 {
				simtest.ExpectCodes(t, res, 400, []int{tc.code}, nil)
				return
			}
			simtest.ExpectCodes(t, res, 200, nil, nil)
			var body transfersBody
			res.Decode(t, &body)
			got := []int64{}
			for _, d := range body.Data {
				got = append(got, d.TransferID)
			}
			if !reflect.DeepEqual(got, tc.ids) {
				t.Fatalf("transfers %v, want %v", got, tc.ids)
			}
		})
	}
}

type retroBody struct {
	Pagination struct{ Limit, Offset, Total int } `json:"pagination"`
	Data       []map[string]any                   `json:"data"`
}

// TestRetroRequestDocsSample fetches the docs' customer 368881003.
func TestRetroRequestDocsSample(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	var body retroBody
	get(t, s, "/v2/customers/368881003/retroRequest", &body)
	if body.Pagination.Limit != 10 || body.Pagination.Offset != 0 || body.Pagination.Total != 3 || len(body.Data) != 3 {
		t.Fatalf("pagination %+v with %d items, want 10/0/3 and 3", body.Pagination, len(body.Data))
	}
	want := map[string]any{"id": 1.0, "status": "APPROVED", "type": "TRANSACTION_UPDATE", "requestId": "RR-368881003-1",
		"baseType": "RETRO", "transactionId": 2151569902.0, "userId": 368881003.0,
		"addedBy": map[string]any{"code": "storecode", "name": "storecode"},
		"addedOn": "2019-01-10T11:00:00+05:30", "updatedOn": "2019-01-11T09:00:00+05:30"}
	if !reflect.DeepEqual(body.Data[0], want) {
		t.Fatalf("first request %v\nwant %v", body.Data[0], want)
	}
}

// TestRetroRequestFilters checks each filter, paging and the codes.
func TestRetroRequestFilters(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	const sid = "/v2/customers/368881003/retroRequest"
	tests := []struct {
		name, target string
		ids          []float64
		total        int
		code         int
	}{
		{"status", sid + "?status=PENDING", []float64{3}, 1, 0},
		{"type", sid + "?type=TRANSACTION_UPDATE", []float64{1, 3}, 2, 0},
		{"status and type", sid + "?status=APPROVED&type=CHANGE_IDENTIFIER", []float64{}, 0, 0},
		{"date range", sid + "?startDate=2019-02-01&endDate=2019-04-01", []float64{2}, 1, 0},
		{"dates are inclusive", sid + "?startDate=2019-01-10&endDate=2019-03-02", []float64{1, 2}, 2, 0},
		{"from a date on", sid + "?startDate=2019-03-03", []float64{3}, 1, 0},
		{"id range", sid + "?startId=2&endId=3", []float64{2, 3}, 2, 0},
		{"page", sid + "?limit=1&offset=1", []float64{2}, 3, 0},
		{"no requests", "/v2/customers/17742/retroRequest", []float64{}, 0, 0},
		{"unknown customer", "/v2/customers/999999999/retroRequest", nil, 0, codeNotFound},
		{"start after end", sid + "?startDate=2019-05-01&endDate=2019-04-01", nil, 0, 8115},
		{"impossible start date", sid + "?startDate=2019-02-30", nil, 0, 8112},
		{"impossible end date", sid + "?endDate=2019-13-01", nil, 0, 8113},
		{"date in another format", sid + "?startDate=01-02-2019", nil, 0, codeInvalidInput},
		{"unknown status", sid + "?status=LOST", nil, 0, codeInvalidInput},
		{"negative offset", sid + "?offset=-1", nil, 0, 8100},
		{"zero limit", sid + "?limit=0", nil, 0, 8101},
		{"limit over 100", sid + "?limit=101", nil, 0, 8102},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := s.Do("GET", tc.target, nil)
			if tc.code != 0 {
				simtest.ExpectCodes(t, res, 400, []int{tc.code}, nil)
				return
			}
			simtest.ExpectCodes(t, res, 200, nil, nil)
			var body retroBody
			res.Decode(t, &body)
			got := []float64{}
			for _, d := range body.Data {
				got = append(got, d["id"].(float64))
			}
			if !reflect.DeepEqual(got, tc.ids) || body.Pagination.Total != tc.total {
				t.Fatalf("ids %v total %d, want %v %d", got, body.Pagination.Total, tc.ids, tc.total)
			}
		})
	}
}
