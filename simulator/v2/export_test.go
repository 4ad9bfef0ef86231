package v2

// V2ReasonError exposes reasonError to the package's external tests.
var V2ReasonError = reasonError
