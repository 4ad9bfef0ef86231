package server_test

import (
	"strconv"
	"strings"
)

// transactionWays lists a way for each code of the v1.1 transaction API
// (004), "v1.1, v2" where v2 transactions (007) write it the same: the
// request of transaction/add, update or get that gets it where capsim's
// earning model has the concept (setup requests, or an org setting, first),
// else a one-rule scenario on addTransactionV11 (getTransactionV11 for 500)
// for the real service's internal failures (EMF events, points engine,
// configuration) and what capsim does not model (retro, outliers, tenders,
// rate limits). docs/v11-transactions.md says how each is reached.
var transactionWays = []way{
	injected(500, "v1.1, v2", "transaction: Unable to retrieve transaction", "getTransactionV11", "GET", "/v1.1/transaction/get?number=ANBDCGD&format=json", ""),
	injected(517, "v1.1", "transaction: Rate limit exceeded for that specific user", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	natural(600, "v1.1, v2", "transaction: Transaction added successfully / Transaction retrieved successfully / Transaction updated successfully", "POST", txnAddPath, tomTxn("W-600", "100", "")),
	natural(601, "v1.1", "transaction: Transaction failed. Transaction amount, quantity, rate, or discount is invalid", "POST", txnAddPath, tomTxn("W-601", "12x", "")),
	natural(602, "v1.1", "transaction: Transaction number is invalid", "POST", txnAddPath, txn(`"type":"regular","amount":"10","customer":{"mobile":"44700900000"}`)),
	injected(603, "v1.1, v2", "transaction: Points are already used (Deprecated)", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	natural(604, "v1.1, v2", "transaction: Transaction number already exists", "POST", txnAddPath, tomTxn("ANBDCGD", "10", "")),
	natural(605, "v1.1", "transaction: Invalid transaction type. Only regular, return and not-interested transaction types are supported", "POST", txnAddPath, txn(`"type":"mixed","number":"W-605","amount":"10"`)),
	natural(606, "v1.1, v2", "transaction: Customer identifier is not passed. Please enter customer's mobile or email or external id to process", "POST", txnAddPath, txn(`"type":"regular","number":"W-606","amount":"10","customer":{"firstname":"Nobody"}`)),
	injected(607, "v1.1, v2", "transaction: No transaction id passed. Please pass the transaction id to process", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(608, "v1.1, v2", "transaction: Unable to add transaction", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	natural(609, "v1.1, v2", "transaction: Update failed. Please verify all the fields", "POST", txnUpdPath, txn(`"number":"ANBDCGD","customer":{"mobile":"44700900000"}`)),
	injected(610, "v1.1, v2", "transaction: Unable to register. Please verify all the fields", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	natural(611, "v1.1, v2", "transaction: Customer not found", "POST", txnUpdPath, txn(`"number":"ANBDCGD","customer":{"mobile":"447700999999"},"custom_fields":{"field":[{"name":"a","value":"b"}]}`)),
	injected(614, "v1.1, v2", "transaction: Transaction is already cancelled", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(615, "v1.1, v2", "transaction: Transaction details are not passed", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(616, "v1.1, v2", "transaction: Item code already exists", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(617, "v1.1, v2", "transaction: Invalid attribute for the item", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	natural(618, "v1.1, v2", "transaction: Customer is marked as fraud", "POST", txnAddPath, txn(`"type":"regular","number":"W-618","amount":"10","customer":{"mobile":"447009500003"}`)),
	injected(619, "v1.1, v2", "transaction: Transaction id is not provided", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	natural(620, "v1.1, v2", "transaction: Transaction id is invalid", "GET", "/v1.1/transaction/get?id=999&format=json", ""),
	natural(621, "v1.1, v2", "transaction: Transaction date is invalid. Transaction date should be within the accepted past or future date range limit", "POST", txnAddPath, tomTxn("W-621", "10", `"billing_time":"someday"`)),
	injected(622, "v1.1, v2", "transaction: Unable to add line-item", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(623, "v1.1, v2", "transaction: Unable to trigger other related events for the transaction", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	natural(624, "v1.1, v2", "transaction: Unable to process return-transaction. You can make a return only after adding a transaction", "POST", txnAddPath, txnReturn("NOPE", "FULL", "")),
	natural(625, "v1.1, v2", "transaction: Transaction number does not exist", "GET", "/v1.1/transaction/get?number=BILL7&format=json", ""),
	natural(626, "v1.1, v2", "transaction: Unable to return transaction. The quantity of returned items are more than purchased items", "POST", txnAddPath, txnReturn("LB-1", "LINE_ITEM", `"line_items":{"line_item":[{"item_code":"soap","qty":"5"}]}`), txnLineBill),
	natural(627, "v1.1, v2", "transaction: Quantity cannot be negative", "POST", txnAddPath, tomTxn("W-627", "10", `"line_items":{"line_item":[{"qty":"-1"}]}`)),
	natural(628, "v1.1, v2", "transaction: Invalid return transaction type", "POST", txnAddPath, txnReturn("ANBDCGD", "HALF", "")),
	natural(629, "v1.1, v2", "transaction: The return quantity of the item is more than available quantity", "POST", txnAddPath, txnReturn("LB-1", "LINE_ITEM", `"line_items":{"line_item":[{"item_code":"soap","qty":"2"}]}`), txnLineBill, "POST "+txnAddPath+" "+txnReturn("LB-1", "LINE_ITEM", `"line_items":{"line_item":[{"item_code":"soap","qty":"1"}]}`)),
	natural(630, "v1.1, v2", "transaction: The return amount is more than the transaction/line-item amount", "POST", txnAddPath, txnReturn("LB-1", "AMOUNT", `"amount":"5000"`), txnLineBill),
	natural(631, "v1.1, v2", "transaction: Transaction amount cannot be negative", "POST", txnAddPath, tomTxn("W-631", "-1", "")),
	natural(632, "v1.1, v2", "transaction: Cannot return the transaction with return type LINE_ITEM because the type AMOUNT has already been used for returning the same transaction", "POST", txnAddPath, txnReturn("LB-1", "LINE_ITEM", `"line_items":{"line_item":[{"item_code":"soap","qty":"1"}]}`), txnLineBill, "POST "+txnAddPath+" "+txnReturn("LB-1", "AMOUNT", `"amount":"100"`)),
	natural(633, "v1.1, v2", "transaction: The entire transaction is already returned", "POST", txnAddPath, txnReturn("LB-1", "FULL", ""), txnLineBill, "POST "+txnAddPath+" "+txnReturn("LB-1", "FULL", "")),
	natural(634, "v1.1, v2", "transaction: This transaction is already returned", "POST", txnAddPath, txnReturn("LB-1", "AMOUNT", `"amount":"1"`), txnLineBill, "POST "+txnAddPath+" "+txnReturn("LB-1", "AMOUNT", `"amount":"400"`)),
	natural(635, "v1.1, v2", "transaction: Cannot return the transaction with the return type AMOUNT because the type LINE_ITEM has been used for returning the same transaction", "POST", txnAddPath, txnReturn("LB-1", "AMOUNT", `"amount":"100"`), txnLineBill, "POST "+txnAddPath+" "+txnReturn("LB-1", "LINE_ITEM", `"line_items":{"line_item":[{"item_code":"soap","qty":"1"}]}`)),
	natural(636, "v1.1, v2", "transaction: The transaction is already returned with the return type as LINE_ITEM. You can process return for other items only with return type LINE_ITEM", "POST", txnAddPath, txnReturn("LB-1", "FULL", ""), txnLineBill, "POST "+txnAddPath+" "+txnReturn("LB-1", "LINE_ITEM", `"line_items":{"line_item":[{"item_code":"soap","qty":"1"}]}`)),
	injected(637, "v1.1, v2", "transaction: Unable to revert points issued to the customer (for return transaction). Please try again later", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(638, "v1.1, v2", "transaction: Unable to return transaction. The transaction is already returned with type LINE_ITEM. Hence, you cannot use the type AMOUNT for the same transaction", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	natural(639, "v1.1, v2", "transaction: Unable to return full transaction. A part of the transaction or complete transaction is already returned", "POST", txnAddPath, txnReturn("LB-1", "FULL", ""), txnLineBill, "POST "+txnAddPath+" "+txnReturn("LB-1", "AMOUNT", `"amount":"100"`)),
	injected(640, "v1.1, v2", "transaction: Points or coupons are not redeemed for this transaction", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	natural(641, "v1.1, v2", "transaction: No customer found", "GET", "/v1.1/transaction/get?number=ANBDCGD&mobile=447700999999&format=json", ""),
	injected(642, "v1.1, v2", "transaction: Redemption failed. An error occurred in points/coupon redemption", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	natural(643, "v1.1, v2", "transaction: Invalid transaction. The transaction date exceeds the accepted future date limit", "POST", txnAddPath, tomTxn("W-643", "10", `"billing_time":"2099-01-01"`)),
	{code: 644, api: "v1.1, v2", what: "transaction: Invalid transaction. The transaction date cannot be less than the accepted past date limit", method: "POST", target: txnAddPath, body: tomTxn("W-644", "10", `"billing_time":"2020-01-01"`), setup: nil, org: `{"billing": {"pastDays": 30, "futureDays": 1}}`},
	injected(645, "v1.1, v2", "transaction: Transaction addition failed for not interested", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	natural(646, "v1.1, v2", "transaction: Customer registration failed. The email id is invalid", "POST", txnAddPath, txnNew(`"mobile":"447700900646","email":"nope"`)),
	injected(647, "v1.1, v2", "transaction: Customer registration failed. Email id is already assigned to another customer", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(648, "v1.1, v2", "transaction: Customer registration failed. Mobile number is already assigned to another customer", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	natural(649, "v1.1, v2", "transaction: Customer registration failed. Mobile number is invalid", "POST", txnAddPath, txnNew(`"mobile":"12ab"`)),
	injected(650, "v1.1, v2", "transaction: Customer registration failed. Mobile number is not accepted as a unique identifier", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	{code: 651, api: "v1.1, v2", what: "transaction: Customer registration failed. Mobile number is required for registration", method: "POST", target: txnAddPath, body: txnNew(`"email":"no.mobile@example.com"`), setup: nil, org: `{"mobileRequired": true}`},
	natural(652, "v1.1, v2", "transaction: Customer registration failed. Mobile number/email id/external id is invalid", "POST", txnAddPath, txnNew(`"external_id":"`+strings.Repeat("x", 251)+`"`)),
	injected(653, "v1.1, v2", "transaction: Customer registration failed. External id is already assigned to another customer", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(654, "v1.1, v2", "transaction: Customer registration failed. External id is not accepted as a unique identifier", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(655, "v1.1, v2", "transaction: Customer registration failed. Customer is not registered in loyalty program", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(656, "v1.1, v2", "transaction: No customer found", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(657, "v1.1, v2", "transaction: Customer registration failed. Registration in EUP failed", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(658, "v1.1, v2", "transaction: Customer registration failed. Only email id is not sufficient for registration", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(659, "v1.1, v2", "transaction: Customer registration failed. Please enter email id to register", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(660, "v1.1, v2", "transaction: Customer registration failed. Registration date exceeds the accepted past or future date limit", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	natural(661, "v1.1, v2", "transaction: Amount of the line-item amount cannot be negative", "POST", txnAddPath, tomTxn("W-661", "10", `"line_items":{"line_item":[{"amount":"-1"}]}`)),
	natural(662, "v1.1, v2", "transaction: Value of a line cannot be negative", "POST", txnAddPath, tomTxn("W-662", "10", `"line_items":{"line_item":[{"value":"-1"}]}`)),
	natural(663, "v1.1, v2", "transaction: Rate of a line-item cannot be negative", "POST", txnAddPath, tomTxn("W-663", "10", `"line_items":{"line_item":[{"rate":"-1"}]}`)),
	natural(664, "v1.1, v2", "transaction: Discount of a line-item cannot be negative", "POST", txnAddPath, tomTxn("W-664", "10", `"line_items":{"line_item":[{"discount_value":"-1"}]}`)),
	natural(665, "v1.1, v2", "transaction: Gross amount of the transaction cannot be negative", "POST", txnAddPath, tomTxn("W-665", "10", `"gross_amount":"-1"`)),
	natural(666, "v1.1, v2", "transaction: Discount cannot be negative", "POST", txnAddPath, tomTxn("W-666", "10", `"discount":"-1"`)),
	natural(667, "v1.1, v2", "transaction: Unable to find the transaction ID for this customer", "POST", txnUpdPath, txn(`"id":"123","customer":{"mobile":"44700900000"},"custom_fields":{"field":[{"name":"a","value":"b"}]}`)),
	natural(668, "v1.1, v2", "transaction: Unable to find the transaction number for this customer", "POST", txnUpdPath, txn(`"number":"NOPE","customer":{"mobile":"44700900000"},"custom_fields":{"field":[{"name":"a","value":"b"}]}`)),
	natural(669, "v1.1, v2", "transaction: Unable to update custom field", "POST", txnUpdPath, txn(`"number":"ANBDCGD","customer":{"mobile":"44700900000"},"custom_fields":{"field":[{"value":"b"}]}`)),
	natural(670, "v1.1, v2", "transaction: Transaction id/number is not provided", "POST", txnUpdPath, txn(`"customer":{"mobile":"44700900000"},"custom_fields":{"field":[{"name":"a","value":"b"}]}`)),
	natural(671, "v1.1, v2", "transaction: Invalid Store or TILL code / Invalid category code", "POST", txnAddPath, tomTxn("W-671", "10", `"shipping_source_till_code":"nowhere"`)),
	natural(672, "v1.1, v2", "transaction: Batch limit exceeded", "POST", txnAddPath, txnBatch(101)),
	{code: 673, api: "v1.1, v2", what: "transaction: Returning of transactions is not allowed", method: "POST", target: txnAddPath, body: txnReturn("LB-1", "FULL", ""), setup: []string{txnLineBill}, org: `{"billing": {"returns": "none"}}`},
	{code: 674, api: "v1.1, v2", what: "transaction: Returning of line item is not allowed", method: "POST", target: txnAddPath, body: txnReturn("LB-1", "LINE_ITEM", `"line_items":{"line_item":[{"item_code":"soap","qty":"1"}]}`), setup: []string{txnLineBill}, org: `{"billing": {"returns": "FULL"}}`},
	{code: 675, api: "v1.1, v2", what: "transaction: Returning of transaction amount is not allowed", method: "POST", target: txnAddPath, body: txnReturn("LB-1", "AMOUNT", `"amount":"100"`), setup: []string{txnLineBill}, org: `{"billing": {"returns": "FULL"}}`},
	{code: 676, api: "v1.1, v2", what: "transaction: Returning of a complete transaction amount is not allowed", method: "POST", target: txnAddPath, body: txnReturn("LB-1", "FULL", ""), setup: []string{txnLineBill}, org: `{"billing": {"returns": "AMOUNT,LINE_ITEM"}}`},
	natural(677, "v1.1, v2", "transaction: Unable to process. Please enter a transaction number for returning a transaction", "POST", txnAddPath, txn(`"type":"return","customer":{"mobile":"44700900000"}`)),
	injected(678, "v1.1, v2", "transaction: Amount of returned item is more than purchased item", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	natural(679, "v1.1, v2", "transaction: Line-item(s) to be returned is not specified", "POST", txnAddPath, txnReturn("LB-1", "LINE_ITEM", ""), txnLineBill),
	natural(680, "v1.1, v2", "transaction: No transactions of the specific customer were found", "GET", "/v1.1/transaction/get?number=ANBDCGD&mobile=44700900999&format=json", ""),
	injected(681, "v1.1, v2", "transaction: Transactions are blocked for this customer", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	natural(682, "v1.1, v2", "transaction: Currency conversion is disabled for the org", "POST", txnAddPath, tomTxn("W-682", "10", `"currency_code":"JPY"`)),
	injected(683, "v1.1, v2", "transaction: Failed to call new bill event EMF", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(684, "v1.1, v2", "transaction: Failed EMF new bill DVS event", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	natural(685, "v1.1, v2", "transaction: Field length too long", "POST", txnAddPath, tomTxn(strings.Repeat("n", 51), "10", "")),
	injected(686, "v1.1, v2", "transaction: Unable to add transaction", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(687, "v1.1, v2", "transaction: Item code {x} merge is not supported / Points activities are queued and will be updated later", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	natural(688, "v1.1, v2", "transaction: No matching line-item found for return / Transaction number not found", "POST", txnAddPath, txnReturn("LB-1", "LINE_ITEM", `"line_items":{"line_item":[{"item_code":"cheese","qty":"1"}]}`), txnLineBill),
	injected(689, "v1.1, v2", "transaction: Points processing failed", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(690, "v1.1, v2", "transaction: Points processing failed", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(691, "v1.1, v2", "transaction: Points processing failed", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(692, "v1.1, v2", "transaction: Points processing failed", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(693, "v1.1, v2", "transaction: Points processing failed", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(694, "v1.1, v2", "transaction: Points processing failed", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(695, "v1.1, v2", "transaction: Invalid configuration. Please report to the Capillary Support", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(696, "v1.1, v2", "transaction: Points processing failed", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(697, "v1.1, v2", "transaction: Points processing failed", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(698, "v1.1, v2", "transaction: Points processing failed", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(699, "v1.1, v2", "transaction: Invalid configuration. Please report to the Capillary Support", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(710, "v1.1, v2", "transaction: Return bill event failed from EMF", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(820, "v1.1, v2", "transaction: Current operation is not allowed. The customer is marked as fraud", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(1101, "v1.1, v2", "transaction: Invalid loyalty program ID passed", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(1102, "v1.1, v2", "transaction: Invalid currency conversion ratio passed", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(1103, "v1.1, v2", "transaction: Invalid shipping store code passed", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	natural(1623, "v1.1, v2", "transaction: Transaction type is invalid", "GET", "/v1.1/transaction/get?number=A&type=ODD&format=json", ""),
	natural(1624, "v1.1, v2", "transaction: Insufficient parameters passed to fetch transaction", "GET", txnGetPath, ""),
	injected(1625, "v1.1, v2", "transaction: Target type is not specified", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(1626, "v1.1, v2", "transaction: The requested transaction type cannot be changed", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(1627, "v1.1, v2", "transaction: The transaction is already marked as retro", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(1628, "v1.1, v2", "transaction: Transaction id is invalid", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	{code: 1629, api: "v1.1, v2", what: "transaction: Client signature is required to perform this action", method: "POST", target: txnUpdPath, body: txn(`"id":"1","new_type":"REGULAR","old_type":"NOT_INTERESTED","customer":{"mobile":"44700900000"}`), headers: nil},
	injected(1630, "v1.1, v2", "transaction: Transaction retrospectively marked REGULAR, Transaction added successfully", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	{code: 1631, api: "v1.1, v2", what: "transaction: Retro transaction is not enabled for your organization", method: "POST", target: txnUpdPath, body: txn(`"id":"1","new_type":"REGULAR","old_type":"NOT_INTERESTED","customer":{"mobile":"44700900000"}`), headers: []string{"X-CAP-CLIENT-SIGNATURE", "INTOUCH_BLR"}},
	injected(1632, "v1.1, v2", "transaction: Registration date is too older than the transaction date. See the retro configuration set for your organization", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(1633, "v1.1, v2", "transaction: The duration between registration and transaction mapping exceeds the limit set", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	natural(1634, "v1.1, v2", "transaction: Return type is invalid", "POST", txnAddPath, txnReturn("LB-1", "LINE_ITEM", `"line_items":{"line_item":[{"item_code":"soap","qty":"1","return_type":"HALF"}]}`), txnLineBill),
	injected(1635, "v1.1, v2", "transaction: Please pass line-items that need to be returned", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(1636, "v1.1, v2", "transaction: Transaction status is invalid", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(9601, "v1.1, v2", "transaction: Failed to add line-item", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(9602, "v1.1, v2", "transaction: Failed to add credit notes", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(9603, "v1.1, v2", "transaction: Failed to add payment more details (tender)", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(9604, "v1.1, v2", "transaction: Failed to add custom fields", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(9605, "v1.1, v2", "transaction: Base currency is not set for the org", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(9606, "v1.1, v2", "transaction: Currency not passed for the transaction", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(9607, "v1.1, v2", "transaction: Payment mode (tender) not found", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(9608, "v1.1, v2", "transaction: Line-item with the item code {x} passed is marked as outlier", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(9609, "v1.1, v2", "transaction: Invalid payment attribute passed", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(9610, "v1.1, v2", "transaction: New bill event failed. Points are not awarded", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(9611, "v1.1, v2", "transaction: Transaction is marked as outlier", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(9612, "v1.1, v2", "transaction: Unable to save credit notes", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(9613, "v1.1, v2", "transaction: Invalid payment attribute", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(9614, "v1.1, v2", "transaction: Multiple loyalty bills found to be returned", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(9615, "v1.1, v2", "transaction: Validity (in days) for return policy is not defined", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
	injected(9616, "v1.1, v2", "transaction: Single loyalty bill found. Allowing regular return", "addTransactionV11", "POST", txnAddPath, tomTxn("W-INJ", "100", "")),
}

const (
	txnAddPath = "/v1.1/transaction/add?format=json"
	txnUpdPath = "/v1.1/transaction/update?format=json"
	txnGetPath = "/v1.1/transaction/get?format=json"
	// txnLineBill is a setup: Tom's bill LB-1 of two soaps for 400.
	txnLineBill = "POST " + txnAddPath + ` {"root":{"transaction":[{"type":"regular","number":"LB-1","amount":"400","billing_time":"2026-11-20","customer":{"mobile":"44700900000"},"line_items":{"line_item":[{"item_code":"soap","qty":"2","rate":"200","value":"400","amount":"400"}]}}]}}`
)

// txn returns a root.transaction body of one item with fields.
func txn(fields string) string { return `{"root":{"transaction":[{` + fields + `}]}}` }

// tomTxn is a regular bill of Tom Sawyer numbered number, with extra fields.
func tomTxn(number, amount, extra string) string {
	f := `"type":"regular","number":"` + number + `","amount":"` + amount + `","customer":{"mobile":"44700900000"}`
	if extra != "" {
		f += "," + extra
	}
	return txn(f)
}

// txnReturn is a return by Tom of his bill number.
func txnReturn(number, typ, extra string) string {
	f := `"type":"return","return_type":"` + typ + `","number":"` + number + `","customer":{"mobile":"44700900000"}`
	if extra != "" {
		f += "," + extra
	}
	return txn(f)
}

// txnNew is a bill of 10 for a customer to register from the identifiers ids.
func txnNew(ids string) string {
	return txn(`"type":"regular","number":"W-NEW","amount":"10","customer":{` + ids + `}`)
}

// txnBatch is a body of n regular bills of Tom.
func txnBatch(n int) string {
	items := make([]string, n)
	for i := range items {
		items[i] = `{"type":"regular","number":"B-` + strconv.Itoa(i) + `","amount":"1","customer":{"mobile":"44700900000"}}`
	}
	return `{"root":{"transaction":[` + strings.Join(items, ",") + `]}}`
}
