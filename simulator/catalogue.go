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
)

// catalogue holds every code capsim writes, indexed by Code; index 0 is unused.
//
// HTTPStatus follows one rule: v2 and shared (Both) errors answer 400, except
// CodeUnauthorized (401) and CodeAllFailed (500); warnings, successes, v1.1
// item codes and v1.1 request statuses answer 200, because v1.1 answers HTTP
// 200 whatever the outcome (NOTES §1.1).
var catalogue = mergeCatalogues(customerCatalogue[:], earnBurnCatalogue[:])

// customerCatalogue holds the entries of the customer and promotion codes;
// earnBurnCatalogue (catalogue_earnburn.go) those of transactions, points
// and coupons.
var customerCatalogue = [...]CodeInfo{
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
}

// mergeCatalogues lays parts, each indexed by Code, over one another: an
// index holds the one entry some part gives it.
func mergeCatalogues(parts ...[]CodeInfo) []CodeInfo {
	n := 0
	for _, p := range parts {
		n = max(n, len(p))
	}
	out := make([]CodeInfo, n)
	for _, p := range parts {
		for i, e := range p {
			if e == (CodeInfo{}) {
				continue
			}
			if out[i] != (CodeInfo{}) {
				panic("simulator: two catalogue entries for " + e.Name)
			}
			out[i] = e
		}
	}
	return out
}
