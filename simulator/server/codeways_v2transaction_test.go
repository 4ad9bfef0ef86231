package server_test

// v2TransactionWays lists a way for each code only v2 transactions (007)
// write: the numbers 007 words differently from 004, and its warnings (the
// codes both versions write are in transactionWays). None has a target yet:
// TestCodeWays skips them (no operation answers them yet) until the v2
// transaction handlers replace them with the requests that get the codes.
var v2TransactionWays = []way{
	{code: 601, api: "v2", what: "v2 transaction: Invalid transaction transaction amount"},
	{code: 602, api: "v2", what: "v2 transaction: Invalid transaction number"},
	{code: 605, api: "v2", what: "v2 transaction: Invalid transaction type passed. Only regular, return, not_interested, and not_interested_return are supported"},
	{code: 625, api: "v2", what: "v2 transaction: Transaction number does not exist"},
	{code: 669, api: "v2", what: "v2 transaction: Invalid custom field"},
	{code: 688, api: "v2", what: "v2 transaction: No line item found matching for return"},
	{code: 1105, api: "v2", what: "v2 transaction: Returnable days should be greater than -1"},
	{code: 3045, api: "v2", what: "v2 transaction: Transaction is not allowed for the customer with ID {x} as the customer is marked as fraud"},
	{code: 8015, api: "v2", what: "v2 transaction: No customer found for the given identifiers"},
	{code: 8084, api: "v2", what: "v2 transaction: Unable to send customer details / Customer details not sent"},
	{code: 9601, api: "v2", what: "v2 transaction: Unable to add line item"},
	{code: 9602, api: "v2", what: "v2 transaction: Unable to add credit note"},
	{code: 9603, api: "v2", what: "v2 transaction: Unable to add payment mode details"},
	{code: 9604, api: "v2", what: "v2 transaction: Unable to add custom fields"},
	{code: 9605, api: "v2", what: "v2 transaction: Base currency is not set for the org"},
	{code: 9606, api: "v2", what: "v2 transaction: Transaction currency is not passed"},
	{code: 9607, api: "v2", what: "v2 transaction: Payment mode (tender) is not found"},
	{code: 9608, api: "v2", what: "v2 transaction: Line item with item code {x} is marked as outlier"},
	{code: 9609, api: "v2", what: "v2 transaction: Invalid payment attribute value"},
	{code: 9610, api: "v2", what: "v2 transaction: New bill event is failed. Points are not awarded"},
	{code: 9611, api: "v2", what: "v2 transaction: Transaction is marked as outlier"},
	{code: 9612, api: "v2", what: "v2 transaction: Unable to save the credit notes"},
	{code: 9613, api: "v2", what: "v2 transaction: Invalid payment attribute"},
	{code: 9614, api: "v2", what: "v2 transaction: Multiple loyalty transactions found to be returned"},
	{code: 9615, api: "v2", what: "v2 transaction: Return policy days are not defined"},
	{code: 9616, api: "v2", what: "v2 transaction: Single loyalty transaction found. Allowing regular return"},
	{code: 91016, api: "v2", what: "v2 transaction: Extended field name {x} is invalid"},
}
