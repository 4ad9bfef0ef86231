package simulator

// IsName reports whether s is 1-64 letters, digits, '.', '_' or '-': the
// names clients give namespaces, snapshots, scenarios and rules, which fit
// a store key and a comma-separated header. It is written by hand, not as
// a regular expression: compiling the 64-fold repetition took about a
// millisecond of every start.
func IsName(s string) bool {
	if len(s) < 1 || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}
