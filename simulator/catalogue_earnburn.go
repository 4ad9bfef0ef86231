package simulator

import "net/http"

// The codes of the families added to the customer half: v1.1 and v2
// transactions, v1.1 points and coupons (004-007). They continue the
// customer codes of catalogue.go, in the catalogue's order (see there).
const (
	// v1.1 and v2 transactions (004; Both where 007 gives the number the same message)
	CodeTransactionAdded Code = iota + CodeExternalIDInvalidError + 1
	CodeTransactionRetrieved
	CodeTransactionUpdated
	CodeTransactionRetroAdded
	CodeTransactionRetrieveFailed
	CodeUserRateLimitExceeded
	CodeTransactionInvalidAmount
	CodeTransactionInvalidNumber
	CodePointsAlreadyUsed
	CodeTransactionNumberExists
	CodeTransactionInvalidType
	CodeTransactionNoCustomerIdentifier
	CodeTransactionNoID
	CodeTransactionAddFailed
	CodeTransactionUpdateFailed
	CodeTransactionRegistrationFailed
	CodeTransactionCustomerNotFound
	CodeTransactionAlreadyCancelled
	CodeTransactionDetailsMissing
	CodeItemCodeExists
	CodeInvalidItemAttribute
	CodeTransactionCustomerMarkedFraud
	CodeTransactionIDMissing
	CodeTransactionIDInvalid
	CodeTransactionDateOutOfRange
	CodeLineItemAddFailed
	CodeTransactionEventsFailed
	CodeReturnWithoutTransaction
	CodeTransactionNumberNotFound
	CodeReturnQuantityExceeds
	CodeNegativeQuantity
	CodeInvalidReturnTransactionType
	CodeReturnQuantityExceedsAvailable
	CodeReturnAmountExceeds
	CodeTransactionNegativeAmount
	CodeReturnLineItemAfterAmount
	CodeTransactionAlreadyReturned
	CodeReturnAlreadyProcessed
	CodeReturnAmountAfterLineItem
	CodeReturnLineItemOnly
	CodeReturnPointsRevertFailed
	CodeReturnAmountBlockedByLineItem
	CodeFullReturnAfterPartial
	CodeNothingRedeemedOnTransaction
	CodeTransactionNoCustomerFound
	CodeTransactionRedemptionFailed
	CodeTransactionFutureDate
	CodeTransactionPastDate
	CodeNotInterestedAddFailed
	CodeTransactionRegistrationInvalidEmail
	CodeTransactionRegistrationEmailExists
	CodeTransactionRegistrationMobileExists
	CodeTransactionRegistrationInvalidMobile
	CodeTransactionRegistrationMobileNotUnique
	CodeTransactionRegistrationMobileRequired
	CodeTransactionRegistrationInvalidIdentifier
	CodeTransactionRegistrationExternalIDExists
	CodeTransactionRegistrationExternalIDNotUnique
	CodeTransactionRegistrationNotLoyalty
	CodeTransactionNoCustomerFound656
	CodeTransactionRegistrationEUPFailed
	CodeTransactionRegistrationEmailOnly
	CodeTransactionRegistrationEmailRequired
	CodeTransactionRegistrationDateOutOfRange
	CodeLineItemNegativeAmount
	CodeLineItemNegativeValue
	CodeLineItemNegativeRate
	CodeLineItemNegativeDiscount
	CodeTransactionNegativeGrossAmount
	CodeTransactionNegativeDiscount
	CodeTransactionIDNotForCustomer
	CodeTransactionNumberNotForCustomer
	CodeTransactionCustomFieldUpdateFailed
	CodeTransactionIDOrNumberMissing
	CodeInvalidStoreOrTill
	CodeInvalidCategoryCode
	CodeTransactionBatchLimitExceeded
	CodeReturnNotAllowed
	CodeLineItemReturnNotAllowed
	CodeAmountReturnNotAllowed
	CodeFullAmountReturnNotAllowed
	CodeReturnNumberRequired
	CodeReturnItemAmountExceeds
	CodeReturnLineItemsMissing
	CodeCustomerHasNoTransactions
	CodeTransactionsBlocked
	CodeCurrencyConversionDisabled
	CodeFieldTooLong
	CodeTransactionAddFailed686
	CodeItemMergeNotSupported
	CodeReturnLineItemNotFound
	CodeReturnTransactionNotFound
	CodeTransactionPointsProcessingFailed689
	CodeTransactionPointsProcessingFailed690
	CodeTransactionPointsProcessingFailed691
	CodeTransactionPointsProcessingFailed692
	CodeTransactionPointsProcessingFailed693
	CodeTransactionPointsProcessingFailed694
	CodeTransactionInvalidConfiguration695
	CodeTransactionPointsProcessingFailed696
	CodeTransactionPointsProcessingFailed697
	CodeTransactionPointsProcessingFailed698
	CodeTransactionInvalidConfiguration699
	CodeOperationNotAllowedFraud
	CodeInvalidLoyaltyProgramID
	CodeInvalidCurrencyRatio
	CodeInvalidShippingStore
	CodeTransactionTypeInvalid
	CodeTransactionFetchParamsMissing
	CodeTargetTypeMissing
	CodeTransactionTypeNotChangeable
	CodeTransactionAlreadyRetro
	CodeRetroTransactionIDInvalid
	CodeClientSignatureRequired
	CodeRetroNotEnabled
	CodeRetroRegistrationTooOld
	CodeRetroDurationExceeded
	CodeReturnTypeInvalid
	CodeReturnLineItemsRequired
	CodeTransactionStatusInvalid
	CodeLineItemSaveFailed
	CodeCreditNotesAddFailed
	CodeTenderDetailsAddFailed
	CodeCustomFieldsAddFailed
	CodeBaseCurrencyNotSet
	CodeTransactionCurrencyMissing
	CodeTenderNotFound
	CodeLineItemOutlier
	CodeInvalidPaymentAttributePassed
	CodeNewBillEventPointsFailed
	CodeTransactionOutlier
	CodeCreditNotesSaveFailed
	CodeInvalidPaymentAttribute
	CodeMultipleLoyaltyBills
	CodeReturnPolicyUndefined
	CodeSingleLoyaltyBill

	// v1.1 points (005)
	CodePointsRedeemed
	CodePointsRedeemable
	CodeValidationCodeIssued
	CodeOperationSuccessful
	CodeCampaignUserNotEnrolled
	CodeInvalidRedemptionPoints
	CodePointsInvalidIdentifier
	CodePointsExceedAvailable
	CodeInsufficientCurrentPoints
	CodeInsufficientLifetimePoints
	CodeInsufficientLifetimePurchases
	CodePointsNotDivisible
	CodeRedemptionPointsNotDivisible
	CodeInvalidValidationCodePoints
	CodePointsCustomerFraud
	CodePointsCustomerMarkedFraud
	CodePointsRevertMismatch
	CodePointsInvalidTransactionNumber
	CodePointsAlreadyReverted
	CodeInsufficientPointsForRedemption
	CodeNoPointsRedeemedOnTransaction
	CodePointsTemporarilyUnavailable
	CodePointsCustomerNotInOrg
	CodePointsRedemptionFailed
	CodePointsMoreThanAvailable
	CodeCurrentPointsBelowRequested
	CodePointsAboveMaximum
	CodePointsAboveThreshold
	CodePointsMessageNotSent
	CodePointsCustomerFraud820
	CodePointsBelowMinimum
	CodePointsBelowMinimumAllowed
	CodeMissedCallNotFound
	CodeMissedCallRedemptionDisabled
	CodeMobileValidationRequired
	CodePointsClientSignatureRequired
	CodeInvalidPointsCategory
	CodePointsRedemptionNotEnabled
	CodeInvalidRedemptionTime
	CodeOTPIssueFailed
	CodePointsNotLoyaltyCustomer
	CodePointsProcessingFailed886
	CodePointsProcessingFailed887
	CodePointsConfigurationInvalid
	CodePointsInvalidConfiguration
	CodePointsProcessingRetry
	CodePointsTemporarilyUnavailable894
	CodeLoyaltyProgramNotConfigured
	CodePointsTemporarilyUnavailable898
	CodePointsConfigurationInvalid899
	CodeInvalidRedemptionID
	CodeRedemptionIDNotFound
	CodePointsRedeemFailed
	CodePointsInvalidCustomerDetails
	CodePointsRedemptionFraud
	CodePointsAlreadyReversed

	// v1.1 coupons (006)
	CodeCouponProcessed
	CodeCouponSeriesFetched
	CodeCouponResent
	CodeCouponCustomerNotFound
	CodeCouponInvalid
	CodeCouponNotIssuedToCustomer
	CodeCouponSendFailed
	CodeCouponInvalidValidationCode
	CodeCouponRedeemFailed
	CodeVoucherMultipleRedemption
	CodeInvalidCouponSeries
	CodeCouponRedeemFailed709
	CodeCouponNotRedeemableByCustomer
	CodeCouponAlreadyRedeemed
	CodeCouponSeriesExpired
	CodeCouponExpired
	CodeCampaignRedemptionLimitReached
	CodeCouponNotForOrg
	CodeCouponMultipleRedemption
	CodeCouponTransactionNumberRequired
	CodeCouponNotFound
	CodeTrialCoupon
	CodeCouponInvalidCustomer
	CodeCouponIssueFailed
	CodeCouponNotUsableByCustomer
	CodeCouponMessageNotSent
	CodeCouponValidationCodeRequired
	CodeCouponValidationNotRequired
	CodeCouponRedemptionLimitReached
	CodeCouponInvalidRedemptionRange
	CodeCouponUnknownError
	CodeCouponMissedCallNotReceived
	CodeCouponInvalidTransactionAmount
	CodeCouponNotAtStore
	CodeCouponRedemptionLimitReached736
	CodeCouponRedeemTooSoon
	CodeCouponInvalidRedemptionDate
	CodeCouponCustomerFraud
	CodeCouponBlockedForCustomer
	CodeCouponCustomerFraud750
	CodeCouponProcessingFailed786
	CodeCouponProcessingFailed787
	CodeCouponConfigurationInvalid788
	CodeCouponProcessingFailed789
	CodeCouponProcessingFailed790
	CodeCouponProcessingFailed791
	CodeCouponProcessingFailed792
	CodeCouponProcessingFailed793
	CodeCouponProcessingFailed794
	CodeCouponConfigurationInvalid795
	CodeCouponProcessingFailed796
	CodeCouponProcessingFailed797
	CodeCouponProcessingFailed798
	CodeCouponConfigurationInvalid799

	// transaction warnings: 007 files them under warnings, 004 under errors, yet the
	// transaction is saved, so they are warnings in both versions. Listed after
	// the coupons so that Lookup(V11, 687) and Lookup(V11, 710) find the errors.
	CodeNewBillEventFailed
	CodeNewBillDVSEventFailed
	CodePointsQueued
	CodeReturnBillEventFailed

	// v2 transactions where 007 words a number differently from 004 (007)
	CodeTransactionInvalidAmountV2
	CodeTransactionInvalidNumberV2
	CodeTransactionInvalidTypeV2
	CodeTransactionCustomerFraudV2
	CodeTransactionCustomerNotFoundV2
	CodeCustomerDetailsSendFailed
	CodeCustomerDetailsNotSent

	// v2 transaction warnings (007)
	CodeTransactionNumberNotFoundWarning
	CodeInvalidCustomFieldWarning
	CodeReturnLineItemNotFoundWarning
	CodeInvalidReturnableDays
	CodeLineItemSaveFailedWarning
	CodeCreditNotesAddFailedWarning
	CodeTenderDetailsAddFailedWarning
	CodeCustomFieldsAddFailedWarning
	CodeBaseCurrencyNotSetWarning
	CodeTransactionCurrencyMissingWarning
	CodeTenderNotFoundWarning
	CodeLineItemOutlierWarning
	CodeInvalidPaymentAttributeValueWarning
	CodeNewBillEventPointsFailedWarning
	CodeTransactionOutlierWarning
	CodeCreditNotesSaveFailedWarning
	CodeInvalidPaymentAttributeWarning
	CodeMultipleLoyaltyTransactionsWarning
	CodeReturnPolicyDaysUndefinedWarning
	CodeSingleLoyaltyTransactionWarning
	CodeInvalidExtendedFieldName
)

