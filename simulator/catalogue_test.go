package simulator

import (
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestCatalogueEntries(t *testing.T) {
	if catalogue[0] != (CodeInfo{}) {
		t.Errorf("catalogue[0] must be empty, is %+v", catalogue[0])
	}
	type key struct {
		number  int
		kind    Kind
		message string
	}
	seen := map[key][]Code{}
	names := map[string]Code{}
	placeholder := regexp.MustCompile(`\{[^}]*\}`)
	for i := 1; i < len(catalogue); i++ {
		c, e := Code(i), catalogue[i]
		if e.Number <= 0 {
			t.Errorf("Code(%d) has no entry", i)
			continue
		}
		if e.Name == "" || !strings.HasPrefix(e.Name, "Code") {
			t.Errorf("Code(%d) has name %q", i, e.Name)
		}
		if prev, dup := names[e.Name]; dup {
			t.Errorf("%s: name used by Code(%d) and Code(%d)", e.Name, prev, i)
		}
		names[e.Name] = c
		if got, ok := LookupName(e.Name); !ok || got != c {
			t.Errorf("LookupName(%q) = %d, %v; want %d", e.Name, got, ok, i)
		}
		if e.Message == "" || strings.TrimSpace(e.Message) != e.Message || strings.Contains(e.Message, "  ") {
			t.Errorf("%s: message %q is empty or badly spaced", e.Name, e.Message)
		}
		for _, ph := range placeholder.FindAllString(e.Message, -1) {
			if ph != "{x}" && ph != "{y}" {
				t.Errorf("%s: placeholder %s (want {x} or {y})", e.Name, ph)
			}
		}
		if e.APIs == 0 || e.APIs&^Both != 0 {
			t.Errorf("%s: APIs %v", e.Name, e.APIs)
		}
		if e.Kind < KindSuccess || e.Kind > KindStatus {
			t.Errorf("%s: kind %d", e.Name, e.Kind)
		}
		if e.Kind == KindStatus && e.APIs != V11 {
			t.Errorf("%s: a request status must be v1.1 only", e.Name)
		}
		if want := wantHTTPStatus(c, e); e.HTTPStatus != want {
			t.Errorf("%s: HTTPStatus %d, want %d", e.Name, e.HTTPStatus, want)
		}
		k := key{e.Number, e.Kind, e.Message}
		for _, other := range seen[k] {
			if catalogue[other].APIs&e.APIs != 0 {
				t.Errorf("%s and %s: same number, kind and message for %v", catalogue[other].Name, e.Name, e.APIs&catalogue[other].APIs)
			}
		}
		seen[k] = append(seen[k], c)
	}
	if got := len(Codes()); got != len(catalogue)-1 {
		t.Errorf("Codes() has %d codes, catalogue %d entries", got, len(catalogue)-1)
	}
}

// wantHTTPStatus is the rule the catalogue's HTTPStatus follows.
func wantHTTPStatus(c Code, e CodeInfo) int {
	switch {
	case c == CodeUnauthorized:
		return http.StatusUnauthorized
	case c == CodeAllFailed:
		return http.StatusInternalServerError
	case e.Kind == KindError && e.APIs&V2 != 0:
		return http.StatusBadRequest
	}
	return http.StatusOK
}

// catalogueFiles hold the constants and the entries of the catalogue, in
// the catalogue's order.
var catalogueFiles = []string{"catalogue.go", "catalogue_earnburn.go"}

// TestCatalogueNames checks, from the source, that each constant has exactly
// one entry and that every entry's Name is its constant's name.
func TestCatalogueNames(t *testing.T) {
	var decls []ast.Decl
	for _, name := range catalogueFiles {
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		decls = append(decls, f.Decls...)
	}
	var consts []string
	entries := map[string]string{} // constant -> Name field
	for _, decl := range decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok {
			continue
		}
		for _, spec := range gd.Specs {
			vs, ok := spec.(*ast.ValueSpec)
			if !ok {
				continue
			}
			if gd.Tok == token.CONST {
				if isCodeBlock(gd) {
					for _, n := range vs.Names {
						consts = append(consts, n.Name)
					}
				}
				continue
			}
			if len(vs.Names) != 1 || !strings.HasSuffix(vs.Names[0].Name, "Catalogue") || len(vs.Values) != 1 {
				continue
			}
			if _, literal := vs.Values[0].(*ast.CompositeLit); !literal {
				continue
			}
			for _, elt := range vs.Values[0].(*ast.CompositeLit).Elts {
				kv := elt.(*ast.KeyValueExpr)
				key := kv.Key.(*ast.Ident).Name
				if _, dup := entries[key]; dup {
					t.Errorf("%s has two entries", key)
				}
				entries[key] = ""
				for _, field := range kv.Value.(*ast.CompositeLit).Elts {
					fkv := field.(*ast.KeyValueExpr)
					if fkv.Key.(*ast.Ident).Name == "Name" {
						name, err := strconv.Unquote(fkv.Value.(*ast.BasicLit).Value)
						if err != nil {
							t.Fatal(err)
						}
						entries[key] = name
					}
				}
			}
		}
	}
	if len(consts) != len(catalogue)-1 {
		t.Errorf("%d constants, %d catalogue entries", len(consts), len(catalogue)-1)
	}
	for i, name := range consts {
		got, ok := entries[name]
		switch {
		case !ok:
			t.Errorf("%s has no catalogue entry", name)
		case got != name:
			t.Errorf("entry %s has Name %q", name, got)
		}
		if catalogue[i+1].Name != name {
			t.Errorf("Code(%d) is %s in the source but named %q", i+1, name, catalogue[i+1].Name)
		}
	}
	// And a few by hand.
	for c, want := range map[Code]string{
		CodeSuccess:                "CodeSuccess",
		CodeInvalidInput:           "CodeInvalidInput",
		CodeCustomerRegistered:     "CodeCustomerRegistered",
		CodeCustomerNotFound:       "CodeCustomerNotFound",
		CodeCustomerNotFoundV2:     "CodeCustomerNotFoundV2",
		CodeBatchLimitExceeded:     "CodeBatchLimitExceeded",
		CodePrimaryKeyNotUpdatable: "CodePrimaryKeyNotUpdatable",
		CodeInvalidProgramID:       "CodeInvalidProgramID",
		CodePromotionNotIssued:     "CodePromotionNotIssued",
	} {
		if c.String() != want {
			t.Errorf("Code(%d).String() = %q, want %q", int(c), c.String(), want)
		}
	}
}

