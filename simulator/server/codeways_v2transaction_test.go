package server_test

import (
	"fmt"
	"strings"
)

// v2TransactionWays lists a way for each code only v2 transactions (007)
// write (the numbers 007 words differently from 004, and its warnings), and
// the v2 way of the codes both versions write (transactionWays holds their
// v1.1 ways). Tom (44700900000) has the fixture bill ANBDCGD (id 23622808,
// 2990 at store.code); Injun Joe (447009500003) is marked as fraud.
var v2TransactionWays = func() []way {
	const (
		tom    = "/v2/transactions?source=INSTORE&identifierName=mobile&identifierValue=44700900000"
		bulk   = "/v2/transactions/bulk"
		update = "/v2/transactions?identifierName=id&identifierValue=17742"
	)
	bill := func(extra string) string {
		return `{"type":"REGULAR","billNumber":"w-1","billAmount":"200"` + extra + `}`
	}
	ret := func(typ, extra string) string {
		return `{"type":"RETURN","returnType":"` + typ + `","billNumber":"ANBDCGD"` + extra + `}`
	}
	line := func(f string) string { return `,"lineItemsV2":[{"itemCode":"a",` + f + `}]` }
	nat := func(code int, what, method, target, body string, setup ...string) way {
		return natural(code, "v2", "v2 transaction: "+what, method, target, body, setup...)
	}
	add := func(code int, what, body string, setup ...string) way {
		return nat(code, what, "POST", tom, body, setup...)
	}
	inj := func(code int, what string) way {
		return injected(code, "v2", "v2 transaction: "+what, "addTransaction", "POST", tom, bill(""))
	}
	many := make([]string, 101)
	for i := range many {
		many[i] = fmt.Sprintf(`{"identifierType":"mobile","identifierValue":"44700900000","source":"INSTORE","type":"REGULAR","billNumber":"m-%d","billAmount":"1"}`, i)
	}
	return []way{
		nat(500, "get of an id no bill of the type has", "GET", "/v2/transactions/23622808?type=RETURN", ""),
		add(601, "add with a billAmount that is not a number", `{"type":"REGULAR","billNumber":"w-1","billAmount":"abc"}`),
		add(602, "add without billNumber", `{"type":"REGULAR","billAmount":"200"}`),
		add(604, "add with the number of a bill of the same store (the org's uniqueNumber scope)", `{"type":"REGULAR","billNumber":"ANBDCGD","billAmount":"200"}`),
		add(605, "add with a type that is not REGULAR, RETURN, NOT_INTERESTED or NOT_INTERESTED_RETURN", `{"type":"GIFT","billNumber":"w-1","billAmount":"200"}`),
		nat(606, "add without identifierName", "POST", "/v2/transactions?source=INSTORE", bill("")),
		nat(615, "bulk whose body is not a list", "POST", bulk, bill("")),
		nat(620, "get of an id that is not a number", "GET", "/v2/transactions/abc", ""),
		nat(621, "add with a billingDate that is no date", "POST", tom, bill(`,"billingDate":"yesterday"`)),
		add(625, "return of a bill number the customer does not have (the warning of CONF_ALLOW_NOT_EXISTING_BILL_RETURN is not simulated)", `{"type":"RETURN","returnType":"FULL","billNumber":"nothing"}`),
		add(627, "add with a negative line qty", bill(line(`"qty":-1`))),
		add(629, "LINE_ITEM return of more of a line than was bought", ret("LINE_ITEM", `,"lineItemsV2":[{"itemCode":"SKU-1002","qty":5}]`)),
		add(630, "AMOUNT return of more than the bill", ret("AMOUNT", `,"billAmount":5000`)),
		add(631, "add with a negative billAmount", `{"type":"REGULAR","billNumber":"w-1","billAmount":"-200"}`),
		add(632, "LINE_ITEM return after an AMOUNT return", ret("LINE_ITEM", `,"lineItemsV2":[{"itemCode":"SKU-1002","qty":1}]`), "POST "+tom+" "+ret("AMOUNT", `,"billAmount":100`)),
		add(633, "a second FULL return", ret("FULL", ""), "POST "+tom+" "+ret("FULL", "")),
		add(635, "AMOUNT return after a LINE_ITEM return", ret("AMOUNT", `,"billAmount":100`), "POST "+tom+" "+ret("LINE_ITEM", `,"lineItemsV2":[{"itemCode":"SKU-1002","qty":1}]`)),
		add(639, "FULL return after a part was returned", ret("FULL", ""), "POST "+tom+" "+ret("AMOUNT", `,"billAmount":100`)),
		add(643, "add dated after the org's futureDays", bill(`,"billingDate":"2030-01-01T00:00:00Z"`)),
		add(661, "add with a negative line amount", bill(line(`"amount":-1`))),
		add(662, "add with a negative line value", bill(line(`"value":-1`))),
		add(663, "add with a negative line rate", bill(line(`"rate":-1`))),
		add(664, "add with a negative line discount", bill(line(`"discount":-1`))),
		add(665, "add with a negative grossAmount", bill(`,"grossAmount":-1`)),
		add(666, "add with a negative discount", bill(`,"discount":-1`)),
		nat(667, "update of a bill id another customer has", "PUT", "/v2/transactions?identifierName=id&identifierValue=329", `{"id":23622808}`),
		nat(668, "update of a bill number the customer does not have", "PUT", update, `{"number":"nope"}`),
		add(669, "add with a custom field without a name (a warning)", bill(`,"customFields":{" ":"x"}`)),
		nat(670, "update without id or number", "PUT", update, `{"deliveryStatus":"PLACED"}`),
		nat(672, "bulk of more than 100 bills", "POST", bulk, "["+strings.Join(many, ",")+"]"),
		add(673, "NOT_INTERESTED_RETURN: capsim takes back no not-interested bill", `{"type":"NOT_INTERESTED_RETURN","billNumber":"x","billAmount":"1"}`),
		add(685, "add with a note over 255 characters", bill(`,"note":"`+strings.Repeat("n", 256)+`"`)),
		add(688, "LINE_ITEM return of a line the bill does not have (capsim answers the error, not 007's warning)", ret("LINE_ITEM", `,"lineItemsV2":[{"itemCode":"z","qty":1}]`)),
		add(1102, "add in a currency the org has no ratio for", bill(`,"currencyCode":"JPY"`)),
		add(1105, "add with a line's returnableDays under -1 (a warning)", bill(line(`"returnableDays":-2`))),
		nat(1623, "get with an unknown type", "GET", "/v2/transactions/23622808?type=GIFT", ""),
		add(1634, "return with an unknown returnType", ret("HALF", "")),
		nat(1636, "update with an unknown deliveryStatus", "PUT", update, `{"id":23622808,"deliveryStatus":"LOST"}`),
		nat(3045, "add for a customer marked as fraud (Injun Joe)", "POST", "/v2/transactions?source=INSTORE&identifierName=mobile&identifierValue=447009500003", bill("")),
		nat(8015, "add for an unknown customer", "POST", "/v2/transactions?source=INSTORE&identifierName=mobile&identifierValue=10000000001", bill("")),
		inj(8084, "customer details not sent: capsim answers 606 for a bill without a customer"),
		inj(9601, "line item not saved: an internal failure"),
		inj(9602, "credit note not saved: an internal failure"),
		inj(9603, "payment modes not saved: an internal failure"),
		inj(9604, "custom fields not saved: an internal failure"),
		inj(9605, "base currency not set: the fixtures' org sets INR"),
		inj(9606, "transaction currency not passed: capsim takes the base currency"),
		inj(9607, "payment mode not found: capsim takes any mode"),
		inj(9608, "line item marked as outlier: outlier rules capsim does not simulate"),
		inj(9609, "invalid payment attribute value: capsim takes any attribute"),
		inj(9610, "new bill event failed: an internal failure"),
		inj(9611, "transaction marked as outlier: outlier rules capsim does not simulate"),
		inj(9612, "credit notes not saved: an internal failure"),
		inj(9613, "invalid payment attribute: capsim takes any attribute"),
		inj(9614, "several loyalty bills to return: capsim returns the latest bill of the number"),
		inj(9615, "return policy days not defined: a configuration capsim does not simulate"),
		inj(9616, "single loyalty bill found, regular return allowed: a configuration capsim does not simulate"),
		add(91016, "add with an extended field the org's billing does not list (a warning)", bill(`,"extendedFields":{"gender":"x"}`)),
	}
}()
