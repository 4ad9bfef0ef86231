package simulator

import "net/http"

// The catalogue's codes. The constants' order is the catalogue's order, so
// where one API version gives a number two messages (8008, 8009, 8010, 8045,
// 8053, 8069; 600, 671, 687, 688, 700, 800, 807, 819 ...), Lookup returns the
// one listed first. The families added later (transactions, points, coupons)
// come after the customer codes, so a number they share with them (200, 500,
// 618, 686, 710, 814, 816, 820, 1101-1103, 1105, 8015, 91016) keeps its first
// meaning; scenarios and handlers name the others by their constants.
//
// Sources (under shared/reference): 000 (v1.1 code table), 001 (older v1.1
// table: 1005, 1050; referral sample: 100), 002 (v2 per-endpoint tables and
// the 8050 sample), 003 (promotion/issue), 004-007 (the code tables of v1.1
// transactions, points and coupons and of v2 transactions, and the messages
// their samples answer), NOTES-capillary.md §1.2, §1.5, §2.1-§2.3 and §4.
//
// A message 004 and 007 both give a number (compared without whitespace,
// backticks, a final period or the kind of apostrophe) is one entry for Both;
// where 007 words it differently, its entry is V2 and its name ends in V2.
const (
	// v1.1 request-level statuses and codes shared with v2 (NOTES §1.2)
	CodeSuccess Code = iota + 1
	CodePartialSuccess
	CodeInvalidInput
	CodeUnauthorized
	CodeVersionNotSupported
	CodeIncorrectResource
	CodeIncorrectHTTPMethod
	CodeOperationNotSupported
	CodeUnknownError
	CodeNetworkMACIDMismatch
	CodeAllFailed

	// v1.1 item success codes (000; 100 and 1050 from 001)
	CodeInviteeAdded
	CodeCustomerRegistered
	CodeCustomerRetrieved
	CodeSubscriptionUpdated
	CodeSubscriptionRetrieved
	CodeCustomerUpdated
	CodeCouponsRetrieved
	CodeNotesAddedOrUpdated
	CodeNotesRetrieved
	CodePreferencesRetrieved
	CodePreferencesUpdated
	CodeReferralStatsRetrieved
	CodeReferralsInvited
	CodeIdentityChangeRequested
	CodeRecommendationsFetchedLegacy
	CodeTransactionsFetched
	CodeRecommendationsFetched
	CodeTicketRetrieved
	CodeTicketAdded

	// v1.1 item error codes (000; 1005 from 001)
	CodeCustomerMarkedFraud
	CodeCustomerNotFoundForOrg
	CodeInvalidMobile
	CodeInvalidEmail
	CodeInvalidExternalID
	CodeStorePopulationFailed
	CodeMobileRegistrationFailed
	CodeMobileRequired
	CodeNoValidPrimaryIdentifier
	CodeExternalIDRegistrationFailed
	CodeMLMAddFailed
	CodePointsUpdateFailed
	CodeCustomerNotFoundForIdentifier
	CodeCustomerNotFound
	CodeNotLoyaltyCustomer
	CodeAlreadyRegistered
	CodeNoIdentifier
	CodeEmailExists
	CodeInvalidCustomField
	CodeCustomFieldUpdateFailed
	CodeMobileOrExternalIDRequiredWithEmail
	CodeNotRegisteredForLoyalty
	CodeInvalidValidationCode
	CodeLoyaltyRegistrationFailed
	CodeProfileUpdateFailed
	CodeIdentityMandatoryFieldsMismatch
	CodeIdentityOptionalFieldsMismatch
	CodeInvalidVerificationField
	CodeNoNotes
	CodePreferencesRetrieveFailed
	CodePreferencesUpdateFailed
	CodeNoPreferences
	CodeMobileExists
	CodeExternalIDExists
	CodeRegistrationDateOutOfRange
	CodePreferencesPartiallyUpdated
	CodeNotesPartiallyUpdated
	CodeNotesUpdateFailed
	CodeExternalIDRegistrationFailed1038
	CodeEmailRequired
	CodeIdentityChangeFailed
	CodeInvalidIdentifierValue
	CodeExternalIDRequired
	CodeNoPermissionToView
	CodeNoValidNonLoyaltyIdentifier
	CodeLoyaltyToNonLoyaltyNotAllowed
	CodePrimaryIdentifierMismatch
	CodeEmailRequiredForLoyalty
	CodeExternalIDRequiredForLoyalty
	CodeNoTransactionsOrRecommendations
	CodePreferredStoreNotFound
	CodeBatchLimitExceeded
	CodeInvalidTestControlStatus
	CodePointsProcessingFailed1086
	CodePointsProcessingFailed1087
	CodePointsIssueFailed
	CodePointsProcessingFailed1089
	CodePointsProcessingFailed1090
	CodePointsProcessingFailed1091
	CodePointsProcessingFailed1092
	CodePointsProcessingFailed1093
	CodePointsProcessingFailed1094
	CodePointsProcessingFailed1095
	CodePointsProcessingFailed1096
	CodePointsProcessingFailed1097
	CodePointsProcessingFailed1098
	CodePointsProcessingFailed1099
	CodeInvalidChannelType
	CodeInvalidPriorityType
	CodeInvalidScope
	CodeInvalidOrMissingIdentifier
	CodeMultipleScopesNotAllowed
	CodeInvalidSubscriptionStatus
	CodeInvalidCampaignID
	CodeInvalidOutboxID
	CodeSubscriptionFailed
	CodeSubscriptionUpdateFailed
	CodeInvalidStoreID
	CodeInvalidCampaignToken
	CodeInvalidCampaignConfigured
	CodeNotEligibleForReferral
	CodeReferrerNotFound
	CodeReferralTypeNotSupported
	CodeReferralSystemError
	CodeTicketExists
	CodeTicketRegistrationFailed
	CodeTicketSubjectEmpty
	CodeCustomerAddFailed
	CodeCustomerUpdateFailed

	// warnings written by v1.1 and v2 (000)
	CodePointDetailsUnavailable
	CodeSubscriptionDetailsUnavailable
	CodeValidationFailed
	CodeSegmentationDetailsUnavailable
	CodePrimaryKeyNotUpdatable
	CodeUpdateNotAllowed
	CodeIdentifierOccupied
	CodeMergeSurvivorRetrieved
	CodeDowngradeStrategyNotConfigured
	CodeAlreadyLowestSlab
	CodeAlreadyHighestSlab
	CodeTierUpgradeCriteriaFailed
	CodeTierRenewalCriteriaFailed
	CodeInvalidExtendedField
	CodeWeChatProfileUnavailable
	CodeWebEngageProfileUnavailable
	CodeWeChatNotificationsUnavailable
	CodeWebEngageNotificationsUnavailable
	CodeInvalidRegistrationTill
	CodeInvalidAttributionTill
	CodeSubscriptionChannelUpdateFailed

	// v2 errors (002, NOTES §2.3; 8109 is also a v1.1 item code, NOTES §1.5)
	CodeMultipleActionsRunning
	CodeNoResultsFound
	CodeAddInvalidSource
	CodeLookupNoSource
	CodeLookupNoIdentifiers
	CodeInvalidSource
	CodeAddNoSource
	CodeNoValidIdentifiers
	CodeCustomerExistsSameSource
	CodeIdentifierAlreadyRegistered
	CodeUpdateDifferentProfiles
	CodeIdentifierExistsSameSource
	CodeInvalidCustomerID
	CodeUpdateCustomerNotFound
	CodeInvalidCommChannel
	CodeChangeIdentifierInvalidCommChannel
	CodeLookupInvalidSource
	CodeGetInvalidSource
	CodeLookupInvalidIdentifier
	CodeInvalidPrimaryID
	CodeCustomerNotFoundV2
	CodeGetNoSource
	CodeInvalidRegistrationDate
	CodeLoyaltyToNonLoyalty
	CodeAddDeletedForPII
	CodeSeemsAlreadyRegistered
	CodeAccountIDNotPassed
	CodeUpdateAccountIDNotPassed
	CodeNotFoundInSource
	CodeUserIDUsedInSource
	CodeMergeAlreadyDone
	CodeMergedCustomer
	CodeNotLoyaltyCustomerV2
	CodeGetNoAccountID
	CodeGetNoIdentifierType
	CodeGetNoIdentifierValue
	CodeOffsetNegative
	CodeLimitNotPositive
	CodeLimitTooLarge
	CodeCustomerDeletedForPII
	CodeInvalidStartDate
	CodeInvalidEndDate
	CodeStartDateAfterEndDate
	CodeTooManyCustomerIDs
	CodeInvalidSourceOrAccount

	// v2 warnings (002, NOTES §2.1, §2.3)
	CodeCombiningSources
	CodeMergingIntoSurvivor
	CodeAddConflictingCustomers
	CodeConflictingCustomers
	CodeAlreadyMerged
	CodeAccountIDNotPassedWarning
	CodeInvalidEmailV2
	CodeInvalidMobileV2
	CodeInvalidCommChannelEmail
	CodeInvalidCommChannelMobile
	CodeSolrPushFailed
	CodePointsFetchFailed
	CodeSegmentationFetchFailed
	CodeExternalIDInvalid
	CodeMergedCustomerWarning
	CodeNoValidIdentifierChange
	CodeMobileAlreadyAttached
	CodeEmailAlreadyAttached
	CodeExternalIDAlreadyAttached
	CodeIdentifierInMultipleSources
	CodePrimaryIdentifierMismatchV2
	CodeInvalidAssociatedWith

	// v2 promotion codes (003, NOTES §4)
	CodeInvalidProgramID
	CodeInvalidEntityType
	CodeInvalidPromotionID
	CodePromotionParamsMissing
	CodePromotionNotIssued
	CodePromotionInactive
	CodePromotionIssueFailed
	CodeUserGroupNotAllowed
	CodeInvalidBulkEntityType
	CodeBulkActionNotSupported
	CodePromotionIdentifierMissing

	// v2 warning numbers that the register, update and changeIdentifier
	// pages file under their errors: the same number answered as an error
	// (listed after the warnings, so Lookup keeps returning the warning)
	CodeConflictingCustomersError
	CodeAlreadyMergedError
	CodeInvalidEmailError
	CodeInvalidMobileError
	CodeInvalidCommChannelEmailError
	CodeInvalidCommChannelMobileError
	CodeExternalIDInvalidError

	// v1.1 and v2 transactions (004; Both where 007 gives the number the same message)
	CodeTransactionAdded
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

// catalogue holds every code capsim writes, indexed by Code; index 0 is unused.
//
// HTTPStatus follows one rule: v2 and shared (Both) errors answer 400, except
// CodeUnauthorized (401) and CodeAllFailed (500); warnings, successes, v1.1
// item codes and v1.1 request statuses answer 200, because v1.1 answers HTTP
// 200 whatever the outcome (NOTES §1.1).
var catalogue = [...]CodeInfo{
	// v1.1 request-level statuses and codes shared with v2 (NOTES §1.2)
	CodeSuccess:               {Name: "CodeSuccess", Number: 200, APIs: V11, Kind: KindStatus, Message: "Success", HTTPStatus: http.StatusOK},
	CodePartialSuccess:        {Name: "CodePartialSuccess", Number: 201, APIs: V11, Kind: KindStatus, Message: "Some requests have failed due to errors", HTTPStatus: http.StatusOK},
	CodeInvalidInput:          {Name: "CodeInvalidInput", Number: 400, APIs: Both, Kind: KindError, Message: "Input is invalid. Please check request parameters or input xml/json", HTTPStatus: http.StatusBadRequest},
	CodeUnauthorized:          {Name: "CodeUnauthorized", Number: 401, APIs: Both, Kind: KindError, Message: "Please check your username/password or authentication token", HTTPStatus: http.StatusUnauthorized},
	CodeVersionNotSupported:   {Name: "CodeVersionNotSupported", Number: 402, APIs: V11, Kind: KindStatus, Message: "Version is not supported for this resource", HTTPStatus: http.StatusOK},
	CodeIncorrectResource:     {Name: "CodeIncorrectResource", Number: 404, APIs: V11, Kind: KindStatus, Message: "Incorrect resource", HTTPStatus: http.StatusOK},
	CodeIncorrectHTTPMethod:   {Name: "CodeIncorrectHTTPMethod", Number: 405, APIs: V11, Kind: KindStatus, Message: "Incorrect HTTP Method", HTTPStatus: http.StatusOK},
	CodeOperationNotSupported: {Name: "CodeOperationNotSupported", Number: 406, APIs: V11, Kind: KindStatus, Message: "Operation not supported", HTTPStatus: http.StatusOK},
	CodeUnknownError:          {Name: "CodeUnknownError", Number: 407, APIs: V11, Kind: KindStatus, Message: "Unknown error", HTTPStatus: http.StatusOK},
	CodeNetworkMACIDMismatch:  {Name: "CodeNetworkMACIDMismatch", Number: 408, APIs: V11, Kind: KindStatus, Message: "Network MAC ID does not match", HTTPStatus: http.StatusOK},
	CodeAllFailed:             {Name: "CodeAllFailed", Number: 500, APIs: Both, Kind: KindError, Message: "All requests have failed due to errors", HTTPStatus: http.StatusInternalServerError},

	// v1.1 item success codes (000; 100 and 1050 from 001)
	CodeInviteeAdded:                 {Name: "CodeInviteeAdded", Number: 100, APIs: V11, Kind: KindSuccess, Message: "Invitee added successfully", HTTPStatus: http.StatusOK},
	CodeCustomerRegistered:           {Name: "CodeCustomerRegistered", Number: 1000, APIs: V11, Kind: KindSuccess, Message: "Customer registered successfully.", HTTPStatus: http.StatusOK},
	CodeCustomerRetrieved:            {Name: "CodeCustomerRetrieved", Number: 1000, APIs: V11, Kind: KindSuccess, Message: "Customer retrieved successfully.", HTTPStatus: http.StatusOK},
	CodeSubscriptionUpdated:          {Name: "CodeSubscriptionUpdated", Number: 1000, APIs: V11, Kind: KindSuccess, Message: "Subscription updated successfully.", HTTPStatus: http.StatusOK},
	CodeSubscriptionRetrieved:        {Name: "CodeSubscriptionRetrieved", Number: 1000, APIs: V11, Kind: KindSuccess, Message: "Subscription retrieved successfully", HTTPStatus: http.StatusOK},
	CodeCustomerUpdated:              {Name: "CodeCustomerUpdated", Number: 1000, APIs: V11, Kind: KindSuccess, Message: "Customer updated successfully.", HTTPStatus: http.StatusOK},
	CodeCouponsRetrieved:             {Name: "CodeCouponsRetrieved", Number: 1000, APIs: V11, Kind: KindSuccess, Message: "Coupons retrieved successfully.", HTTPStatus: http.StatusOK},
	CodeNotesAddedOrUpdated:          {Name: "CodeNotesAddedOrUpdated", Number: 1000, APIs: V11, Kind: KindSuccess, Message: "Customer notes added/updated successfully", HTTPStatus: http.StatusOK},
	CodeNotesRetrieved:               {Name: "CodeNotesRetrieved", Number: 1000, APIs: V11, Kind: KindSuccess, Message: "Customer notes retrieved successfully", HTTPStatus: http.StatusOK},
	CodePreferencesRetrieved:         {Name: "CodePreferencesRetrieved", Number: 1000, APIs: V11, Kind: KindSuccess, Message: "Customer preferences retrieved successfully.", HTTPStatus: http.StatusOK},
	CodePreferencesUpdated:           {Name: "CodePreferencesUpdated", Number: 1000, APIs: V11, Kind: KindSuccess, Message: "Customer preferences updated successfully.", HTTPStatus: http.StatusOK},
	CodeReferralStatsRetrieved:       {Name: "CodeReferralStatsRetrieved", Number: 1000, APIs: V11, Kind: KindSuccess, Message: "Referral statistics retrieved successfully", HTTPStatus: http.StatusOK},
	CodeReferralsInvited:             {Name: "CodeReferralsInvited", Number: 1000, APIs: V11, Kind: KindSuccess, Message: "Referrals are invited successfully", HTTPStatus: http.StatusOK},
	CodeIdentityChangeRequested:      {Name: "CodeIdentityChangeRequested", Number: 1040, APIs: V11, Kind: KindSuccess, Message: "Customer id change request has submitted successfully", HTTPStatus: http.StatusOK},
	CodeRecommendationsFetchedLegacy: {Name: "CodeRecommendationsFetchedLegacy", Number: 1050, APIs: V11, Kind: KindSuccess, Message: "Customer recommendations fetched successfully", HTTPStatus: http.StatusOK},
	CodeTransactionsFetched:          {Name: "CodeTransactionsFetched", Number: 1052, APIs: V11, Kind: KindSuccess, Message: "Transactions fetched successfully", HTTPStatus: http.StatusOK},
	CodeRecommendationsFetched:       {Name: "CodeRecommendationsFetched", Number: 1061, APIs: V11, Kind: KindSuccess, Message: "Customer recommendations fetched successfully", HTTPStatus: http.StatusOK},
	CodeTicketRetrieved:              {Name: "CodeTicketRetrieved", Number: 1300, APIs: V11, Kind: KindSuccess, Message: "Ticket retrieved successfully", HTTPStatus: http.StatusOK},
	CodeTicketAdded:                  {Name: "CodeTicketAdded", Number: 1300, APIs: V11, Kind: KindSuccess, Message: "Ticket added successfully", HTTPStatus: http.StatusOK},

	// v1.1 item error codes (000; 1005 from 001)
	CodeCustomerMarkedFraud:                 {Name: "CodeCustomerMarkedFraud", Number: 618, APIs: V11, Kind: KindError, Message: "Not allowed - customer is marked as fraud.", HTTPStatus: http.StatusOK},
	CodeCustomerNotFoundForOrg:              {Name: "CodeCustomerNotFoundForOrg", Number: 816, APIs: V11, Kind: KindError, Message: "Customer not found for organization.", HTTPStatus: http.StatusOK},
	CodeInvalidMobile:                       {Name: "CodeInvalidMobile", Number: 1001, APIs: V11, Kind: KindError, Message: "Unable to register. Invalid mobile number", HTTPStatus: http.StatusOK},
	CodeInvalidEmail:                        {Name: "CodeInvalidEmail", Number: 1002, APIs: V11, Kind: KindError, Message: "Unable to register. Invalid email id", HTTPStatus: http.StatusOK},
	CodeInvalidExternalID:                   {Name: "CodeInvalidExternalID", Number: 1003, APIs: V11, Kind: KindError, Message: "Unable to register. Invalid external id", HTTPStatus: http.StatusOK},
	CodeStorePopulationFailed:               {Name: "CodeStorePopulationFailed", Number: 1004, APIs: V11, Kind: KindError, Message: "Failed to populate store", HTTPStatus: http.StatusOK},
	CodeMobileRegistrationFailed:            {Name: "CodeMobileRegistrationFailed", Number: 1005, APIs: V11, Kind: KindError, Message: "Unable to register with mobile number", HTTPStatus: http.StatusOK},
	CodeMobileRequired:                      {Name: "CodeMobileRequired", Number: 1006, APIs: V11, Kind: KindError, Message: "Unable to register. Mobile number is required", HTTPStatus: http.StatusOK},
	CodeNoValidPrimaryIdentifier:            {Name: "CodeNoValidPrimaryIdentifier", Number: 1007, APIs: V11, Kind: KindError, Message: "Unable to register customer. No valid primary identifier mobile number, email ID, or external ID passed.", HTTPStatus: http.StatusOK},
	CodeExternalIDRegistrationFailed:        {Name: "CodeExternalIDRegistrationFailed", Number: 1008, APIs: V11, Kind: KindError, Message: "Unable to register with external id", HTTPStatus: http.StatusOK},
	CodeMLMAddFailed:                        {Name: "CodeMLMAddFailed", Number: 1009, APIs: V11, Kind: KindError, Message: "Unable to add registered customer to MLM", HTTPStatus: http.StatusOK},
	CodePointsUpdateFailed:                  {Name: "CodePointsUpdateFailed", Number: 1010, APIs: V11, Kind: KindError, Message: "Unable to update loyalty points of the customer", HTTPStatus: http.StatusOK},
	CodeCustomerNotFoundForIdentifier:       {Name: "CodeCustomerNotFoundForIdentifier", Number: 1011, APIs: V11, Kind: KindError, Message: "Cannot find customer for provided identifier", HTTPStatus: http.StatusOK},
	CodeCustomerNotFound:                    {Name: "CodeCustomerNotFound", Number: 1012, APIs: V11, Kind: KindError, Message: "Cannot find customer with the provided mobile number/external ID/e-mail ID.", HTTPStatus: http.StatusOK},
	CodeNotLoyaltyCustomer:                  {Name: "CodeNotLoyaltyCustomer", Number: 1013, APIs: V11, Kind: KindError, Message: "Customer is not registered for the loyalty Program.", HTTPStatus: http.StatusOK},
	CodeAlreadyRegistered:                   {Name: "CodeAlreadyRegistered", Number: 1014, APIs: V11, Kind: KindError, Message: "Customer is registered already", HTTPStatus: http.StatusOK},
	CodeNoIdentifier:                        {Name: "CodeNoIdentifier", Number: 1015, APIs: V11, Kind: KindError, Message: "No identifier provided to get loyalty users", HTTPStatus: http.StatusOK},
	CodeEmailExists:                         {Name: "CodeEmailExists", Number: 1016, APIs: V11, Kind: KindError, Message: "Unable to register. Email provided already exists for some other user", HTTPStatus: http.StatusOK},
	CodeInvalidCustomField:                  {Name: "CodeInvalidCustomField", Number: 1017, APIs: V11, Kind: KindError, Message: "Provided Custom Field is invalid", HTTPStatus: http.StatusOK},
	CodeCustomFieldUpdateFailed:             {Name: "CodeCustomFieldUpdateFailed", Number: 1018, APIs: V11, Kind: KindError, Message: "Unable to update custom field", HTTPStatus: http.StatusOK},
	CodeMobileOrExternalIDRequiredWithEmail: {Name: "CodeMobileOrExternalIDRequiredWithEmail", Number: 1019, APIs: V11, Kind: KindError, Message: "Mobile number or external id is required along with the email Id to register", HTTPStatus: http.StatusOK},
	CodeNotRegisteredForLoyalty:             {Name: "CodeNotRegisteredForLoyalty", Number: 1020, APIs: V11, Kind: KindError, Message: "The customer is not registered for loyalty program", HTTPStatus: http.StatusOK},
	CodeInvalidValidationCode:               {Name: "CodeInvalidValidationCode", Number: 1021, APIs: V11, Kind: KindError, Message: "Invalid validation code", HTTPStatus: http.StatusOK},
	CodeLoyaltyRegistrationFailed:           {Name: "CodeLoyaltyRegistrationFailed", Number: 1023, APIs: V11, Kind: KindError, Message: "Unable to register customer to loyalty program", HTTPStatus: http.StatusOK},
	CodeProfileUpdateFailed:                 {Name: "CodeProfileUpdateFailed", Number: 1024, APIs: V11, Kind: KindError, Message: "Unable to update customer profile", HTTPStatus: http.StatusOK},
	CodeIdentityMandatoryFieldsMismatch:     {Name: "CodeIdentityMandatoryFieldsMismatch", Number: 1025, APIs: V11, Kind: KindError, Message: "Mandatory fields are not matching for customer identity update", HTTPStatus: http.StatusOK},
	CodeIdentityOptionalFieldsMismatch:      {Name: "CodeIdentityOptionalFieldsMismatch", Number: 1026, APIs: V11, Kind: KindError, Message: "Count of optional fields match is less than required", HTTPStatus: http.StatusOK},
	CodeInvalidVerificationField:            {Name: "CodeInvalidVerificationField", Number: 1027, APIs: V11, Kind: KindError, Message: "Field name provided for verification is invalid", HTTPStatus: http.StatusOK},
	CodeNoNotes:                             {Name: "CodeNoNotes", Number: 1028, APIs: V11, Kind: KindError, Message: "No customer notes are available", HTTPStatus: http.StatusOK},
	CodePreferencesRetrieveFailed:           {Name: "CodePreferencesRetrieveFailed", Number: 1029, APIs: V11, Kind: KindError, Message: "Unable to retrieve customer preferences", HTTPStatus: http.StatusOK},
	CodePreferencesUpdateFailed:             {Name: "CodePreferencesUpdateFailed", Number: 1030, APIs: V11, Kind: KindError, Message: "Unable to update customer preferences", HTTPStatus: http.StatusOK},
	CodeNoPreferences:                       {Name: "CodeNoPreferences", Number: 1031, APIs: V11, Kind: KindError, Message: "No preferences set for this customer", HTTPStatus: http.StatusOK},
	CodeMobileExists:                        {Name: "CodeMobileExists", Number: 1032, APIs: V11, Kind: KindError, Message: "A customer already exists with the same mobile number", HTTPStatus: http.StatusOK},
	CodeExternalIDExists:                    {Name: "CodeExternalIDExists", Number: 1033, APIs: V11, Kind: KindError, Message: "A customer already exists with the same external id", HTTPStatus: http.StatusOK},
	CodeRegistrationDateOutOfRange:          {Name: "CodeRegistrationDateOutOfRange", Number: 1034, APIs: V11, Kind: KindError, Message: "Unable to register. Registration date is not within the allowed past or future date limit.", HTTPStatus: http.StatusOK},
	CodePreferencesPartiallyUpdated:         {Name: "CodePreferencesPartiallyUpdated", Number: 1035, APIs: V11, Kind: KindError, Message: "Unable to update few customer preferences", HTTPStatus: http.StatusOK},
	CodeNotesPartiallyUpdated:               {Name: "CodeNotesPartiallyUpdated", Number: 1036, APIs: V11, Kind: KindError, Message: "One or more notes could not be added/updated for customer.", HTTPStatus: http.StatusOK},
	CodeNotesUpdateFailed:                   {Name: "CodeNotesUpdateFailed", Number: 1037, APIs: V11, Kind: KindError, Message: "Unable to add/update customer notes", HTTPStatus: http.StatusOK},
	CodeExternalIDRegistrationFailed1038:    {Name: "CodeExternalIDRegistrationFailed1038", Number: 1038, APIs: V11, Kind: KindError, Message: "Unable to register with external id", HTTPStatus: http.StatusOK},
	CodeEmailRequired:                       {Name: "CodeEmailRequired", Number: 1039, APIs: V11, Kind: KindError, Message: "Unable to register. Email ID is required.", HTTPStatus: http.StatusOK},
	CodeIdentityChangeFailed:                {Name: "CodeIdentityChangeFailed", Number: 1041, APIs: V11, Kind: KindError, Message: "Customer id change request failed", HTTPStatus: http.StatusOK},
	CodeInvalidIdentifierValue:              {Name: "CodeInvalidIdentifierValue", Number: 1042, APIs: V11, Kind: KindError, Message: "Invalid mobile no/email id/external id", HTTPStatus: http.StatusOK},
	CodeExternalIDRequired:                  {Name: "CodeExternalIDRequired", Number: 1043, APIs: V11, Kind: KindError, Message: "Unable to register. Customer’s external id is required.", HTTPStatus: http.StatusOK},
	CodeNoPermissionToView:                  {Name: "CodeNoPermissionToView", Number: 1044, APIs: V11, Kind: KindError, Message: "You do not have sufficient permission to view the customer details", HTTPStatus: http.StatusOK},
	CodeNoValidNonLoyaltyIdentifier:         {Name: "CodeNoValidNonLoyaltyIdentifier", Number: 1045, APIs: V11, Kind: KindError, Message: "No valid identifier (mobile/email) passed for non-loyalty customer.", HTTPStatus: http.StatusOK},
	CodeLoyaltyToNonLoyaltyNotAllowed:       {Name: "CodeLoyaltyToNonLoyaltyNotAllowed", Number: 1046, APIs: V11, Kind: KindError, Message: "Conversion of loyalty customer to non-loyalty is not allowed", HTTPStatus: http.StatusOK},
	CodePrimaryIdentifierMismatch:           {Name: "CodePrimaryIdentifierMismatch", Number: 1047, APIs: V11, Kind: KindError, Message: "Customer's primary identifier not matching with other identifiers", HTTPStatus: http.StatusOK},
	CodeEmailRequiredForLoyalty:             {Name: "CodeEmailRequiredForLoyalty", Number: 1048, APIs: V11, Kind: KindError, Message: "Customer’s email id is required to convert to loyalty customer", HTTPStatus: http.StatusOK},
	CodeExternalIDRequiredForLoyalty:        {Name: "CodeExternalIDRequiredForLoyalty", Number: 1049, APIs: V11, Kind: KindError, Message: "Customer’s external id is required to convert to loyalty customer", HTTPStatus: http.StatusOK},
	CodeNoTransactionsOrRecommendations:     {Name: "CodeNoTransactionsOrRecommendations", Number: 1051, APIs: V11, Kind: KindError, Message: "No transactions or recommendations found for the customer", HTTPStatus: http.StatusOK},
	CodePreferredStoreNotFound:              {Name: "CodePreferredStoreNotFound", Number: 1053, APIs: V11, Kind: KindError, Message: "Preferred store specified is not found.", HTTPStatus: http.StatusOK},
	CodeBatchLimitExceeded:                  {Name: "CodeBatchLimitExceeded", Number: 1060, APIs: V11, Kind: KindError, Message: "Batch limit exceeded", HTTPStatus: http.StatusOK},
	CodeInvalidTestControlStatus:            {Name: "CodeInvalidTestControlStatus", Number: 1062, APIs: V11, Kind: KindError, Message: "Invalid Test & Control Status", HTTPStatus: http.StatusOK},
	CodePointsProcessingFailed1086:          {Name: "CodePointsProcessingFailed1086", Number: 1086, APIs: V11, Kind: KindError, Message: "Points processing failed", HTTPStatus: http.StatusOK},
	CodePointsProcessingFailed1087:          {Name: "CodePointsProcessingFailed1087", Number: 1087, APIs: V11, Kind: KindError, Message: "Points processing failed", HTTPStatus: http.StatusOK},
	CodePointsIssueFailed:                   {Name: "CodePointsIssueFailed", Number: 1088, APIs: V11, Kind: KindError, Message: "Unable to issue points. Please report to capillary support", HTTPStatus: http.StatusOK},
	CodePointsProcessingFailed1089:          {Name: "CodePointsProcessingFailed1089", Number: 1089, APIs: V11, Kind: KindError, Message: "Points processing failed", HTTPStatus: http.StatusOK},
	CodePointsProcessingFailed1090:          {Name: "CodePointsProcessingFailed1090", Number: 1090, APIs: V11, Kind: KindError, Message: "Points processing failed", HTTPStatus: http.StatusOK},
	CodePointsProcessingFailed1091:          {Name: "CodePointsProcessingFailed1091", Number: 1091, APIs: V11, Kind: KindError, Message: "Points processing failed", HTTPStatus: http.StatusOK},
	CodePointsProcessingFailed1092:          {Name: "CodePointsProcessingFailed1092", Number: 1092, APIs: V11, Kind: KindError, Message: "Points processing failed", HTTPStatus: http.StatusOK},
	CodePointsProcessingFailed1093:          {Name: "CodePointsProcessingFailed1093", Number: 1093, APIs: V11, Kind: KindError, Message: "Points processing failed", HTTPStatus: http.StatusOK},
	CodePointsProcessingFailed1094:          {Name: "CodePointsProcessingFailed1094", Number: 1094, APIs: V11, Kind: KindError, Message: "Points processing failed", HTTPStatus: http.StatusOK},
	CodePointsProcessingFailed1095:          {Name: "CodePointsProcessingFailed1095", Number: 1095, APIs: V11, Kind: KindError, Message: "Points processing failed", HTTPStatus: http.StatusOK},
	CodePointsProcessingFailed1096:          {Name: "CodePointsProcessingFailed1096", Number: 1096, APIs: V11, Kind: KindError, Message: "Points processing failed", HTTPStatus: http.StatusOK},
	CodePointsProcessingFailed1097:          {Name: "CodePointsProcessingFailed1097", Number: 1097, APIs: V11, Kind: KindError, Message: "Points processing failed", HTTPStatus: http.StatusOK},
	CodePointsProcessingFailed1098:          {Name: "CodePointsProcessingFailed1098", Number: 1098, APIs: V11, Kind: KindError, Message: "Points processing failed", HTTPStatus: http.StatusOK},
	CodePointsProcessingFailed1099:          {Name: "CodePointsProcessingFailed1099", Number: 1099, APIs: V11, Kind: KindError, Message: "Points processing failed", HTTPStatus: http.StatusOK},
	CodeInvalidChannelType:                  {Name: "CodeInvalidChannelType", Number: 1101, APIs: V11, Kind: KindError, Message: "Invalid channel type", HTTPStatus: http.StatusOK},
	CodeInvalidPriorityType:                 {Name: "CodeInvalidPriorityType", Number: 1102, APIs: V11, Kind: KindError, Message: "Invalid priority type", HTTPStatus: http.StatusOK},
	CodeInvalidScope:                        {Name: "CodeInvalidScope", Number: 1103, APIs: V11, Kind: KindError, Message: "Invalid scope", HTTPStatus: http.StatusOK},
	CodeInvalidOrMissingIdentifier:          {Name: "CodeInvalidOrMissingIdentifier", Number: 1104, APIs: V11, Kind: KindError, Message: "Invalid identifier or no identifier passed", HTTPStatus: http.StatusOK},
	CodeMultipleScopesNotAllowed:            {Name: "CodeMultipleScopesNotAllowed", Number: 1105, APIs: V11, Kind: KindError, Message: "Multiple scopes are not allowed", HTTPStatus: http.StatusOK},
	CodeInvalidSubscriptionStatus:           {Name: "CodeInvalidSubscriptionStatus", Number: 1106, APIs: V11, Kind: KindError, Message: "Invalid subscription status passed", HTTPStatus: http.StatusOK},
	CodeInvalidCampaignID:                   {Name: "CodeInvalidCampaignID", Number: 1107, APIs: V11, Kind: KindError, Message: "Invalid campaign id passed", HTTPStatus: http.StatusOK},
	CodeInvalidOutboxID:                     {Name: "CodeInvalidOutboxID", Number: 1108, APIs: V11, Kind: KindError, Message: "Invalid outbox id passed", HTTPStatus: http.StatusOK},
	CodeSubscriptionFailed:                  {Name: "CodeSubscriptionFailed", Number: 1109, APIs: V11, Kind: KindError, Message: "Unable to add, update or fetch subscription details.", HTTPStatus: http.StatusOK},
	CodeSubscriptionUpdateFailed:            {Name: "CodeSubscriptionUpdateFailed", Number: 1110, APIs: V11, Kind: KindError, Message: "Unable to update subscription details", HTTPStatus: http.StatusOK},
	CodeInvalidStoreID:                      {Name: "CodeInvalidStoreID", Number: 1150, APIs: V11, Kind: KindError, Message: "Invalid store ID passed.", HTTPStatus: http.StatusOK},
	CodeInvalidCampaignToken:                {Name: "CodeInvalidCampaignToken", Number: 1202, APIs: V11, Kind: KindError, Message: "Invalid campaign token", HTTPStatus: http.StatusOK},
	CodeInvalidCampaignConfigured:           {Name: "CodeInvalidCampaignConfigured", Number: 1203, APIs: V11, Kind: KindError, Message: "Invalid campaign configured", HTTPStatus: http.StatusOK},
	CodeNotEligibleForReferral:              {Name: "CodeNotEligibleForReferral", Number: 1204, APIs: V11, Kind: KindError, Message: "The customer may not be eligible for the referral program.", HTTPStatus: http.StatusOK},
	CodeReferrerNotFound:                    {Name: "CodeReferrerNotFound", Number: 1205, APIs: V11, Kind: KindError, Message: "Unable to find the referrer in the specific campaign", HTTPStatus: http.StatusOK},
	CodeReferralTypeNotSupported:            {Name: "CodeReferralTypeNotSupported", Number: 1206, APIs: V11, Kind: KindError, Message: "Failed to add referral. Referral type is not supported.", HTTPStatus: http.StatusOK},
	CodeReferralSystemError:                 {Name: "CodeReferralSystemError", Number: 1222, APIs: V11, Kind: KindError, Message: "Internal error occurred with the referral system", HTTPStatus: http.StatusOK},
	CodeTicketExists:                        {Name: "CodeTicketExists", Number: 1301, APIs: V11, Kind: KindError, Message: "A ticket already exists with the same subject", HTTPStatus: http.StatusOK},
	CodeTicketRegistrationFailed:            {Name: "CodeTicketRegistrationFailed", Number: 1302, APIs: V11, Kind: KindError, Message: "Ticket registration failed", HTTPStatus: http.StatusOK},
	CodeTicketSubjectEmpty:                  {Name: "CodeTicketSubjectEmpty", Number: 1303, APIs: V11, Kind: KindError, Message: "Ticket subject should not be empty", HTTPStatus: http.StatusOK},
	CodeCustomerAddFailed:                   {Name: "CodeCustomerAddFailed", Number: 10001, APIs: V11, Kind: KindError, Message: "Failed to add customer.", HTTPStatus: http.StatusOK},
	CodeCustomerUpdateFailed:                {Name: "CodeCustomerUpdateFailed", Number: 10002, APIs: V11, Kind: KindError, Message: "Failed to update customer details.", HTTPStatus: http.StatusOK},

	// warnings written by v1.1 and v2 (000)
	CodePointDetailsUnavailable:           {Name: "CodePointDetailsUnavailable", Number: 91001, APIs: Both, Kind: KindWarning, Message: "Failed to get point details.", HTTPStatus: http.StatusOK},
	CodeSubscriptionDetailsUnavailable:    {Name: "CodeSubscriptionDetailsUnavailable", Number: 91002, APIs: Both, Kind: KindWarning, Message: "Failed to get subscription details.", HTTPStatus: http.StatusOK},
	CodeValidationFailed:                  {Name: "CodeValidationFailed", Number: 91003, APIs: Both, Kind: KindWarning, Message: "Validation failed.", HTTPStatus: http.StatusOK},
	CodeSegmentationDetailsUnavailable:    {Name: "CodeSegmentationDetailsUnavailable", Number: 91004, APIs: Both, Kind: KindWarning, Message: "Failed to get segmentation details.", HTTPStatus: http.StatusOK},
	CodePrimaryKeyNotUpdatable:            {Name: "CodePrimaryKeyNotUpdatable", Number: 91005, APIs: Both, Kind: KindWarning, Message: "{x} is Primary Key, {y} cannot be updated.", HTTPStatus: http.StatusOK},
	CodeUpdateNotAllowed:                  {Name: "CodeUpdateNotAllowed", Number: 91006, APIs: Both, Kind: KindWarning, Message: "{x} update is not allowed.", HTTPStatus: http.StatusOK},
	CodeIdentifierOccupied:                {Name: "CodeIdentifierOccupied", Number: 91007, APIs: Both, Kind: KindWarning, Message: "{x} is already occupied by some other user, ignoring it.", HTTPStatus: http.StatusOK},
	CodeMergeSurvivorRetrieved:            {Name: "CodeMergeSurvivorRetrieved", Number: 91009, APIs: Both, Kind: KindWarning, Message: "Retrieved survivor account for the requested merge victim.", HTTPStatus: http.StatusOK},
	CodeDowngradeStrategyNotConfigured:    {Name: "CodeDowngradeStrategyNotConfigured", Number: 91010, APIs: Both, Kind: KindWarning, Message: "Downgrade strategy is not configured.", HTTPStatus: http.StatusOK},
	CodeAlreadyLowestSlab:                 {Name: "CodeAlreadyLowestSlab", Number: 91011, APIs: Both, Kind: KindWarning, Message: "Customer is already in the lowest slab.", HTTPStatus: http.StatusOK},
	CodeAlreadyHighestSlab:                {Name: "CodeAlreadyHighestSlab", Number: 91012, APIs: Both, Kind: KindWarning, Message: "Customer is already in the highest slab.", HTTPStatus: http.StatusOK},
	CodeTierUpgradeCriteriaFailed:         {Name: "CodeTierUpgradeCriteriaFailed", Number: 91013, APIs: Both, Kind: KindWarning, Message: "Call to Points Engine for tier upgrade criteria has failed {x}.", HTTPStatus: http.StatusOK},
	CodeTierRenewalCriteriaFailed:         {Name: "CodeTierRenewalCriteriaFailed", Number: 91014, APIs: Both, Kind: KindWarning, Message: "Call to Points Engine for tier renewal criteria has failed {x}.", HTTPStatus: http.StatusOK},
	CodeInvalidExtendedField:              {Name: "CodeInvalidExtendedField", Number: 91015, APIs: Both, Kind: KindWarning, Message: "Failed to update extended fields; or field length too long -{x}.", HTTPStatus: http.StatusOK},
	CodeWeChatProfileUnavailable:          {Name: "CodeWeChatProfileUnavailable", Number: 91016, APIs: Both, Kind: KindWarning, Message: "WECHAT profile is not available for the customer.", HTTPStatus: http.StatusOK},
	CodeWebEngageProfileUnavailable:       {Name: "CodeWebEngageProfileUnavailable", Number: 91017, APIs: Both, Kind: KindWarning, Message: "WEB_ENGAGE profile is not available for the customer.", HTTPStatus: http.StatusOK},
	CodeWeChatNotificationsUnavailable:    {Name: "CodeWeChatNotificationsUnavailable", Number: 91018, APIs: Both, Kind: KindWarning, Message: "Unable to load WeChat notifications.", HTTPStatus: http.StatusOK},
	CodeWebEngageNotificationsUnavailable: {Name: "CodeWebEngageNotificationsUnavailable", Number: 91019, APIs: Both, Kind: KindWarning, Message: "Unable to load Web Engage notifications.", HTTPStatus: http.StatusOK},
	CodeInvalidRegistrationTill:           {Name: "CodeInvalidRegistrationTill", Number: 91020, APIs: Both, Kind: KindWarning, Message: "Invalid TILL passed for registration.", HTTPStatus: http.StatusOK},
	CodeInvalidAttributionTill:            {Name: "CodeInvalidAttributionTill", Number: 91021, APIs: Both, Kind: KindWarning, Message: "Invalid attribution TILL passed.", HTTPStatus: http.StatusOK},
	CodeSubscriptionChannelUpdateFailed:   {Name: "CodeSubscriptionChannelUpdateFailed", Number: 91022, APIs: Both, Kind: KindWarning, Message: "Failed to update subscription for {x} channel and priority {y}", HTTPStatus: http.StatusOK},

	// v2 errors (002, NOTES §2.3; 8109 is also a v1.1 item code, NOTES §1.5)
	CodeMultipleActionsRunning:             {Name: "CodeMultipleActionsRunning", Number: 521, APIs: V2, Kind: KindError, Message: "Multiple actions running for the same customer, Please try after some time", HTTPStatus: http.StatusBadRequest},
	CodeNoResultsFound:                     {Name: "CodeNoResultsFound", Number: 814, APIs: V2, Kind: KindError, Message: "No Results Found", HTTPStatus: http.StatusBadRequest},
	CodeAddInvalidSource:                   {Name: "CodeAddInvalidSource", Number: 3217, APIs: V2, Kind: KindError, Message: "Source is invalid.", HTTPStatus: http.StatusBadRequest},
	CodeLookupNoSource:                     {Name: "CodeLookupNoSource", Number: 8001, APIs: V2, Kind: KindError, Message: "Lookup failed, No source passed", HTTPStatus: http.StatusBadRequest},
	CodeLookupNoIdentifiers:                {Name: "CodeLookupNoIdentifiers", Number: 8002, APIs: V2, Kind: KindError, Message: "Lookup failed, No identifiers passed", HTTPStatus: http.StatusBadRequest},
	CodeInvalidSource:                      {Name: "CodeInvalidSource", Number: 8003, APIs: V2, Kind: KindError, Message: "Invalid source", HTTPStatus: http.StatusBadRequest},
	CodeAddNoSource:                        {Name: "CodeAddNoSource", Number: 8004, APIs: V2, Kind: KindError, Message: "Add failed, No source passed", HTTPStatus: http.StatusBadRequest},
	CodeNoValidIdentifiers:                 {Name: "CodeNoValidIdentifiers", Number: 8005, APIs: V2, Kind: KindError, Message: "Add failed, No valid identifiers passed", HTTPStatus: http.StatusBadRequest},
	CodeCustomerExistsSameSource:           {Name: "CodeCustomerExistsSameSource", Number: 8006, APIs: V2, Kind: KindError, Message: "Customer already exists with id {x} for same source", HTTPStatus: http.StatusBadRequest},
	CodeIdentifierAlreadyRegistered:        {Name: "CodeIdentifierAlreadyRegistered", Number: 8007, APIs: V2, Kind: KindError, Message: "Unable to update. The identifier is already registered in the same source", HTTPStatus: http.StatusBadRequest},
	CodeUpdateDifferentProfiles:            {Name: "CodeUpdateDifferentProfiles", Number: 8008, APIs: V2, Kind: KindError, Message: "Update failed. Different profiles are identified in the same source", HTTPStatus: http.StatusBadRequest},
	CodeIdentifierExistsSameSource:         {Name: "CodeIdentifierExistsSameSource", Number: 8008, APIs: V2, Kind: KindError, Message: "The new identifier already exists in the same source", HTTPStatus: http.StatusBadRequest},
	CodeInvalidCustomerID:                  {Name: "CodeInvalidCustomerID", Number: 8009, APIs: V2, Kind: KindError, Message: "Unable to identify the customer. Customer id is invalid", HTTPStatus: http.StatusBadRequest},
	CodeUpdateCustomerNotFound:             {Name: "CodeUpdateCustomerNotFound", Number: 8009, APIs: V2, Kind: KindError, Message: "Update failed. No customer found with the given identifier", HTTPStatus: http.StatusBadRequest},
	CodeInvalidCommChannel:                 {Name: "CodeInvalidCommChannel", Number: 8010, APIs: V2, Kind: KindError, Message: "Communication channel is invalid", HTTPStatus: http.StatusBadRequest},
	CodeChangeIdentifierInvalidCommChannel: {Name: "CodeChangeIdentifierInvalidCommChannel", Number: 8010, APIs: V2, Kind: KindError, Message: "Comm channel is invalid", HTTPStatus: http.StatusBadRequest},
	CodeLookupInvalidSource:                {Name: "CodeLookupInvalidSource", Number: 8011, APIs: V2, Kind: KindError, Message: "Source is invalid", HTTPStatus: http.StatusBadRequest},
	CodeGetInvalidSource:                   {Name: "CodeGetInvalidSource", Number: 8012, APIs: V2, Kind: KindError, Message: "Source is invalid", HTTPStatus: http.StatusBadRequest},
	CodeLookupInvalidIdentifier:            {Name: "CodeLookupInvalidIdentifier", Number: 8013, APIs: V2, Kind: KindError, Message: "Lookup,Invalid identifier passed", HTTPStatus: http.StatusBadRequest},
	CodeInvalidPrimaryID:                   {Name: "CodeInvalidPrimaryID", Number: 8014, APIs: V2, Kind: KindError, Message: "Error in customer registration: Invalid Primary Id - {x}", HTTPStatus: http.StatusBadRequest},
	CodeCustomerNotFoundV2:                 {Name: "CodeCustomerNotFoundV2", Number: 8015, APIs: V2, Kind: KindError, Message: "Customer not found for the given identifiers", HTTPStatus: http.StatusBadRequest},
	CodeGetNoSource:                        {Name: "CodeGetNoSource", Number: 8016, APIs: V2, Kind: KindError, Message: "GET failed, No source passed", HTTPStatus: http.StatusBadRequest},
	CodeInvalidRegistrationDate:            {Name: "CodeInvalidRegistrationDate", Number: 8017, APIs: V2, Kind: KindError, Message: "Error in customer registration: Invalid registration date", HTTPStatus: http.StatusBadRequest},
	CodeLoyaltyToNonLoyalty:                {Name: "CodeLoyaltyToNonLoyalty", Number: 8018, APIs: V2, Kind: KindError, Message: "A loyalty customer cannot be converted to a non-loyalty customer", HTTPStatus: http.StatusBadRequest},
	CodeAddDeletedForPII:                   {Name: "CodeAddDeletedForPII", Number: 8026, APIs: V2, Kind: KindError, Message: "Same customer was deleted for PII feature, could not add", HTTPStatus: http.StatusBadRequest},
	CodeSeemsAlreadyRegistered:             {Name: "CodeSeemsAlreadyRegistered", Number: 8028, APIs: V2, Kind: KindError, Message: "Customer seems is already registered", HTTPStatus: http.StatusBadRequest},
	CodeAccountIDNotPassed:                 {Name: "CodeAccountIDNotPassed", Number: 8045, APIs: V2, Kind: KindError, Message: "Account id is not passed", HTTPStatus: http.StatusBadRequest},
	CodeUpdateAccountIDNotPassed:           {Name: "CodeUpdateAccountIDNotPassed", Number: 8045, APIs: V2, Kind: KindError, Message: "No account id is passed", HTTPStatus: http.StatusBadRequest},
	CodeNotFoundInSource:                   {Name: "CodeNotFoundInSource", Number: 8065, APIs: V2, Kind: KindError, Message: "No customer found in the given source with the given identifier", HTTPStatus: http.StatusBadRequest},
	CodeUserIDUsedInSource:                 {Name: "CodeUserIDUsedInSource", Number: 8066, APIs: V2, Kind: KindError, Message: "Combine not possible, User id already used in same source", HTTPStatus: http.StatusBadRequest},
	CodeMergeAlreadyDone:                   {Name: "CodeMergeAlreadyDone", Number: 8067, APIs: V2, Kind: KindError, Message: "Same Customer found in other sources, Merge already done with userId {x}", HTTPStatus: http.StatusBadRequest},
	CodeMergedCustomer:                     {Name: "CodeMergedCustomer", Number: 8069, APIs: V2, Kind: KindError, Message: "The customer is merged into another account", HTTPStatus: http.StatusBadRequest},
	CodeNotLoyaltyCustomerV2:               {Name: "CodeNotLoyaltyCustomerV2", Number: 8089, APIs: V2, Kind: KindError, Message: "Customer not registered for the Loyalty Program", HTTPStatus: http.StatusBadRequest},
	CodeGetNoAccountID:                     {Name: "CodeGetNoAccountID", Number: 8091, APIs: V2, Kind: KindError, Message: "GET failed, No account id passed", HTTPStatus: http.StatusBadRequest},
	CodeGetNoIdentifierType:                {Name: "CodeGetNoIdentifierType", Number: 8092, APIs: V2, Kind: KindError, Message: "GET failed, No identifier type passed", HTTPStatus: http.StatusBadRequest},
	CodeGetNoIdentifierValue:               {Name: "CodeGetNoIdentifierValue", Number: 8093, APIs: V2, Kind: KindError, Message: "GET failed, No identifier value passed", HTTPStatus: http.StatusBadRequest},
	CodeOffsetNegative:                     {Name: "CodeOffsetNegative", Number: 8100, APIs: V2, Kind: KindError, Message: "Offset cannot have value less than 0", HTTPStatus: http.StatusBadRequest},
	CodeLimitNotPositive:                   {Name: "CodeLimitNotPositive", Number: 8101, APIs: V2, Kind: KindError, Message: "Limit should be greater than 0", HTTPStatus: http.StatusBadRequest},
	CodeLimitTooLarge:                      {Name: "CodeLimitTooLarge", Number: 8102, APIs: V2, Kind: KindError, Message: "Limit cannot be greater than 100", HTTPStatus: http.StatusBadRequest},
	CodeCustomerDeletedForPII:              {Name: "CodeCustomerDeletedForPII", Number: 8109, APIs: Both, Kind: KindError, Message: "Customer is deleted after PII delete request", HTTPStatus: http.StatusBadRequest},
	CodeInvalidStartDate:                   {Name: "CodeInvalidStartDate", Number: 8112, APIs: V2, Kind: KindError, Message: "Invalid startDate. Should be in 'yyyy-MM-dd' format", HTTPStatus: http.StatusBadRequest},
	CodeInvalidEndDate:                     {Name: "CodeInvalidEndDate", Number: 8113, APIs: V2, Kind: KindError, Message: "Invalid endDate. Should be in 'yyyy-MM-dd' format", HTTPStatus: http.StatusBadRequest},
	CodeStartDateAfterEndDate:              {Name: "CodeStartDateAfterEndDate", Number: 8115, APIs: V2, Kind: KindError, Message: "startDate should not be after endDate", HTTPStatus: http.StatusBadRequest},
	CodeTooManyCustomerIDs:                 {Name: "CodeTooManyCustomerIDs", Number: 8120, APIs: V2, Kind: KindError, Message: "Maximum 100 customerIds can be updated", HTTPStatus: http.StatusBadRequest},
	CodeInvalidSourceOrAccount:             {Name: "CodeInvalidSourceOrAccount", Number: 8127, APIs: V2, Kind: KindError, Message: "Invalid source or accountId passed", HTTPStatus: http.StatusBadRequest},

	// v2 warnings (002, NOTES §2.1, §2.3)
	CodeCombiningSources:            {Name: "CodeCombiningSources", Number: 8050, APIs: V2, Kind: KindWarning, Message: "Same Customer found in other sources,Combining", HTTPStatus: http.StatusOK},
	CodeMergingIntoSurvivor:         {Name: "CodeMergingIntoSurvivor", Number: 8051, APIs: V2, Kind: KindWarning, Message: "Same identifier found in other source. Merging into the account with user id {x}", HTTPStatus: http.StatusOK},
	CodeAddConflictingCustomers:     {Name: "CodeAddConflictingCustomers", Number: 8052, APIs: V2, Kind: KindWarning, Message: "Add customer, Conflicting Customers found", HTTPStatus: http.StatusOK},
	CodeConflictingCustomers:        {Name: "CodeConflictingCustomers", Number: 8053, APIs: V2, Kind: KindWarning, Message: "Each identifier is registered with a different customer in other source. Unable to merge accounts", HTTPStatus: http.StatusOK},
	CodeAlreadyMerged:               {Name: "CodeAlreadyMerged", Number: 8053, APIs: V2, Kind: KindWarning, Message: "Same identifier is registered on other source. The account is already merged with user id {x}", HTTPStatus: http.StatusOK},
	CodeAccountIDNotPassedWarning:   {Name: "CodeAccountIDNotPassedWarning", Number: 8054, APIs: V2, Kind: KindWarning, Message: "Account id not passed", HTTPStatus: http.StatusOK},
	CodeInvalidEmailV2:              {Name: "CodeInvalidEmailV2", Number: 8055, APIs: V2, Kind: KindWarning, Message: "Invalid email id", HTTPStatus: http.StatusOK},
	CodeInvalidMobileV2:             {Name: "CodeInvalidMobileV2", Number: 8056, APIs: V2, Kind: KindWarning, Message: "Invalid mobile number", HTTPStatus: http.StatusOK},
	CodeInvalidCommChannelEmail:     {Name: "CodeInvalidCommChannelEmail", Number: 8057, APIs: V2, Kind: KindWarning, Message: "Invalid email id passed in the comm channel", HTTPStatus: http.StatusOK},
	CodeInvalidCommChannelMobile:    {Name: "CodeInvalidCommChannelMobile", Number: 8058, APIs: V2, Kind: KindWarning, Message: "Invalid mobile number passed in the comm channel", HTTPStatus: http.StatusOK},
	CodeSolrPushFailed:              {Name: "CodeSolrPushFailed", Number: 8059, APIs: V2, Kind: KindWarning, Message: "Unable to push customer to solr", HTTPStatus: http.StatusOK},
	CodePointsFetchFailed:           {Name: "CodePointsFetchFailed", Number: 8062, APIs: V2, Kind: KindWarning, Message: "Unable to fetch loyalty points", HTTPStatus: http.StatusOK},
	CodeSegmentationFetchFailed:     {Name: "CodeSegmentationFetchFailed", Number: 8063, APIs: V2, Kind: KindWarning, Message: "Unable to fetch segmentation details", HTTPStatus: http.StatusOK},
	CodeExternalIDInvalid:           {Name: "CodeExternalIDInvalid", Number: 8064, APIs: V2, Kind: KindWarning, Message: "External id validation failed", HTTPStatus: http.StatusOK},
	CodeMergedCustomerWarning:       {Name: "CodeMergedCustomerWarning", Number: 8069, APIs: V2, Kind: KindWarning, Message: "Merged customer found", HTTPStatus: http.StatusOK},
	CodeNoValidIdentifierChange:     {Name: "CodeNoValidIdentifierChange", Number: 8070, APIs: V2, Kind: KindWarning, Message: "No valid change identifiers detected", HTTPStatus: http.StatusOK},
	CodeMobileAlreadyAttached:       {Name: "CodeMobileAlreadyAttached", Number: 8071, APIs: V2, Kind: KindWarning, Message: "Mobile already attached with this user", HTTPStatus: http.StatusOK},
	CodeEmailAlreadyAttached:        {Name: "CodeEmailAlreadyAttached", Number: 8072, APIs: V2, Kind: KindWarning, Message: "Email already attached with this user", HTTPStatus: http.StatusOK},
	CodeExternalIDAlreadyAttached:   {Name: "CodeExternalIDAlreadyAttached", Number: 8073, APIs: V2, Kind: KindWarning, Message: "External id already attached with this user", HTTPStatus: http.StatusOK},
	CodeIdentifierInMultipleSources: {Name: "CodeIdentifierInMultipleSources", Number: 8074, APIs: V2, Kind: KindWarning, Message: "Change Failed, Identifier found in multiple sources and userIds", HTTPStatus: http.StatusOK},
	CodePrimaryIdentifierMismatchV2: {Name: "CodePrimaryIdentifierMismatchV2", Number: 8075, APIs: V2, Kind: KindWarning, Message: "Primary identifier not matching with other identifiers", HTTPStatus: http.StatusOK},
	CodeInvalidAssociatedWith:       {Name: "CodeInvalidAssociatedWith", Number: 8077, APIs: V2, Kind: KindWarning, Message: "Invalid associatedWith passed, attribution not updated", HTTPStatus: http.StatusOK},

	// v2 promotion codes (003, NOTES §4)
	CodeInvalidProgramID:           {Name: "CodeInvalidProgramID", Number: 1101, APIs: V2, Kind: KindError, Message: "invalid programId passed", HTTPStatus: http.StatusBadRequest},
	CodeInvalidEntityType:          {Name: "CodeInvalidEntityType", Number: 1212, APIs: V2, Kind: KindError, Message: "Entity type invalid", HTTPStatus: http.StatusBadRequest},
	CodeInvalidPromotionID:         {Name: "CodeInvalidPromotionID", Number: 8874, APIs: V2, Kind: KindError, Message: "promotion id passed is invalid", HTTPStatus: http.StatusBadRequest},
	CodePromotionParamsMissing:     {Name: "CodePromotionParamsMissing", Number: 8881, APIs: V2, Kind: KindError, Message: "insufficient parameters passed, program id and one of promotion id/identifier are required", HTTPStatus: http.StatusBadRequest},
	CodePromotionNotIssued:         {Name: "CodePromotionNotIssued", Number: 8890, APIs: V2, Kind: KindWarning, Message: "promotion not issued due to config issues or customer exhausted limits", HTTPStatus: http.StatusOK},
	CodePromotionInactive:          {Name: "CodePromotionInactive", Number: 8892, APIs: V2, Kind: KindError, Message: "promotion is inactive", HTTPStatus: http.StatusBadRequest},
	CodePromotionIssueFailed:       {Name: "CodePromotionIssueFailed", Number: 8896, APIs: V2, Kind: KindError, Message: "Error occurred while issuing promotion to the customer", HTTPStatus: http.StatusBadRequest},
	CodeUserGroupNotAllowed:        {Name: "CodeUserGroupNotAllowed", Number: 8899, APIs: V2, Kind: KindError, Message: "Cannot enrol/issue to the user group", HTTPStatus: http.StatusBadRequest},
	CodeInvalidBulkEntityType:      {Name: "CodeInvalidBulkEntityType", Number: 8901, APIs: V2, Kind: KindError, Message: "invalid entity type passed", HTTPStatus: http.StatusBadRequest},
	CodeBulkActionNotSupported:     {Name: "CodeBulkActionNotSupported", Number: 8902, APIs: V2, Kind: KindError, Message: "bulk action passed not supported for loyalty/generic promotion type", HTTPStatus: http.StatusBadRequest},
	CodePromotionIdentifierMissing: {Name: "CodePromotionIdentifierMissing", Number: 11013, APIs: V2, Kind: KindError, Message: "identifierName, identifierValue, source can not be empty", HTTPStatus: http.StatusBadRequest},

	// v2 warning numbers answered as errors (002 update and changeIdentifier tables)
	CodeConflictingCustomersError:     {Name: "CodeConflictingCustomersError", Number: 8053, APIs: V2, Kind: KindError, Message: "Each identifier is registered with a different customer in other source. Unable to merge accounts", HTTPStatus: http.StatusBadRequest},
	CodeAlreadyMergedError:            {Name: "CodeAlreadyMergedError", Number: 8053, APIs: V2, Kind: KindError, Message: "Same identifier is registered on other source. The account is already merged with user id {x}", HTTPStatus: http.StatusBadRequest},
	CodeInvalidEmailError:             {Name: "CodeInvalidEmailError", Number: 8055, APIs: V2, Kind: KindError, Message: "Invalid email id", HTTPStatus: http.StatusBadRequest},
	CodeInvalidMobileError:            {Name: "CodeInvalidMobileError", Number: 8056, APIs: V2, Kind: KindError, Message: "Invalid mobile number", HTTPStatus: http.StatusBadRequest},
	CodeInvalidCommChannelEmailError:  {Name: "CodeInvalidCommChannelEmailError", Number: 8057, APIs: V2, Kind: KindError, Message: "Invalid email id passed in the comm channel", HTTPStatus: http.StatusBadRequest},
	CodeInvalidCommChannelMobileError: {Name: "CodeInvalidCommChannelMobileError", Number: 8058, APIs: V2, Kind: KindError, Message: "Invalid mobile number passed in the comm channel", HTTPStatus: http.StatusBadRequest},
	CodeExternalIDInvalidError:        {Name: "CodeExternalIDInvalidError", Number: 8064, APIs: V2, Kind: KindError, Message: "External id validation failed", HTTPStatus: http.StatusBadRequest},

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
