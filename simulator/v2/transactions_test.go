package v2_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/capsim/capsim/simulator/simtest"
)

const (
	txnPath  = "/v2/transactions"
	bulkPath = "/v2/transactions/bulk"
	tomQuery = "?source=INSTORE&identifierName=mobile&identifierValue=44700900000"
)

type addTxnResponse struct {
	CreatedID   int64 `json:"createdId"`
	SideEffects []struct {
		RawAwardedPoints float64 `json:"rawAwardedPoints"`
		AwardedPoints    int64   `json:"awardedPoints"`
		Type             string  `json:"type"`
	} `json:"sideEffects"`
	RawSideEffects []map[string]string `json:"rawSideEffects"`
	CustomerInfo   *struct{ FirstName, LastName string }
}

type bulkTxnResponse struct {
	Response []struct {
		EntityID int64 `json:"entityId"`
		Result   *struct {
			BillNumber string `json:"billNumber"`
		} `json:"result"`
		Errors []struct {
			Code    int
			Message string
		} `json:"errors"`
		Warnings []struct{ Code int } `json:"warnings"`
	} `json:"response"`
	TotalCount   int `json:"totalCount"`
	FailureCount int `json:"failureCount"`
}

func bill(number string, amount any, extra string) string {
	return fmt.Sprintf(`{"type":"REGULAR","billNumber":%q,"billAmount":%s%s}`, number, jsonOf(amount), extra)
}

func jsonOf(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// v11Number finds the bill numbers of a v1.1 transactions answer.
var v11Number = regexp.MustCompile(`"number":\s*"([^"]*)"`)

// v11Transactions returns the bill numbers v1.1 customer/transactions lists for mobile.
func v11Transactions(t *testing.T, s *simtest.Server, mobile string) []string {
	t.Helper()
	res := s.Do("GET", "/v1.1/customer/transactions?format=json&limit=100&mobile="+mobile, nil)
	var out []string
	for _, m := range v11Number.FindAllStringSubmatch(string(res.Body), -1) {
		out = append(out, m[1])
	}
	return out
}

// TestTransactionsDoneWhen is issue 17's "done when": a fresh simulator adds
// a bill through v2 for a customer registered through v2, reads it back by
// id, shows it in v1.1 customer/transactions, reports its earning, refuses
// a negative amount with a 400 and 631, and takes a bulk of bills with one
// result each.
func TestTransactionsDoneWhen(t *testing.T) {
	t.Parallel()
	s := simtest.Shared(t)
	reg := s.Do("POST", "/v2/customers?source=INSTORE", `{"profiles":[{"firstName":"Becky","lastName":"Thatcher","identifiers":[{"type":"mobile","value":"447100000501"}]}]}`)
	simtest.ExpectCodes(t, reg, 200, nil, nil)
	query := "?source=INSTORE&identifierName=mobile&identifierValue=447100000501"

	add := s.Do("POST", txnPath+query, bill("v2-bill-1", "2500", `,"lineItemsV2":[{"itemCode":"sku-1","amount":2500,"rate":2500,"qty":1}]`))
	simtest.ExpectCodes(t, add, 200, nil, nil)
	var added addTxnResponse
	add.Decode(t, &added)
	if added.CreatedID == 0 || len(added.SideEffects) != 1 || added.SideEffects[0].AwardedPoints != 25 {
		t.Fatalf("want a createdId and 25 points awarded (a point per 100): %s", add.Body)
	}
	if added.CustomerInfo == nil || added.CustomerInfo.FirstName != "Becky" {
		t.Fatalf("customerInfo: %s", add.Body)
	}

	get := s.Do("GET", fmt.Sprintf("%s/%d?type=REGULAR", txnPath, added.CreatedID), nil)
	simtest.ExpectCodes(t, get, 200, nil, nil)
	var got struct {
		ID          int64
		Type        string
		BillDetails struct {
			Amount     float64
			BillNumber string
		}
	}
	get.Decode(t, &got)
	if got.ID != added.CreatedID || got.BillDetails.BillNumber != "v2-bill-1" || got.BillDetails.Amount != 2500 || got.Type != "REGULAR" {
		t.Fatalf("get: %s", get.Body)
	}

	if numbers := v11Transactions(t, s, "447100000501"); len(numbers) != 1 || numbers[0] != "v2-bill-1" {
		t.Fatalf("v1.1 customer/transactions lists %v, want [v2-bill-1]", numbers)
	}

	earn := s.Do("GET", fmt.Sprintf("/v2/earning/%d", added.CreatedID), nil)
	simtest.ExpectCodes(t, earn, 200, nil, nil)
	var earning struct {
		BillDetails struct {
			PointsEarningEntities struct {
				BillPoints []struct {
					ProgramID            int64
					CurrentPointsSummary struct{ AvailablePoints float64 }
					IssuedPointsSummary  struct{ RedeemablePointsIssued float64 }
				}
			}
		}
	}
	earn.Decode(t, &earning)
	bp := earning.BillDetails.PointsEarningEntities.BillPoints
	if len(bp) != 1 || bp[0].ProgramID != 469 || bp[0].IssuedPointsSummary.RedeemablePointsIssued != 25 || bp[0].CurrentPointsSummary.AvailablePoints != 25 {
		t.Fatalf("earning: %s", earn.Body)
	}

	neg := s.Do("POST", txnPath+query, bill("v2-bill-2", "-200", ""))
	simtest.ExpectCodes(t, neg, 400, []int{631}, nil)
	if !strings.Contains(string(neg.Body), "amount -200 is negative") {
		t.Fatalf("the message must name the field: %s", neg.Body)
	}

	bulk := s.Do("POST", bulkPath, `[
		{"identifierType":"mobile","identifierValue":"447100000501","source":"INSTORE","type":"REGULAR","billNumber":"v2-bulk-1","billAmount":"300"},
		{"identifierType":"mobile","identifierValue":"447100000501","source":"INSTORE","type":"REGULAR","billNumber":"v2-bulk-2","billAmount":"abc"},
		{"identifierType":"mobile","identifierValue":"10000000001","source":"INSTORE","type":"REGULAR","billNumber":"v2-bulk-3","billAmount":"300"}]`)
	simtest.ExpectCodes(t, bulk, 200, nil, nil)
	var br bulkTxnResponse
	bulk.Decode(t, &br)
	if br.TotalCount != 3 || br.FailureCount != 2 || len(br.Response) != 3 {
		t.Fatalf("bulk: %s", bulk.Body)
	}
	if br.Response[0].EntityID == 0 || len(br.Response[0].Errors) != 0 ||
		len(br.Response[1].Errors) != 1 || br.Response[1].Errors[0].Code != 601 || !strings.Contains(br.Response[1].Errors[0].Message, "billAmount") ||
		len(br.Response[2].Errors) != 1 || br.Response[2].Errors[0].Code != 8015 {
		t.Fatalf("bulk results: %s", bulk.Body)
	}
	if numbers := v11Transactions(t, s, "447100000501"); len(numbers) != 2 {
		t.Fatalf("the bulk stored exactly the one bill it reports added: v1.1 lists %v", numbers)
	}
}