// isCodeBlock reports whether gd is the const block of the Code constants
// (its first constant is typed Code), not one of the shared messages.
func isCodeBlock(gd *ast.GenDecl) bool {
	vs, ok := gd.Specs[0].(*ast.ValueSpec)
	if !ok {
		return false
	}
	id, ok := vs.Type.(*ast.Ident)
	return ok && id.Name == "Code"
}

// TestCatalogueChoices pins the choices the documents leave open: which entry
// a shared number means, and the kind of codes the tables file under errors.
func TestCatalogueChoices(t *testing.T) {
	lookups := []struct {
		api  API
		n    int
		want Code
	}{
		{V11, 1101, CodeInvalidChannelType},
		{V2, 1101, CodeInvalidProgramID},
		{V11, 400, CodeInvalidInput},
		{V2, 400, CodeInvalidInput},
		{V2, 401, CodeUnauthorized},
		{V11, 500, CodeAllFailed},
		{V2, 500, CodeAllFailed},
		{V11, 200, CodeSuccess},
		{V11, 201, CodePartialSuccess},
		{Both, 404, CodeIncorrectResource},
		{V11, 1000, CodeCustomerRegistered},
		{V11, 1008, CodeExternalIDRegistrationFailed},
		{V11, 1038, CodeExternalIDRegistrationFailed1038},
		{V11, 1012, CodeCustomerNotFound},
		{V11, 8109, CodeCustomerDeletedForPII},
		{V2, 8015, CodeCustomerNotFoundV2},
		{V2, 8013, CodeLookupInvalidIdentifier},
		{V2, 8045, CodeAccountIDNotPassed},
		{V2, 8065, CodeNotFoundInSource},
		{V2, 8069, CodeMergedCustomer},
		{V2, 8053, CodeConflictingCustomers},
		{V2, 8890, CodePromotionNotIssued},
		{V2, 814, CodeNoResultsFound},
		{V11, 816, CodeCustomerNotFoundForOrg},
		{V11, 618, CodeCustomerMarkedFraud},
		{V2, 521, CodeMultipleActionsRunning},
		{V2, 3217, CodeAddInvalidSource},
		{V11, 1050, CodeRecommendationsFetchedLegacy},
		{V11, 1061, CodeRecommendationsFetched},
		{V2, 91005, CodePrimaryKeyNotUpdatable},
		{V11, 91005, CodePrimaryKeyNotUpdatable},
		// The earn-and-burn families (004-007) come after the customer
		// codes: a number they share keeps its customer meaning.
		{V11, 618, CodeCustomerMarkedFraud},
		{V11, 814, CodeNoPointsRedeemedOnTransaction},
		{V2, 814, CodeNoResultsFound},
		{V11, 1102, CodeInvalidPriorityType},
		{V2, 1102, CodeInvalidCurrencyRatio},
		{V2, 8015, CodeCustomerNotFoundV2},
		{V2, 91016, CodeWeChatProfileUnavailable},
		// Within them, the most common meaning of a number comes first, and
		// errors before the warnings 004 files under errors.
		{V11, 600, CodeTransactionAdded},
		{V2, 600, CodeTransactionAdded},
		{V11, 1630, CodeTransactionRetroAdded},
		{V11, 671, CodeInvalidStoreOrTill},
		{V11, 686, CodeTransactionAddFailed686},
		{V11, 687, CodeItemMergeNotSupported},
		{V2, 687, CodePointsQueued},
		{V11, 688, CodeReturnLineItemNotFound},
		{V11, 710, CodeCouponNotRedeemableByCustomer},
		{V2, 710, CodeReturnBillEventFailed},
		{V11, 601, CodeTransactionInvalidAmount},
		{V2, 601, CodeTransactionInvalidAmountV2},
		{V2, 625, CodeTransactionNumberNotFound},
		{V11, 700, CodeCouponProcessed},
		{V11, 800, CodePointsRedeemed},
		{V11, 807, CodePointsNotDivisible},
		{V11, 818, CodePointsMoreThanAvailable},
		{V11, 819, CodePointsAboveMaximum},
		{V11, 820, CodeOperationNotAllowedFraud},
		{V11, 3045, CodePointsRedemptionFraud},
		{V2, 3045, CodeTransactionCustomerFraudV2},
	}
	for _, tc := range lookups {
		if got, ok := Lookup(tc.api, tc.n); !ok || got != tc.want {
			t.Errorf("Lookup(%v, %d) = %v, %v; want %v", tc.api, tc.n, got, ok, tc.want)
		}
	}
	if _, ok := Lookup(V2, 1000); ok {
		t.Error("1000 is a v1.1 code only")
	}
	kinds := map[Code]Kind{
		CodeCombiningSources:                 KindWarning, // 8050, register sample
		CodeMergingIntoSurvivor:              KindWarning, // 8051, NOTES §2.3
		CodeConflictingCustomers:             KindWarning, // 8053
		CodeAlreadyMerged:                    KindWarning, // 8053
		CodePromotionNotIssued:               KindWarning, // 8890
		CodeMergedCustomer:                   KindError,   // 8069 on GET of a merge victim
		CodeMergedCustomerWarning:            KindWarning, // 8069, NOTES §2.3 warnings
		CodePrimaryKeyNotUpdatable:           KindWarning,
		CodeInvalidInput:                     KindError,
		CodeSuccess:                          KindStatus,
		CodeTicketAdded:                      KindSuccess,
		CodePointsQueued:                     KindWarning, // 687: 004 files it under errors, 007 under warnings
		CodeReturnBillEventFailed:            KindWarning, // 710, likewise
		CodeTransactionNumberNotFound:        KindError,
		CodeTransactionNumberNotFoundWarning: KindWarning, // 625 with CONF_ALLOW_NOT_EXISTING_BILL_RETURN
		CodeValidationCodeIssued:             KindSuccess, // 200 as an item code
		CodeOperationSuccessful:              KindStatus,
	}
	for c, want := range kinds {
		if got := c.Info().Kind; got != want {
			t.Errorf("%v: kind %v, want %v", c, got, want)
		}
	}
	for c, want := range map[Code]int{CodeUnauthorized: 401, CodeAllFailed: 500, CodeInvalidInput: 400,
		CodeCustomerNotFoundV2: 400, CodePromotionNotIssued: 200, CodeCustomerNotFound: 200, CodePartialSuccess: 200,
		CodeTransactionRetrieveFailed: 400, CodeTransactionInvalidAmount: 200, CodeTransactionNumberExists: 400, CodePointsQueued: 200} {
		if got := Errorf(c).HTTPStatus(); got != want {
			t.Errorf("%v: HTTP %d, want %d", c, got, want)
		}
	}
}

