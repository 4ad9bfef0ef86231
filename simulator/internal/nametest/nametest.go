// Package nametest checks a hand-written name check against the regular
// expression it stands for, over names made to sit on its edges.
package nametest

import (
	"math/rand"
	"regexp"
	"strings"
	"testing"
)

// Agree fails t unless valid(s) == regexp expr matches s for every s of a
// few thousand names: empty, of every length up to 70, of letters, digits,
// the punctuation names allow and bytes they do not (a space, '/', ':',
// '@', a NUL, a multi-byte letter), in every position.
func Agree(t *testing.T, expr string, valid func(string) bool) {
	t.Helper()
	re := regexp.MustCompile(expr)
	alphabet := []string{"a", "Z", "0", "9", ".", "_", "-", " ", "/", ":", "@", "\x00", "é", "\n"}
	names := []string{"", "capsim", "default", "a", "-a", ".a", "a-", strings.Repeat("a", 64), strings.Repeat("a", 65)}
	r := rand.New(rand.NewSource(1))
	for n := 0; n <= 70; n++ {
		for k := 0; k < 40; k++ {
			var b strings.Builder
			for i := 0; i < n; i++ {
				if r.Intn(4) == 0 {
					b.WriteString(alphabet[r.Intn(len(alphabet))])
				} else {
					b.WriteString(alphabet[r.Intn(7)]) // mostly allowed bytes
				}
			}
			names = append(names, b.String())
		}
	}
	for _, s := range names {
		if got, want := valid(s), re.MatchString(s); got != want {
			t.Errorf("%q: valid %v, the regexp %v", s, got, want)
		}
	}
}