// Messages two entries share: v2 transactions answer these numbers as an
// error or as a warning (007) with the same text, and an entry has one kind.
const (
	msgTransactionNumberNotFound = "Transaction number does not exist."
	msgBaseCurrencyNotSet        = "Base currency is not set for the org."
	msgTransactionOutlier        = "Transaction is marked as outlier."
	msgInvalidPaymentAttribute   = "Invalid payment attribute."
)

// earnBurnCatalogue holds the entries of the codes above (see catalogue).
var earnBurnCatalogue = [...]CodeInfo{
	// v1.1 and v2 transactions (004; Both where 007 gives the number the same message)
	// 600 and 1630: the wording the samples of 004 and the 2025 descriptions
	// (009, 010) answer; the tables end them with a period, and 1630's tables
	// word it two other ways (004: "Transaction marked as regular through
	// Retro conversion. ...", 007: "... REGULAR. ...").
	CodeTransactionAdded:     {Name: "CodeTransactionAdded", Number: 600, APIs: Both, Kind: KindSuccess, Message: "Transaction added successfully", HTTPStatus: http.StatusOK},
	CodeTransactionRetrieved: {Name: "CodeTransactionRetrieved", Number: 600, APIs: Both, Kind: KindSuccess, Message: "Transaction retrieved successfully", HTTPStatus: http.StatusOK},
	// 009's update sample; 007 has no update message for 600.
	CodeTransactionUpdated:        {Name: "CodeTransactionUpdated", Number: 600, APIs: V11, Kind: KindSuccess, Message: "Transaction updated successfully", HTTPStatus: http.StatusOK},
	CodeTransactionRetroAdded:     {Name: "CodeTransactionRetroAdded", Number: 1630, APIs: Both, Kind: KindSuccess, Message: "Transaction retrospectively marked REGULAR, Transaction added successfully", HTTPStatus: http.StatusOK},
	CodeTransactionRetrieveFailed: {Name: "CodeTransactionRetrieveFailed", Number: 500, APIs: Both, Kind: KindError, Message: "Unable to retrieve transaction.", HTTPStatus: http.StatusBadRequest},
	CodeUserRateLimitExceeded:     {Name: "CodeUserRateLimitExceeded", Number: 517, APIs: V11, Kind: KindError, Message: "Rate limit exceeded for that specific user.", HTTPStatus: http.StatusOK},
	CodeTransactionInvalidAmount:  {Name: "CodeTransactionInvalidAmount", Number: 601, APIs: V11, Kind: KindError, Message: "Transaction failed. Transaction amount, quantity, rate, or discount is invalid.", HTTPStatus: http.StatusOK},
	CodeTransactionInvalidNumber:  {Name: "CodeTransactionInvalidNumber", Number: 602, APIs: V11, Kind: KindError, Message: "Transaction number is invalid.", HTTPStatus: http.StatusOK},
	CodePointsAlreadyUsed:         {Name: "CodePointsAlreadyUsed", Number: 603, APIs: Both, Kind: KindError, Message: "Points are already used (Deprecated).", HTTPStatus: http.StatusBadRequest},
	CodeTransactionNumberExists:   {Name: "CodeTransactionNumberExists", Number: 604, APIs: Both, Kind: KindError, Message: "Transaction number already exists.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionInvalidType:    {Name: "CodeTransactionInvalidType", Number: 605, APIs: V11, Kind: KindError, Message: "Invalid transaction type. Only regular, return and not-interested transaction types are supported.", HTTPStatus: http.StatusOK},
	// 007 writes "customer’s": the same message.
	CodeTransactionNoCustomerIdentifier:            {Name: "CodeTransactionNoCustomerIdentifier", Number: 606, APIs: Both, Kind: KindError, Message: "Customer identifier is not passed. Please enter customer's mobile or email or external id to process.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionNoID:                            {Name: "CodeTransactionNoID", Number: 607, APIs: Both, Kind: KindError, Message: "No transaction id passed. Please pass the transaction id to process.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionAddFailed:                       {Name: "CodeTransactionAddFailed", Number: 608, APIs: Both, Kind: KindError, Message: "Unable to add transaction.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionUpdateFailed:                    {Name: "CodeTransactionUpdateFailed", Number: 609, APIs: Both, Kind: KindError, Message: "Update failed. Please verify all the fields.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionRegistrationFailed:              {Name: "CodeTransactionRegistrationFailed", Number: 610, APIs: Both, Kind: KindError, Message: "Unable to register. Please verify all the fields.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionCustomerNotFound:                {Name: "CodeTransactionCustomerNotFound", Number: 611, APIs: Both, Kind: KindError, Message: "Customer not found.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionAlreadyCancelled:                {Name: "CodeTransactionAlreadyCancelled", Number: 614, APIs: Both, Kind: KindError, Message: "Transaction is already cancelled.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionDetailsMissing:                  {Name: "CodeTransactionDetailsMissing", Number: 615, APIs: Both, Kind: KindError, Message: "Transaction details are not passed.", HTTPStatus: http.StatusBadRequest},
	CodeItemCodeExists:                             {Name: "CodeItemCodeExists", Number: 616, APIs: Both, Kind: KindError, Message: "Item code already exists.", HTTPStatus: http.StatusBadRequest},
	CodeInvalidItemAttribute:                       {Name: "CodeInvalidItemAttribute", Number: 617, APIs: Both, Kind: KindError, Message: "Invalid attribute for the item.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionCustomerMarkedFraud:             {Name: "CodeTransactionCustomerMarkedFraud", Number: 618, APIs: Both, Kind: KindError, Message: "Customer is marked as fraud.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionIDMissing:                       {Name: "CodeTransactionIDMissing", Number: 619, APIs: Both, Kind: KindError, Message: "Transaction id is not provided.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionIDInvalid:                       {Name: "CodeTransactionIDInvalid", Number: 620, APIs: Both, Kind: KindError, Message: "Transaction id is invalid.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionDateOutOfRange:                  {Name: "CodeTransactionDateOutOfRange", Number: 621, APIs: Both, Kind: KindError, Message: "Transaction date is invalid. Transaction date should be within the accepted past or future date range limit.", HTTPStatus: http.StatusBadRequest},
	CodeLineItemAddFailed:                          {Name: "CodeLineItemAddFailed", Number: 622, APIs: Both, Kind: KindError, Message: "Unable to add line-item.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionEventsFailed:                    {Name: "CodeTransactionEventsFailed", Number: 623, APIs: Both, Kind: KindError, Message: "Unable to trigger other related events for the transaction.", HTTPStatus: http.StatusBadRequest},
	CodeReturnWithoutTransaction:                   {Name: "CodeReturnWithoutTransaction", Number: 624, APIs: Both, Kind: KindError, Message: "Unable to process return-transaction. You can make a return only after adding a transaction.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionNumberNotFound:                  {Name: "CodeTransactionNumberNotFound", Number: 625, APIs: Both, Kind: KindError, Message: msgTransactionNumberNotFound, HTTPStatus: http.StatusBadRequest},
	CodeReturnQuantityExceeds:                      {Name: "CodeReturnQuantityExceeds", Number: 626, APIs: Both, Kind: KindError, Message: "Unable to return transaction. The quantity of returned items are more than purchased items.", HTTPStatus: http.StatusBadRequest},
	CodeNegativeQuantity:                           {Name: "CodeNegativeQuantity", Number: 627, APIs: Both, Kind: KindError, Message: "Quantity cannot be negative.", HTTPStatus: http.StatusBadRequest},
	CodeInvalidReturnTransactionType:               {Name: "CodeInvalidReturnTransactionType", Number: 628, APIs: Both, Kind: KindError, Message: "Invalid return transaction type.", HTTPStatus: http.StatusBadRequest},
	CodeReturnQuantityExceedsAvailable:             {Name: "CodeReturnQuantityExceedsAvailable", Number: 629, APIs: Both, Kind: KindError, Message: "The return quantity of the item is more than available quantity.", HTTPStatus: http.StatusBadRequest},
	CodeReturnAmountExceeds:                        {Name: "CodeReturnAmountExceeds", Number: 630, APIs: Both, Kind: KindError, Message: "The return amount is more than the transaction/line-item amount.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionNegativeAmount:                  {Name: "CodeTransactionNegativeAmount", Number: 631, APIs: Both, Kind: KindError, Message: "Transaction amount cannot be negative.", HTTPStatus: http.StatusBadRequest},
	CodeReturnLineItemAfterAmount:                  {Name: "CodeReturnLineItemAfterAmount", Number: 632, APIs: Both, Kind: KindError, Message: "Cannot return the transaction with return type LINE_ITEM because the type AMOUNT has already been used for returning the same transaction.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionAlreadyReturned:                 {Name: "CodeTransactionAlreadyReturned", Number: 633, APIs: Both, Kind: KindError, Message: "The entire transaction is already returned.", HTTPStatus: http.StatusBadRequest},
	CodeReturnAlreadyProcessed:                     {Name: "CodeReturnAlreadyProcessed", Number: 634, APIs: Both, Kind: KindError, Message: "This transaction is already returned.", HTTPStatus: http.StatusBadRequest},
	CodeReturnAmountAfterLineItem:                  {Name: "CodeReturnAmountAfterLineItem", Number: 635, APIs: Both, Kind: KindError, Message: "Cannot return the transaction with the return type AMOUNT because the type LINE_ITEM has been used for returning the same transaction.", HTTPStatus: http.StatusBadRequest},
	CodeReturnLineItemOnly:                         {Name: "CodeReturnLineItemOnly", Number: 636, APIs: Both, Kind: KindError, Message: "The transaction is already returned with the return type as LINE_ITEM. You can process return for other items only with return type LINE_ITEM.", HTTPStatus: http.StatusBadRequest},
	CodeReturnPointsRevertFailed:                   {Name: "CodeReturnPointsRevertFailed", Number: 637, APIs: Both, Kind: KindError, Message: "Unable to revert points issued to the customer (for return transaction). Please try again later.", HTTPStatus: http.StatusBadRequest},
	CodeReturnAmountBlockedByLineItem:              {Name: "CodeReturnAmountBlockedByLineItem", Number: 638, APIs: Both, Kind: KindError, Message: "Unable to return transaction. The transaction is already returned with type LINE_ITEM. Hence, you cannot use the type AMOUNT for the same transaction.", HTTPStatus: http.StatusBadRequest},
	CodeFullReturnAfterPartial:                     {Name: "CodeFullReturnAfterPartial", Number: 639, APIs: Both, Kind: KindError, Message: "Unable to return full transaction. A part of the transaction or complete transaction is already returned.", HTTPStatus: http.StatusBadRequest},
	CodeNothingRedeemedOnTransaction:               {Name: "CodeNothingRedeemedOnTransaction", Number: 640, APIs: Both, Kind: KindError, Message: "Points or coupons are not redeemed for this transaction.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionNoCustomerFound:                 {Name: "CodeTransactionNoCustomerFound", Number: 641, APIs: Both, Kind: KindError, Message: "No customer found.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionRedemptionFailed:                {Name: "CodeTransactionRedemptionFailed", Number: 642, APIs: Both, Kind: KindError, Message: "Redemption failed. An error occurred in points/coupon redemption.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionFutureDate:                      {Name: "CodeTransactionFutureDate", Number: 643, APIs: Both, Kind: KindError, Message: "Invalid transaction. The transaction date exceeds the accepted future date limit.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionPastDate:                        {Name: "CodeTransactionPastDate", Number: 644, APIs: Both, Kind: KindError, Message: "Invalid transaction. The transaction date cannot be less than the accepted past date limit.", HTTPStatus: http.StatusBadRequest},
	CodeNotInterestedAddFailed:                     {Name: "CodeNotInterestedAddFailed", Number: 645, APIs: Both, Kind: KindError, Message: "Transaction addition failed for not interested.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionRegistrationInvalidEmail:        {Name: "CodeTransactionRegistrationInvalidEmail", Number: 646, APIs: Both, Kind: KindError, Message: "Customer registration failed. The email id is invalid.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionRegistrationEmailExists:         {Name: "CodeTransactionRegistrationEmailExists", Number: 647, APIs: Both, Kind: KindError, Message: "Customer registration failed. Email id is already assigned to another customer.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionRegistrationMobileExists:        {Name: "CodeTransactionRegistrationMobileExists", Number: 648, APIs: Both, Kind: KindError, Message: "Customer registration failed. Mobile number is already assigned to another customer.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionRegistrationInvalidMobile:       {Name: "CodeTransactionRegistrationInvalidMobile", Number: 649, APIs: Both, Kind: KindError, Message: "Customer registration failed. Mobile number is invalid.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionRegistrationMobileNotUnique:     {Name: "CodeTransactionRegistrationMobileNotUnique", Number: 650, APIs: Both, Kind: KindError, Message: "Customer registration failed. Mobile number is not accepted as a unique identifier.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionRegistrationMobileRequired:      {Name: "CodeTransactionRegistrationMobileRequired", Number: 651, APIs: Both, Kind: KindError, Message: "Customer registration failed. Mobile number is required for registration.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionRegistrationInvalidIdentifier:   {Name: "CodeTransactionRegistrationInvalidIdentifier", Number: 652, APIs: Both, Kind: KindError, Message: "Customer registration failed. Mobile number/email id/external id is invalid.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionRegistrationExternalIDExists:    {Name: "CodeTransactionRegistrationExternalIDExists", Number: 653, APIs: Both, Kind: KindError, Message: "Customer registration failed. External id is already assigned to another customer.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionRegistrationExternalIDNotUnique: {Name: "CodeTransactionRegistrationExternalIDNotUnique", Number: 654, APIs: Both, Kind: KindError, Message: "Customer registration failed. External id is not accepted as a unique identifier.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionRegistrationNotLoyalty:          {Name: "CodeTransactionRegistrationNotLoyalty", Number: 655, APIs: Both, Kind: KindError, Message: "Customer registration failed. Customer is not registered in loyalty program.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionNoCustomerFound656:              {Name: "CodeTransactionNoCustomerFound656", Number: 656, APIs: Both, Kind: KindError, Message: "No customer found.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionRegistrationEUPFailed:           {Name: "CodeTransactionRegistrationEUPFailed", Number: 657, APIs: Both, Kind: KindError, Message: "Customer registration failed. Registration in EUP failed.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionRegistrationEmailOnly:           {Name: "CodeTransactionRegistrationEmailOnly", Number: 658, APIs: Both, Kind: KindError, Message: "Customer registration failed. Only email id is not sufficient for registration.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionRegistrationEmailRequired:       {Name: "CodeTransactionRegistrationEmailRequired", Number: 659, APIs: Both, Kind: KindError, Message: "Customer registration failed. Please enter email id to register.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionRegistrationDateOutOfRange:      {Name: "CodeTransactionRegistrationDateOutOfRange", Number: 660, APIs: Both, Kind: KindError, Message: "Customer registration failed. Registration date exceeds the accepted past or future date limit.", HTTPStatus: http.StatusBadRequest},
	CodeLineItemNegativeAmount:                     {Name: "CodeLineItemNegativeAmount", Number: 661, APIs: Both, Kind: KindError, Message: "Amount of the line-item amount cannot be negative.", HTTPStatus: http.StatusBadRequest},
	CodeLineItemNegativeValue:                      {Name: "CodeLineItemNegativeValue", Number: 662, APIs: Both, Kind: KindError, Message: "Value of a line cannot be negative.", HTTPStatus: http.StatusBadRequest},
	CodeLineItemNegativeRate:                       {Name: "CodeLineItemNegativeRate", Number: 663, APIs: Both, Kind: KindError, Message: "Rate of a line-item cannot be negative", HTTPStatus: http.StatusBadRequest},
	CodeLineItemNegativeDiscount:                   {Name: "CodeLineItemNegativeDiscount", Number: 664, APIs: Both, Kind: KindError, Message: "Discount of a line-item cannot be negative.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionNegativeGrossAmount:             {Name: "CodeTransactionNegativeGrossAmount", Number: 665, APIs: Both, Kind: KindError, Message: "Gross amount of the transaction cannot be negative.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionNegativeDiscount:                {Name: "CodeTransactionNegativeDiscount", Number: 666, APIs: Both, Kind: KindError, Message: "Discount cannot be negative.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionIDNotForCustomer:                {Name: "CodeTransactionIDNotForCustomer", Number: 667, APIs: Both, Kind: KindError, Message: "Unable to find the transaction ID for this customer.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionNumberNotForCustomer:            {Name: "CodeTransactionNumberNotForCustomer", Number: 668, APIs: Both, Kind: KindError, Message: "Unable to find the transaction number for this customer.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionCustomFieldUpdateFailed:         {Name: "CodeTransactionCustomFieldUpdateFailed", Number: 669, APIs: Both, Kind: KindError, Message: "Unable to update custom field.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionIDOrNumberMissing:               {Name: "CodeTransactionIDOrNumberMissing", Number: 670, APIs: Both, Kind: KindError, Message: "Transaction id/number is not provided.", HTTPStatus: http.StatusBadRequest},
	CodeInvalidStoreOrTill:                         {Name: "CodeInvalidStoreOrTill", Number: 671, APIs: Both, Kind: KindError, Message: "Invalid Store or TILL code.", HTTPStatus: http.StatusBadRequest},
	CodeInvalidCategoryCode:                        {Name: "CodeInvalidCategoryCode", Number: 671, APIs: V11, Kind: KindError, Message: "Invalid category code.", HTTPStatus: http.StatusOK},
	CodeTransactionBatchLimitExceeded:              {Name: "CodeTransactionBatchLimitExceeded", Number: 672, APIs: Both, Kind: KindError, Message: "Batch limit exceeded.", HTTPStatus: http.StatusBadRequest},
	CodeReturnNotAllowed:                           {Name: "CodeReturnNotAllowed", Number: 673, APIs: Both, Kind: KindError, Message: "Returning of transactions is not allowed.", HTTPStatus: http.StatusBadRequest},
	CodeLineItemReturnNotAllowed:                   {Name: "CodeLineItemReturnNotAllowed", Number: 674, APIs: Both, Kind: KindError, Message: "Returning of line item is not allowed.", HTTPStatus: http.StatusBadRequest},
	CodeAmountReturnNotAllowed:                     {Name: "CodeAmountReturnNotAllowed", Number: 675, APIs: Both, Kind: KindError, Message: "Returning of transaction amount is not allowed.", HTTPStatus: http.StatusBadRequest},
	CodeFullAmountReturnNotAllowed:                 {Name: "CodeFullAmountReturnNotAllowed", Number: 676, APIs: Both, Kind: KindError, Message: "Returning of a complete transaction amount is not allowed.", HTTPStatus: http.StatusBadRequest},
	CodeReturnNumberRequired:                       {Name: "CodeReturnNumberRequired", Number: 677, APIs: Both, Kind: KindError, Message: "Unable to process. Please enter a transaction number for returning a transaction.", HTTPStatus: http.StatusBadRequest},
	CodeReturnItemAmountExceeds:                    {Name: "CodeReturnItemAmountExceeds", Number: 678, APIs: Both, Kind: KindError, Message: "Amount of returned item is more than purchased item.", HTTPStatus: http.StatusBadRequest},
	CodeReturnLineItemsMissing:                     {Name: "CodeReturnLineItemsMissing", Number: 679, APIs: Both, Kind: KindError, Message: "Line-item(s) to be returned is not specified.", HTTPStatus: http.StatusBadRequest},
	CodeCustomerHasNoTransactions:                  {Name: "CodeCustomerHasNoTransactions", Number: 680, APIs: Both, Kind: KindError, Message: "No transactions of the specific customer were found.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionsBlocked:                        {Name: "CodeTransactionsBlocked", Number: 681, APIs: Both, Kind: KindError, Message: "Transactions are blocked for this customer.", HTTPStatus: http.StatusBadRequest},
	CodeCurrencyConversionDisabled:                 {Name: "CodeCurrencyConversionDisabled", Number: 682, APIs: Both, Kind: KindError, Message: "Currency conversion is disabled for the org.", HTTPStatus: http.StatusBadRequest},
	CodeFieldTooLong:                               {Name: "CodeFieldTooLong", Number: 685, APIs: Both, Kind: KindError, Message: "Field length too long.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionAddFailed686:                    {Name: "CodeTransactionAddFailed686", Number: 686, APIs: Both, Kind: KindError, Message: "Unable to add transaction.", HTTPStatus: http.StatusBadRequest},
	// 687 and 688 have a second meaning in 004 only.
	CodeItemMergeNotSupported:                {Name: "CodeItemMergeNotSupported", Number: 687, APIs: V11, Kind: KindError, Message: "Item code {x} merge is not supported.", HTTPStatus: http.StatusOK},
	CodeReturnLineItemNotFound:               {Name: "CodeReturnLineItemNotFound", Number: 688, APIs: Both, Kind: KindError, Message: "No matching line-item found for return.", HTTPStatus: http.StatusBadRequest},
	CodeReturnTransactionNotFound:            {Name: "CodeReturnTransactionNotFound", Number: 688, APIs: V11, Kind: KindError, Message: "Transaction number not found.", HTTPStatus: http.StatusOK},
	CodeTransactionPointsProcessingFailed689: {Name: "CodeTransactionPointsProcessingFailed689", Number: 689, APIs: Both, Kind: KindError, Message: "Points processing failed", HTTPStatus: http.StatusBadRequest},
	CodeTransactionPointsProcessingFailed690: {Name: "CodeTransactionPointsProcessingFailed690", Number: 690, APIs: Both, Kind: KindError, Message: "Points processing failed", HTTPStatus: http.StatusBadRequest},
	CodeTransactionPointsProcessingFailed691: {Name: "CodeTransactionPointsProcessingFailed691", Number: 691, APIs: Both, Kind: KindError, Message: "Points processing failed", HTTPStatus: http.StatusBadRequest},
	CodeTransactionPointsProcessingFailed692: {Name: "CodeTransactionPointsProcessingFailed692", Number: 692, APIs: Both, Kind: KindError, Message: "Points processing failed", HTTPStatus: http.StatusBadRequest},
	CodeTransactionPointsProcessingFailed693: {Name: "CodeTransactionPointsProcessingFailed693", Number: 693, APIs: Both, Kind: KindError, Message: "Points processing failed", HTTPStatus: http.StatusBadRequest},
	CodeTransactionPointsProcessingFailed694: {Name: "CodeTransactionPointsProcessingFailed694", Number: 694, APIs: Both, Kind: KindError, Message: "Points processing failed", HTTPStatus: http.StatusBadRequest},
	CodeTransactionInvalidConfiguration695:   {Name: "CodeTransactionInvalidConfiguration695", Number: 695, APIs: Both, Kind: KindError, Message: "Invalid configuration. Please report to the Capillary Support.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionPointsProcessingFailed696: {Name: "CodeTransactionPointsProcessingFailed696", Number: 696, APIs: Both, Kind: KindError, Message: "Points processing failed", HTTPStatus: http.StatusBadRequest},
	CodeTransactionPointsProcessingFailed697: {Name: "CodeTransactionPointsProcessingFailed697", Number: 697, APIs: Both, Kind: KindError, Message: "Points processing failed", HTTPStatus: http.StatusBadRequest},
	CodeTransactionPointsProcessingFailed698: {Name: "CodeTransactionPointsProcessingFailed698", Number: 698, APIs: Both, Kind: KindError, Message: "Points processing failed.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionInvalidConfiguration699:   {Name: "CodeTransactionInvalidConfiguration699", Number: 699, APIs: Both, Kind: KindError, Message: "Invalid configuration. Please report to the Capillary Support.", HTTPStatus: http.StatusBadRequest},
	CodeOperationNotAllowedFraud:             {Name: "CodeOperationNotAllowedFraud", Number: 820, APIs: Both, Kind: KindError, Message: "Current operation is not allowed. The customer is marked as fraud.", HTTPStatus: http.StatusBadRequest},
	CodeInvalidLoyaltyProgramID:              {Name: "CodeInvalidLoyaltyProgramID", Number: 1101, APIs: Both, Kind: KindError, Message: "Invalid loyalty program ID passed.", HTTPStatus: http.StatusBadRequest},
	CodeInvalidCurrencyRatio:                 {Name: "CodeInvalidCurrencyRatio", Number: 1102, APIs: Both, Kind: KindError, Message: "Invalid currency conversion ratio passed.", HTTPStatus: http.StatusBadRequest},
	CodeInvalidShippingStore:                 {Name: "CodeInvalidShippingStore", Number: 1103, APIs: Both, Kind: KindError, Message: "Invalid shipping store code passed.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionTypeInvalid:               {Name: "CodeTransactionTypeInvalid", Number: 1623, APIs: Both, Kind: KindError, Message: "Transaction type is invalid.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionFetchParamsMissing:        {Name: "CodeTransactionFetchParamsMissing", Number: 1624, APIs: Both, Kind: KindError, Message: "Insufficient parameters passed to fetch transaction.", HTTPStatus: http.StatusBadRequest},
	CodeTargetTypeMissing:                    {Name: "CodeTargetTypeMissing", Number: 1625, APIs: Both, Kind: KindError, Message: "Target type is not specified.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionTypeNotChangeable:         {Name: "CodeTransactionTypeNotChangeable", Number: 1626, APIs: Both, Kind: KindError, Message: "The requested transaction type cannot be changed.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionAlreadyRetro:              {Name: "CodeTransactionAlreadyRetro", Number: 1627, APIs: Both, Kind: KindError, Message: "The transaction is already marked as retro.", HTTPStatus: http.StatusBadRequest},
	// 1628-1636: 007 ends them with a period; the same messages.
	CodeRetroTransactionIDInvalid:     {Name: "CodeRetroTransactionIDInvalid", Number: 1628, APIs: Both, Kind: KindError, Message: "Transaction id is invalid", HTTPStatus: http.StatusBadRequest},
	CodeClientSignatureRequired:       {Name: "CodeClientSignatureRequired", Number: 1629, APIs: Both, Kind: KindError, Message: "Client signature is required to perform this action", HTTPStatus: http.StatusBadRequest},
	CodeRetroNotEnabled:               {Name: "CodeRetroNotEnabled", Number: 1631, APIs: Both, Kind: KindError, Message: "Retro transaction is not enabled for your organization", HTTPStatus: http.StatusBadRequest},
	CodeRetroRegistrationTooOld:       {Name: "CodeRetroRegistrationTooOld", Number: 1632, APIs: Both, Kind: KindError, Message: "Registration date is too older than the transaction date. See the retro configuration set for your organization", HTTPStatus: http.StatusBadRequest},
	CodeRetroDurationExceeded:         {Name: "CodeRetroDurationExceeded", Number: 1633, APIs: Both, Kind: KindError, Message: "The duration between registration and transaction mapping exceeds the limit set", HTTPStatus: http.StatusBadRequest},
	CodeReturnTypeInvalid:             {Name: "CodeReturnTypeInvalid", Number: 1634, APIs: Both, Kind: KindError, Message: "Return type is invalid", HTTPStatus: http.StatusBadRequest},
	CodeReturnLineItemsRequired:       {Name: "CodeReturnLineItemsRequired", Number: 1635, APIs: Both, Kind: KindError, Message: "Please pass line-items that need to be returned", HTTPStatus: http.StatusBadRequest},
	CodeTransactionStatusInvalid:      {Name: "CodeTransactionStatusInvalid", Number: 1636, APIs: Both, Kind: KindError, Message: "Transaction status is invalid", HTTPStatus: http.StatusBadRequest},
	CodeLineItemSaveFailed:            {Name: "CodeLineItemSaveFailed", Number: 9601, APIs: Both, Kind: KindError, Message: "Failed to add line-item.", HTTPStatus: http.StatusBadRequest},
	CodeCreditNotesAddFailed:          {Name: "CodeCreditNotesAddFailed", Number: 9602, APIs: Both, Kind: KindError, Message: "Failed to add credit notes.", HTTPStatus: http.StatusBadRequest},
	CodeTenderDetailsAddFailed:        {Name: "CodeTenderDetailsAddFailed", Number: 9603, APIs: Both, Kind: KindError, Message: "Failed to add payment more details (tender).", HTTPStatus: http.StatusBadRequest},
	CodeCustomFieldsAddFailed:         {Name: "CodeCustomFieldsAddFailed", Number: 9604, APIs: Both, Kind: KindError, Message: "Failed to add custom fields", HTTPStatus: http.StatusBadRequest},
	CodeBaseCurrencyNotSet:            {Name: "CodeBaseCurrencyNotSet", Number: 9605, APIs: Both, Kind: KindError, Message: msgBaseCurrencyNotSet, HTTPStatus: http.StatusBadRequest},
	CodeTransactionCurrencyMissing:    {Name: "CodeTransactionCurrencyMissing", Number: 9606, APIs: Both, Kind: KindError, Message: "Currency not passed for the transaction.", HTTPStatus: http.StatusBadRequest},
	CodeTenderNotFound:                {Name: "CodeTenderNotFound", Number: 9607, APIs: Both, Kind: KindError, Message: "Payment mode (tender) not found.", HTTPStatus: http.StatusBadRequest},
	CodeLineItemOutlier:               {Name: "CodeLineItemOutlier", Number: 9608, APIs: Both, Kind: KindError, Message: "Line-item with the item code {x} passed is marked as outlier.", HTTPStatus: http.StatusBadRequest},
	CodeInvalidPaymentAttributePassed: {Name: "CodeInvalidPaymentAttributePassed", Number: 9609, APIs: Both, Kind: KindError, Message: "Invalid payment attribute passed.", HTTPStatus: http.StatusBadRequest},
	CodeNewBillEventPointsFailed:      {Name: "CodeNewBillEventPointsFailed", Number: 9610, APIs: Both, Kind: KindError, Message: "New bill event failed. Points are not awarded.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionOutlier:            {Name: "CodeTransactionOutlier", Number: 9611, APIs: Both, Kind: KindError, Message: msgTransactionOutlier, HTTPStatus: http.StatusBadRequest},
	CodeCreditNotesSaveFailed:         {Name: "CodeCreditNotesSaveFailed", Number: 9612, APIs: Both, Kind: KindError, Message: "Unable to save credit notes.", HTTPStatus: http.StatusBadRequest},
	CodeInvalidPaymentAttribute:       {Name: "CodeInvalidPaymentAttribute", Number: 9613, APIs: Both, Kind: KindError, Message: msgInvalidPaymentAttribute, HTTPStatus: http.StatusBadRequest},
	CodeMultipleLoyaltyBills:          {Name: "CodeMultipleLoyaltyBills", Number: 9614, APIs: Both, Kind: KindError, Message: "Multiple loyalty bills found to be returned.", HTTPStatus: http.StatusBadRequest},
	CodeReturnPolicyUndefined:         {Name: "CodeReturnPolicyUndefined", Number: 9615, APIs: Both, Kind: KindError, Message: "Validity (in days) for return policy is not defined.", HTTPStatus: http.StatusBadRequest},
	CodeSingleLoyaltyBill:             {Name: "CodeSingleLoyaltyBill", Number: 9616, APIs: Both, Kind: KindError, Message: "Single loyalty bill found. Allowing regular return.", HTTPStatus: http.StatusBadRequest},

	// v1.1 points (005)
	// 800: the redeem and isredeemable samples (and 009) answer these, not the
	// table's "Points redeemed successfully".
	CodePointsRedeemed:   {Name: "CodePointsRedeemed", Number: 800, APIs: V11, Kind: KindSuccess, Message: "Points Redeemed", HTTPStatus: http.StatusOK},
	CodePointsRedeemable: {Name: "CodePointsRedeemable", Number: 800, APIs: V11, Kind: KindSuccess, Message: "Points can be redeemed", HTTPStatus: http.StatusOK},
	// 200 as an item code and a status message: the validationcode sample.
	CodeValidationCodeIssued: {Name: "CodeValidationCodeIssued", Number: 200, APIs: V11, Kind: KindSuccess, Message: "Validation Code Issued by SMS/Email", HTTPStatus: http.StatusOK},
	CodeOperationSuccessful:  {Name: "CodeOperationSuccessful", Number: 200, APIs: V11, Kind: KindStatus, Message: "Operation Successful", HTTPStatus: http.StatusOK},
	// 005 has two error lists; where they give a number two messages (807,
	// 809, 818, 819, 821, 888) the complete second list's comes first.
	CodeCampaignUserNotEnrolled:         {Name: "CodeCampaignUserNotEnrolled", Number: 686, APIs: V11, Kind: KindError, Message: "User is from campaign and has not enrolled in the loyalty program. Points redemption is not applicable for the user.", HTTPStatus: http.StatusOK},
	CodeInvalidRedemptionPoints:         {Name: "CodeInvalidRedemptionPoints", Number: 801, APIs: V11, Kind: KindError, Message: "Points you are trying to redeem are invalid", HTTPStatus: http.StatusOK},
	CodePointsInvalidIdentifier:         {Name: "CodePointsInvalidIdentifier", Number: 802, APIs: V11, Kind: KindError, Message: "Mobile number/email id/external id you have entered is invalid", HTTPStatus: http.StatusOK},
	CodePointsExceedAvailable:           {Name: "CodePointsExceedAvailable", Number: 803, APIs: V11, Kind: KindError, Message: "Unable to redeem. The points you are trying to redeem is more than the available points", HTTPStatus: http.StatusOK},
	CodeInsufficientCurrentPoints:       {Name: "CodeInsufficientCurrentPoints", Number: 804, APIs: V11, Kind: KindError, Message: "Insufficient current points.", HTTPStatus: http.StatusOK},
	CodeInsufficientLifetimePoints:      {Name: "CodeInsufficientLifetimePoints", Number: 805, APIs: V11, Kind: KindError, Message: "Insufficient lifetime points.", HTTPStatus: http.StatusOK},
	CodeInsufficientLifetimePurchases:   {Name: "CodeInsufficientLifetimePurchases", Number: 806, APIs: V11, Kind: KindError, Message: "Insufficient lifetime purchases amount.", HTTPStatus: http.StatusOK},
	CodePointsNotDivisible:              {Name: "CodePointsNotDivisible", Number: 807, APIs: V11, Kind: KindError, Message: "Unable to redeem. Make sure that the points you are trying to redeem is a multiple of {x}. Check the points redemption configuration of your organization.", HTTPStatus: http.StatusOK},
	CodeRedemptionPointsNotDivisible:    {Name: "CodeRedemptionPointsNotDivisible", Number: 807, APIs: V11, Kind: KindError, Message: "Redemptions points not divisible.", HTTPStatus: http.StatusOK},
	CodeInvalidValidationCodePoints:     {Name: "CodeInvalidValidationCodePoints", Number: 808, APIs: V11, Kind: KindError, Message: "Unable to redeem. Validation code is invalid", HTTPStatus: http.StatusOK},
	CodePointsCustomerFraud:             {Name: "CodePointsCustomerFraud", Number: 809, APIs: V11, Kind: KindError, Message: "Unable to process. Customer is marked as fraud", HTTPStatus: http.StatusOK},
	CodePointsCustomerMarkedFraud:       {Name: "CodePointsCustomerMarkedFraud", Number: 809, APIs: V11, Kind: KindError, Message: "Customer is marked as fraud.", HTTPStatus: http.StatusOK},
	CodePointsRevertMismatch:            {Name: "CodePointsRevertMismatch", Number: 810, APIs: V11, Kind: KindError, Message: "Mismatch in points for revert API call", HTTPStatus: http.StatusOK},
	CodePointsInvalidTransactionNumber:  {Name: "CodePointsInvalidTransactionNumber", Number: 811, APIs: V11, Kind: KindError, Message: "The transaction number entered to redeem/revert points is invalid", HTTPStatus: http.StatusOK},
	CodePointsAlreadyReverted:           {Name: "CodePointsAlreadyReverted", Number: 812, APIs: V11, Kind: KindError, Message: "The points have been reverted already for this transaction number", HTTPStatus: http.StatusOK},
	CodeInsufficientPointsForRedemption: {Name: "CodeInsufficientPointsForRedemption", Number: 813, APIs: V11, Kind: KindError, Message: "Insufficient current points available for redemption", HTTPStatus: http.StatusOK},
	CodeNoPointsRedeemedOnTransaction:   {Name: "CodeNoPointsRedeemedOnTransaction", Number: 814, APIs: V11, Kind: KindError, Message: "No points were redeemed on this transaction number", HTTPStatus: http.StatusOK},
	CodePointsTemporarilyUnavailable:    {Name: "CodePointsTemporarilyUnavailable", Number: 815, APIs: V11, Kind: KindError, Message: "Unable to process points at this moment. Please try again later", HTTPStatus: http.StatusOK},
	CodePointsCustomerNotInOrg:          {Name: "CodePointsCustomerNotInOrg", Number: 816, APIs: V11, Kind: KindError, Message: "Unable to find customer in this organization", HTTPStatus: http.StatusOK},
	CodePointsRedemptionFailed:          {Name: "CodePointsRedemptionFailed", Number: 817, APIs: V11, Kind: KindError, Message: "Points redemption failed.", HTTPStatus: http.StatusOK},
	CodePointsMoreThanAvailable:         {Name: "CodePointsMoreThanAvailable", Number: 818, APIs: V11, Kind: KindError, Message: "Points you are trying to redeem are more than the available points", HTTPStatus: http.StatusOK},
	CodeCurrentPointsBelowRequested:     {Name: "CodeCurrentPointsBelowRequested", Number: 818, APIs: V11, Kind: KindError, Message: "Current points are less than points requested for redemption.", HTTPStatus: http.StatusOK},
	CodePointsAboveMaximum:              {Name: "CodePointsAboveMaximum", Number: 819, APIs: V11, Kind: KindError, Message: "Points you are trying to redeem are more than the maximum allowed redemption limit.", HTTPStatus: http.StatusOK},
	CodePointsAboveThreshold:            {Name: "CodePointsAboveThreshold", Number: 819, APIs: V11, Kind: KindError, Message: "Points to redeem exceeds the threshold limit (maximum points that can be redeemed in a transaction).", HTTPStatus: http.StatusOK},
	// 819: the table's row is "... maximum allowed redemption limit.<br>
	// Unable to send message to customer", two messages joined as 007 joins
	// 600's: catalogued as two meanings.
	CodePointsMessageNotSent:          {Name: "CodePointsMessageNotSent", Number: 819, APIs: V11, Kind: KindError, Message: "Unable to send message to customer", HTTPStatus: http.StatusOK},
	CodePointsCustomerFraud820:        {Name: "CodePointsCustomerFraud820", Number: 820, APIs: V11, Kind: KindError, Message: "Unable to process. Customer is marked as fraud", HTTPStatus: http.StatusOK},
	CodePointsBelowMinimum:            {Name: "CodePointsBelowMinimum", Number: 821, APIs: V11, Kind: KindError, Message: "Points you are trying to redeem are less than the minimum redemption limit", HTTPStatus: http.StatusOK},
	CodePointsBelowMinimumAllowed:     {Name: "CodePointsBelowMinimumAllowed", Number: 821, APIs: V11, Kind: KindError, Message: "Points you are trying to redeem are less than the minimum points allowed.", HTTPStatus: http.StatusOK},
	CodeMissedCallNotFound:            {Name: "CodeMissedCallNotFound", Number: 822, APIs: V11, Kind: KindError, Message: "Unable to find missed call from the registered mobile number", HTTPStatus: http.StatusOK},
	CodeMissedCallRedemptionDisabled:  {Name: "CodeMissedCallRedemptionDisabled", Number: 823, APIs: V11, Kind: KindError, Message: "Missed call redemption is disabled for your organization", HTTPStatus: http.StatusOK},
	CodeMobileValidationRequired:      {Name: "CodeMobileValidationRequired", Number: 824, APIs: V11, Kind: KindError, Message: "Mobile number validation is mandatory for redeeming points", HTTPStatus: http.StatusOK},
	CodePointsClientSignatureRequired: {Name: "CodePointsClientSignatureRequired", Number: 825, APIs: V11, Kind: KindError, Message: "Client signature is required", HTTPStatus: http.StatusOK},
	CodeInvalidPointsCategory:         {Name: "CodeInvalidPointsCategory", Number: 826, APIs: V11, Kind: KindError, Message: "Invalid points category or invalid configuration", HTTPStatus: http.StatusOK},
	// 827: sic ("is enabled"); the message is as documented.
	CodePointsRedemptionNotEnabled:      {Name: "CodePointsRedemptionNotEnabled", Number: 827, APIs: V11, Kind: KindError, Message: "Unable to redeem points. Points redemption is enabled for your organization", HTTPStatus: http.StatusOK},
	CodeInvalidRedemptionTime:           {Name: "CodeInvalidRedemptionTime", Number: 859, APIs: V11, Kind: KindError, Message: "The redemption time you have passed is invalid", HTTPStatus: http.StatusOK},
	CodeOTPIssueFailed:                  {Name: "CodeOTPIssueFailed", Number: 860, APIs: V11, Kind: KindError, Message: "Unable to issue OTP", HTTPStatus: http.StatusOK},
	CodePointsNotLoyaltyCustomer:        {Name: "CodePointsNotLoyaltyCustomer", Number: 881, APIs: V11, Kind: KindError, Message: "Customer is not registered into the loyalty program", HTTPStatus: http.StatusOK},
	CodePointsProcessingFailed886:       {Name: "CodePointsProcessingFailed886", Number: 886, APIs: V11, Kind: KindError, Message: "Unable to process points. Please try again later.", HTTPStatus: http.StatusOK},
	CodePointsProcessingFailed887:       {Name: "CodePointsProcessingFailed887", Number: 887, APIs: V11, Kind: KindError, Message: "Unable to process points. Please try again later.", HTTPStatus: http.StatusOK},
	CodePointsConfigurationInvalid:      {Name: "CodePointsConfigurationInvalid", Number: 888, APIs: V11, Kind: KindError, Message: "Configuration is invalid. Please report to Capillary Support", HTTPStatus: http.StatusOK},
	CodePointsInvalidConfiguration:      {Name: "CodePointsInvalidConfiguration", Number: 888, APIs: V11, Kind: KindError, Message: "Invalid configuration. Please report to capillary support.", HTTPStatus: http.StatusOK},
	CodePointsProcessingRetry:           {Name: "CodePointsProcessingRetry", Number: 889, APIs: V11, Kind: KindError, Message: "Points processing failed. Please try again later.", HTTPStatus: http.StatusOK},
	CodePointsTemporarilyUnavailable894: {Name: "CodePointsTemporarilyUnavailable894", Number: 894, APIs: V11, Kind: KindError, Message: "Unable to process points at this moment. Please try again later", HTTPStatus: http.StatusOK},
	CodeLoyaltyProgramNotConfigured:     {Name: "CodeLoyaltyProgramNotConfigured", Number: 895, APIs: V11, Kind: KindError, Message: "Loyalty program is not configured for your organization", HTTPStatus: http.StatusOK},
	CodePointsTemporarilyUnavailable898: {Name: "CodePointsTemporarilyUnavailable898", Number: 898, APIs: V11, Kind: KindError, Message: "Unable to process points at this moment. Please try again later", HTTPStatus: http.StatusOK},
	CodePointsConfigurationInvalid899:   {Name: "CodePointsConfigurationInvalid899", Number: 899, APIs: V11, Kind: KindError, Message: "Configuration is invalid. Please report to Capillary Support", HTTPStatus: http.StatusOK},
	CodeInvalidRedemptionID:             {Name: "CodeInvalidRedemptionID", Number: 901, APIs: V11, Kind: KindError, Message: "Invalid points or points redemption Id passed.", HTTPStatus: http.StatusOK},
	CodeRedemptionIDNotFound:            {Name: "CodeRedemptionIDNotFound", Number: 902, APIs: V11, Kind: KindError, Message: "Redemption ID does not exist.", HTTPStatus: http.StatusOK},
	CodePointsRedeemFailed:              {Name: "CodePointsRedeemFailed", Number: 903, APIs: V11, Kind: KindError, Message: "Unable to redeem points.", HTTPStatus: http.StatusOK},
	CodePointsInvalidCustomerDetails:    {Name: "CodePointsInvalidCustomerDetails", Number: 904, APIs: V11, Kind: KindError, Message: "Invalid customer details passed.", HTTPStatus: http.StatusOK},
	CodePointsRedemptionFraud:           {Name: "CodePointsRedemptionFraud", Number: 3045, APIs: V11, Kind: KindError, Message: "Points Redemption is not allowed for the customer with id {x} as the status is fraud.", HTTPStatus: http.StatusOK},
	CodePointsAlreadyReversed:           {Name: "CodePointsAlreadyReversed", Number: 3802, APIs: V11, Kind: KindError, Message: "Points reversal redeemed points already reversed.", HTTPStatus: http.StatusOK},

	// v1.1 coupons (006)
	// 700: the samples of issue, redeem and get (and 009) answer "Coupon
	// processing successful", not the table's "Coupon processed successfully";
	// "Coupon Resent" is the resend sample's.
	CodeCouponProcessed:             {Name: "CodeCouponProcessed", Number: 700, APIs: V11, Kind: KindSuccess, Message: "Coupon processing successful", HTTPStatus: http.StatusOK},
	CodeCouponSeriesFetched:         {Name: "CodeCouponSeriesFetched", Number: 700, APIs: V11, Kind: KindSuccess, Message: "Coupon series fetched successfully", HTTPStatus: http.StatusOK},
	CodeCouponResent:                {Name: "CodeCouponResent", Number: 700, APIs: V11, Kind: KindSuccess, Message: "Coupon Resent", HTTPStatus: http.StatusOK},
	CodeCouponCustomerNotFound:      {Name: "CodeCouponCustomerNotFound", Number: 701, APIs: V11, Kind: KindError, Message: "Unable to find the customer. Please enter correct mobile number/email id/external id", HTTPStatus: http.StatusOK},
	CodeCouponInvalid:               {Name: "CodeCouponInvalid", Number: 702, APIs: V11, Kind: KindError, Message: "Coupon code is invalid", HTTPStatus: http.StatusOK},
	CodeCouponNotIssuedToCustomer:   {Name: "CodeCouponNotIssuedToCustomer", Number: 703, APIs: V11, Kind: KindError, Message: "Coupon not issued to this customer", HTTPStatus: http.StatusOK},
	CodeCouponSendFailed:            {Name: "CodeCouponSendFailed", Number: 704, APIs: V11, Kind: KindError, Message: "Unable to send coupon to the customer’s mobile number", HTTPStatus: http.StatusOK},
	CodeCouponInvalidValidationCode: {Name: "CodeCouponInvalidValidationCode", Number: 705, APIs: V11, Kind: KindError, Message: "Invalid coupon code and validation code", HTTPStatus: http.StatusOK},
	CodeCouponRedeemFailed:          {Name: "CodeCouponRedeemFailed", Number: 706, APIs: V11, Kind: KindError, Message: "Unable to redeem coupon", HTTPStatus: http.StatusOK},
	// 706: the isredeemable sample's message, beside the table's.
	CodeVoucherMultipleRedemption:      {Name: "CodeVoucherMultipleRedemption", Number: 706, APIs: V11, Kind: KindError, Message: "Cannot redeem same voucher multiple times", HTTPStatus: http.StatusOK},
	CodeInvalidCouponSeries:            {Name: "CodeInvalidCouponSeries", Number: 707, APIs: V11, Kind: KindError, Message: "Coupon series id is invalid", HTTPStatus: http.StatusOK},
	CodeCouponRedeemFailed709:          {Name: "CodeCouponRedeemFailed709", Number: 709, APIs: V11, Kind: KindError, Message: "Unable to redeem coupon", HTTPStatus: http.StatusOK},
	CodeCouponNotRedeemableByCustomer:  {Name: "CodeCouponNotRedeemableByCustomer", Number: 710, APIs: V11, Kind: KindError, Message: "Coupon cannot be redeemed by this customer", HTTPStatus: http.StatusOK},
	CodeCouponAlreadyRedeemed:          {Name: "CodeCouponAlreadyRedeemed", Number: 711, APIs: V11, Kind: KindError, Message: "Coupon is redeemed already", HTTPStatus: http.StatusOK},
	CodeCouponSeriesExpired:            {Name: "CodeCouponSeriesExpired", Number: 712, APIs: V11, Kind: KindError, Message: "Unable to redeem. Either coupon series or campaign might have expired", HTTPStatus: http.StatusOK},
	CodeCouponExpired:                  {Name: "CodeCouponExpired", Number: 713, APIs: V11, Kind: KindError, Message: "Coupon has expired", HTTPStatus: http.StatusOK},
	CodeCampaignRedemptionLimitReached: {Name: "CodeCampaignRedemptionLimitReached", Number: 714, APIs: V11, Kind: KindError, Message: "Unable to redeem. Maximum redemptions allowed for this campaign are already reached", HTTPStatus: http.StatusOK},
	CodeCouponNotForOrg:                {Name: "CodeCouponNotForOrg", Number: 715, APIs: V11, Kind: KindError, Message: "Unable to redeem. The coupon is not valid for this organization", HTTPStatus: http.StatusOK},
	CodeCouponMultipleRedemption:       {Name: "CodeCouponMultipleRedemption", Number: 716, APIs: V11, Kind: KindError, Message: "Unable to redeem. Cannot redeem same coupon multiple times", HTTPStatus: http.StatusOK},
	// 718: sic.
	CodeCouponTransactionNumberRequired: {Name: "CodeCouponTransactionNumberRequired", Number: 718, APIs: V11, Kind: KindError, Message: "Unable to redeem. Please enter transaction number must be entered to redeem", HTTPStatus: http.StatusOK},
	CodeCouponNotFound:                  {Name: "CodeCouponNotFound", Number: 719, APIs: V11, Kind: KindError, Message: "Coupon code does not exist", HTTPStatus: http.StatusOK},
	CodeTrialCoupon:                     {Name: "CodeTrialCoupon", Number: 720, APIs: V11, Kind: KindError, Message: "Unable to redeem. This is just a trial coupon and cannot be redeemed", HTTPStatus: http.StatusOK},
	CodeCouponInvalidCustomer:           {Name: "CodeCouponInvalidCustomer", Number: 721, APIs: V11, Kind: KindError, Message: "Unable to issue/redeem coupon. Customer is invalid", HTTPStatus: http.StatusOK},
	CodeCouponIssueFailed:               {Name: "CodeCouponIssueFailed", Number: 722, APIs: V11, Kind: KindError, Message: "Unable to issue coupon", HTTPStatus: http.StatusOK},
	CodeCouponNotUsableByCustomer:       {Name: "CodeCouponNotUsableByCustomer", Number: 723, APIs: V11, Kind: KindError, Message: "Unable to redeem. The coupon cannot be used by this customer", HTTPStatus: http.StatusOK},
	CodeCouponMessageNotSent:            {Name: "CodeCouponMessageNotSent", Number: 724, APIs: V11, Kind: KindError, Message: "Unable to send message", HTTPStatus: http.StatusOK},
	CodeCouponValidationCodeRequired:    {Name: "CodeCouponValidationCodeRequired", Number: 725, APIs: V11, Kind: KindError, Message: "Unable to redeem coupon. Please provide validation code to redeem", HTTPStatus: http.StatusOK},
	CodeCouponValidationNotRequired:     {Name: "CodeCouponValidationNotRequired", Number: 726, APIs: V11, Kind: KindError, Message: "Validation not required", HTTPStatus: http.StatusOK},
	CodeCouponRedemptionLimitReached:    {Name: "CodeCouponRedemptionLimitReached", Number: 728, APIs: V11, Kind: KindError, Message: "Unable to redeem. Maximum number of coupon redemptions allowed has already been reached", HTTPStatus: http.StatusOK},
	CodeCouponInvalidRedemptionRange:    {Name: "CodeCouponInvalidRedemptionRange", Number: 729, APIs: V11, Kind: KindError, Message: "Invalid redemption date range for the coupon series", HTTPStatus: http.StatusOK},
	CodeCouponUnknownError:              {Name: "CodeCouponUnknownError", Number: 730, APIs: V11, Kind: KindError, Message: "Unknown error", HTTPStatus: http.StatusOK},
	CodeCouponMissedCallNotReceived:     {Name: "CodeCouponMissedCallNotReceived", Number: 732, APIs: V11, Kind: KindError, Message: "No Missed call received from the customer", HTTPStatus: http.StatusOK},
	CodeCouponInvalidTransactionAmount:  {Name: "CodeCouponInvalidTransactionAmount", Number: 733, APIs: V11, Kind: KindError, Message: "Transaction amount invalid", HTTPStatus: http.StatusOK},
	CodeCouponNotAtStore:                {Name: "CodeCouponNotAtStore", Number: 735, APIs: V11, Kind: KindError, Message: "Unable to redeem coupon. The coupon cannot be redeemed at this store", HTTPStatus: http.StatusOK},
	CodeCouponRedemptionLimitReached736: {Name: "CodeCouponRedemptionLimitReached736", Number: 736, APIs: V11, Kind: KindError, Message: "Unable to redeem coupon. Maximum number of coupon redemptions allowed has already been reached", HTTPStatus: http.StatusOK},
	CodeCouponRedeemTooSoon:             {Name: "CodeCouponRedeemTooSoon", Number: 738, APIs: V11, Kind: KindError, Message: "Cannot redeem the coupon. Please wait for {x} days to redeem this coupon again", HTTPStatus: http.StatusOK},
	CodeCouponInvalidRedemptionDate:     {Name: "CodeCouponInvalidRedemptionDate", Number: 739, APIs: V11, Kind: KindError, Message: "Unable to redeem. Make sure that the redemption date you have entered is valid", HTTPStatus: http.StatusOK},
	CodeCouponCustomerFraud:             {Name: "CodeCouponCustomerFraud", Number: 740, APIs: V11, Kind: KindError, Message: "Unable to process. Customer is marked as fraud", HTTPStatus: http.StatusOK},
	CodeCouponBlockedForCustomer:        {Name: "CodeCouponBlockedForCustomer", Number: 742, APIs: V11, Kind: KindError, Message: "Coupon issual or redemption is blocked for this customer", HTTPStatus: http.StatusOK},
	CodeCouponCustomerFraud750:          {Name: "CodeCouponCustomerFraud750", Number: 750, APIs: V11, Kind: KindError, Message: "Unable to process. Customer is marked as fraud", HTTPStatus: http.StatusOK},
	CodeCouponProcessingFailed786:       {Name: "CodeCouponProcessingFailed786", Number: 786, APIs: V11, Kind: KindError, Message: "Unable to process coupon. Please try again later", HTTPStatus: http.StatusOK},
	CodeCouponProcessingFailed787:       {Name: "CodeCouponProcessingFailed787", Number: 787, APIs: V11, Kind: KindError, Message: "Unable to process coupon. Please try again later", HTTPStatus: http.StatusOK},
	CodeCouponConfigurationInvalid788:   {Name: "CodeCouponConfigurationInvalid788", Number: 788, APIs: V11, Kind: KindError, Message: "Configuration is invalid. Please report to Capillary Support", HTTPStatus: http.StatusOK},
	CodeCouponProcessingFailed789:       {Name: "CodeCouponProcessingFailed789", Number: 789, APIs: V11, Kind: KindError, Message: "Unable to process coupon. Please try again later", HTTPStatus: http.StatusOK},
	CodeCouponProcessingFailed790:       {Name: "CodeCouponProcessingFailed790", Number: 790, APIs: V11, Kind: KindError, Message: "Unable to process coupon. Please try again later", HTTPStatus: http.StatusOK},
	CodeCouponProcessingFailed791:       {Name: "CodeCouponProcessingFailed791", Number: 791, APIs: V11, Kind: KindError, Message: "Unable to process coupon. Please try again later", HTTPStatus: http.StatusOK},
	CodeCouponProcessingFailed792:       {Name: "CodeCouponProcessingFailed792", Number: 792, APIs: V11, Kind: KindError, Message: "Unable to process coupon. Please try again later", HTTPStatus: http.StatusOK},
	CodeCouponProcessingFailed793:       {Name: "CodeCouponProcessingFailed793", Number: 793, APIs: V11, Kind: KindError, Message: "Unable to process coupon. Please try again later", HTTPStatus: http.StatusOK},
	CodeCouponProcessingFailed794:       {Name: "CodeCouponProcessingFailed794", Number: 794, APIs: V11, Kind: KindError, Message: "Unable to process coupon. Please try again later", HTTPStatus: http.StatusOK},
	CodeCouponConfigurationInvalid795:   {Name: "CodeCouponConfigurationInvalid795", Number: 795, APIs: V11, Kind: KindError, Message: "Configuration is invalid. Please report to Capillary Support", HTTPStatus: http.StatusOK},
	CodeCouponProcessingFailed796:       {Name: "CodeCouponProcessingFailed796", Number: 796, APIs: V11, Kind: KindError, Message: "Unable to process coupon. Please try again later", HTTPStatus: http.StatusOK},
	CodeCouponProcessingFailed797:       {Name: "CodeCouponProcessingFailed797", Number: 797, APIs: V11, Kind: KindError, Message: "Unable to process coupon. Please try again later", HTTPStatus: http.StatusOK},
	CodeCouponProcessingFailed798:       {Name: "CodeCouponProcessingFailed798", Number: 798, APIs: V11, Kind: KindError, Message: "Unable to process coupon. Please try again later", HTTPStatus: http.StatusOK},
	CodeCouponConfigurationInvalid799:   {Name: "CodeCouponConfigurationInvalid799", Number: 799, APIs: V11, Kind: KindError, Message: "Configuration is invalid. Please report to Capillary Support", HTTPStatus: http.StatusOK},

	// transaction warnings: 007 files them under warnings, 004 under errors, yet the
	// transaction is saved, so they are warnings in both versions. Listed after
	// the coupons so that Lookup(V11, 687) and Lookup(V11, 710) find the errors.
	CodeNewBillEventFailed:    {Name: "CodeNewBillEventFailed", Number: 683, APIs: Both, Kind: KindWarning, Message: "Failed to call new bill event EMF.", HTTPStatus: http.StatusOK},
	CodeNewBillDVSEventFailed: {Name: "CodeNewBillDVSEventFailed", Number: 684, APIs: Both, Kind: KindWarning, Message: "Failed EMF new bill DVS event.", HTTPStatus: http.StatusOK},
	CodePointsQueued:          {Name: "CodePointsQueued", Number: 687, APIs: Both, Kind: KindWarning, Message: "Points activities are queued and will be updated later.", HTTPStatus: http.StatusOK},
	CodeReturnBillEventFailed: {Name: "CodeReturnBillEventFailed", Number: 710, APIs: Both, Kind: KindWarning, Message: "Return bill event failed from EMF.", HTTPStatus: http.StatusOK},

	// v2 transactions where 007 words a number differently from 004 (007)
	CodeTransactionInvalidAmountV2:    {Name: "CodeTransactionInvalidAmountV2", Number: 601, APIs: V2, Kind: KindError, Message: "Invalid transaction transaction amount.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionInvalidNumberV2:    {Name: "CodeTransactionInvalidNumberV2", Number: 602, APIs: V2, Kind: KindError, Message: "Invalid transaction number.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionInvalidTypeV2:      {Name: "CodeTransactionInvalidTypeV2", Number: 605, APIs: V2, Kind: KindError, Message: "Invalid transaction type passed. Only regular, return, not_interested, and not_interested_return are supported.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionCustomerFraudV2:    {Name: "CodeTransactionCustomerFraudV2", Number: 3045, APIs: V2, Kind: KindError, Message: "Transaction is not allowed for the customer with ID {x} as the customer is marked as fraud.", HTTPStatus: http.StatusBadRequest},
	CodeTransactionCustomerNotFoundV2: {Name: "CodeTransactionCustomerNotFoundV2", Number: 8015, APIs: V2, Kind: KindError, Message: "No customer found for the given identifiers.", HTTPStatus: http.StatusBadRequest},
	CodeCustomerDetailsSendFailed:     {Name: "CodeCustomerDetailsSendFailed", Number: 8084, APIs: V2, Kind: KindError, Message: "Unable to send customer details.", HTTPStatus: http.StatusBadRequest},
	// 8084: the bulk add sample's message, beside the table's.
	CodeCustomerDetailsNotSent: {Name: "CodeCustomerDetailsNotSent", Number: 8084, APIs: V2, Kind: KindError, Message: "Customer details not sent", HTTPStatus: http.StatusBadRequest},

	// v2 transaction warnings (007)
	// 625: the table adds "If the config CONF_ALLOW_NOT_EXISTING_BILL_RETURN
	// is enabled, the transaction is saved with a warning.", which says when,
	// not what.
	CodeTransactionNumberNotFoundWarning:    {Name: "CodeTransactionNumberNotFoundWarning", Number: 625, APIs: V2, Kind: KindWarning, Message: msgTransactionNumberNotFound, HTTPStatus: http.StatusOK},
	CodeInvalidCustomFieldWarning:           {Name: "CodeInvalidCustomFieldWarning", Number: 669, APIs: V2, Kind: KindWarning, Message: "Invalid custom field.", HTTPStatus: http.StatusOK},
	CodeReturnLineItemNotFoundWarning:       {Name: "CodeReturnLineItemNotFoundWarning", Number: 688, APIs: V2, Kind: KindWarning, Message: "No line item found matching for return.", HTTPStatus: http.StatusOK},
	CodeInvalidReturnableDays:               {Name: "CodeInvalidReturnableDays", Number: 1105, APIs: V2, Kind: KindWarning, Message: "Returnable days should be greater than -1.", HTTPStatus: http.StatusOK},
	CodeLineItemSaveFailedWarning:           {Name: "CodeLineItemSaveFailedWarning", Number: 9601, APIs: V2, Kind: KindWarning, Message: "Unable to add line item.", HTTPStatus: http.StatusOK},
	CodeCreditNotesAddFailedWarning:         {Name: "CodeCreditNotesAddFailedWarning", Number: 9602, APIs: V2, Kind: KindWarning, Message: "Unable to add credit note.", HTTPStatus: http.StatusOK},
	CodeTenderDetailsAddFailedWarning:       {Name: "CodeTenderDetailsAddFailedWarning", Number: 9603, APIs: V2, Kind: KindWarning, Message: "Unable to add payment mode details.", HTTPStatus: http.StatusOK},
	CodeCustomFieldsAddFailedWarning:        {Name: "CodeCustomFieldsAddFailedWarning", Number: 9604, APIs: V2, Kind: KindWarning, Message: "Unable to add custom fields.", HTTPStatus: http.StatusOK},
	CodeBaseCurrencyNotSetWarning:           {Name: "CodeBaseCurrencyNotSetWarning", Number: 9605, APIs: V2, Kind: KindWarning, Message: msgBaseCurrencyNotSet, HTTPStatus: http.StatusOK},
	CodeTransactionCurrencyMissingWarning:   {Name: "CodeTransactionCurrencyMissingWarning", Number: 9606, APIs: V2, Kind: KindWarning, Message: "Transaction currency is not passed.", HTTPStatus: http.StatusOK},
	CodeTenderNotFoundWarning:               {Name: "CodeTenderNotFoundWarning", Number: 9607, APIs: V2, Kind: KindWarning, Message: "Payment mode (tender) is not found.", HTTPStatus: http.StatusOK},
	CodeLineItemOutlierWarning:              {Name: "CodeLineItemOutlierWarning", Number: 9608, APIs: V2, Kind: KindWarning, Message: "Line item with item code {x} is marked as outlier.", HTTPStatus: http.StatusOK},
	CodeInvalidPaymentAttributeValueWarning: {Name: "CodeInvalidPaymentAttributeValueWarning", Number: 9609, APIs: V2, Kind: KindWarning, Message: "Invalid payment attribute value.", HTTPStatus: http.StatusOK},
	CodeNewBillEventPointsFailedWarning:     {Name: "CodeNewBillEventPointsFailedWarning", Number: 9610, APIs: V2, Kind: KindWarning, Message: "New bill event is failed. Points are not awarded.", HTTPStatus: http.StatusOK},
	CodeTransactionOutlierWarning:           {Name: "CodeTransactionOutlierWarning", Number: 9611, APIs: V2, Kind: KindWarning, Message: msgTransactionOutlier, HTTPStatus: http.StatusOK},
	CodeCreditNotesSaveFailedWarning:        {Name: "CodeCreditNotesSaveFailedWarning", Number: 9612, APIs: V2, Kind: KindWarning, Message: "Unable to save the credit notes", HTTPStatus: http.StatusOK},
	CodeInvalidPaymentAttributeWarning:      {Name: "CodeInvalidPaymentAttributeWarning", Number: 9613, APIs: V2, Kind: KindWarning, Message: msgInvalidPaymentAttribute, HTTPStatus: http.StatusOK},
	CodeMultipleLoyaltyTransactionsWarning:  {Name: "CodeMultipleLoyaltyTransactionsWarning", Number: 9614, APIs: V2, Kind: KindWarning, Message: "Multiple loyalty transactions found to be returned.", HTTPStatus: http.StatusOK},
	CodeReturnPolicyDaysUndefinedWarning:    {Name: "CodeReturnPolicyDaysUndefinedWarning", Number: 9615, APIs: V2, Kind: KindWarning, Message: "Return policy days are not defined.", HTTPStatus: http.StatusOK},
	CodeSingleLoyaltyTransactionWarning:     {Name: "CodeSingleLoyaltyTransactionWarning", Number: 9616, APIs: V2, Kind: KindWarning, Message: "Single loyalty transaction found. Allowing regular return.", HTTPStatus: http.StatusOK},
	// 91016: the bulk add sample ("Extended field name gender is invalid.");
	// v1.1 and v2 customer reads write 91016 as CodeWeChatProfileUnavailable.
	CodeInvalidExtendedFieldName: {Name: "CodeInvalidExtendedFieldName", Number: 91016, APIs: V2, Kind: KindWarning, Message: "Extended field name {x} is invalid.", HTTPStatus: http.StatusOK},
}