func TestCataloguePlaceholders(t *testing.T) {
	tests := []struct {
		code Code
		args []any
		want string
	}{
		{CodePrimaryKeyNotUpdatable, []any{"a", "b"}, "a is Primary Key, b cannot be updated."},
		{CodeSubscriptionChannelUpdateFailed, []any{"a", "b"}, "Failed to update subscription for a channel and priority b"},
		{CodeUpdateNotAllowed, []any{"mobile"}, "mobile update is not allowed."},
		{CodeCustomerExistsSameSource, []any{17742}, "Customer already exists with id 17742 for same source"},
		{CodeMergingIntoSurvivor, []any{17742}, "Same identifier found in other source. Merging into the account with user id 17742"},
		{CodePrimaryKeyNotUpdatable, nil, "{x} is Primary Key, {y} cannot be updated."},
		{CodeCustomerNotFoundV2, []any{"ignored"}, "Customer not found for the given identifiers"},
		{CodePointsNotDivisible, []any{50}, "Unable to redeem. Make sure that the points you are trying to redeem is a multiple of 50. Check the points redemption configuration of your organization."},
		{CodeCouponRedeemTooSoon, []any{3}, "Cannot redeem the coupon. Please wait for 3 days to redeem this coupon again"},
		{CodeItemMergeNotSupported, []any{"SKU1"}, "Item code SKU1 merge is not supported."},
		{CodeTransactionCustomerFraudV2, []any{17742}, "Transaction is not allowed for the customer with ID 17742 as the customer is marked as fraud."},
		{CodeBaseCurrencyNotSetWarning, nil, CodeBaseCurrencyNotSet.Message()},
	}
	for _, tc := range tests {
		if got := Errorf(tc.code, tc.args...).Message(); got != tc.want {
			t.Errorf("Errorf(%v, %v).Message() = %q, want %q", tc.code, tc.args, got, tc.want)
		}
	}
	e := Errorf(CodePrimaryKeyNotUpdatable, "a", "b").WithDetail("field %s", "mobile")
	if got, want := e.Message(), "a is Primary Key, b cannot be updated.: field mobile"; got != want {
		t.Errorf("WithDetail: %q, want %q", got, want)
	}
	if got, want := e.Error(), "91005 "+e.Message(); got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}
