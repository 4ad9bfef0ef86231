package simulator

import (
	"regexp"
	"strings"
	"testing"
)

// The code tables of the earn-and-burn references: v1.1 transactions (004),
// points (005) and coupons (006), and v2 transactions (007).

var (
	// rowMore is a table row with an empty code cell: another message for
	// the number above.
	rowMore = regexp.MustCompile(`^\s*\|\s*([^|\s-][^|]*?)\s*\|?\s*$`)
	// tableRule is a table's header or rule row.
	tableRule = regexp.MustCompile(`^\s*\|?\s*(Code\s*\||-{2,}\s*\|)`)
)

// liveWording maps a table's success message to the one the same document's
// samples and the 2025 descriptions (009, 010: "typed as the live service
// answers") give it: the catalogue holds what handlers answer.
var liveWording = map[string]string{
	"Transaction added successfully.":     "Transaction added successfully",
	"Transaction retrieved successfully.": "Transaction retrieved successfully",
	"Transaction updated successfully.":   "Transaction updated successfully",
	"Transaction marked as regular through Retro conversion. Transaction added successfully.": "Transaction retrospectively marked REGULAR, Transaction added successfully",
	"Transaction retrospectively marked REGULAR. Transaction added successfully.":             "Transaction retrospectively marked REGULAR, Transaction added successfully",
	"Points redeemed successfully":  "Points Redeemed",
	"Coupon processed successfully": "Coupon processing successful",
}

// filedAsErrors are messages 004 lists under its error codes that 007 lists
// under its warnings: the transaction is saved, so the catalogue holds them
// as warnings for both versions.
var filedAsErrors = map[string]bool{
	"Failed to call new bill event EMF.":                      true, // 683
	"Failed EMF new bill DVS event.":                          true, // 684
	"Points activities are queued and will be updated later.": true, // 687
	"Return bill event failed from EMF.":                      true, // 710
}

// codeRows reads the "code | message" rows of a code table. A row with an
// empty code cell gives the number above another message, and so does a
// message joined to another by <br> (007's 600, 005's 819). Backticks go,
// and <X> becomes the placeholder {x}.
func codeRows(t *testing.T, where, text string, api API, kind Kind) []docCode {
	t.Helper()
	var out []docCode
	current := 0
	for _, l := range strings.Split(text, "\n") {
		if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "#") || strings.HasPrefix(l, "<aside") || tableRule.MatchString(l) {
			continue
		}
		msg := ""
		if m := rowNumbers.FindStringSubmatch(l); m != nil {
			current, msg = atoi(t, m[1]), m[2]
		} else if m := rowMore.FindStringSubmatch(l); m != nil && current != 0 {
			msg = m[1]
		} else {
			t.Fatalf("%s: cannot read row %q", where, l)
		}
		msg = strings.ReplaceAll(strings.ReplaceAll(msg, "`", ""), "<X>", "{x}")
		for _, part := range strings.Split(msg, "<br>") {
			d := docCode{where: where, number: current, api: api, kind: kind, message: cleanMessage(part)}
			if s, ok := liveWording[d.message]; ok {
				d.message = s
			}
			if kind == KindError && filedAsErrors[d.message] {
				d.kind = KindWarning
			}
			out = append(out, d)
		}
	}
	return out
}

// responseCodes reads the "## Response Codes" section of a document: its
// success codes (the lines before "### Error Codes"), error codes and, where
// there are some, warnings ("### Warnings").
func responseCodes(t *testing.T, name, short string, api API, end string) []docCode {
	t.Helper()
	text := section(t, readReference(t, name), "## Response Codes", end)
	success, rest, ok := strings.Cut(text, "### Error Codes")
	if !ok {
		t.Fatalf("%s: no error codes", short)
	}
	errs, warns, _ := strings.Cut(rest, "### Warnings")
	// the first line of success is the section's heading
	_, success, _ = strings.Cut(success, "\n")
	out := codeRows(t, short+" success codes", success, api, KindSuccess)
	out = append(out, codeRows(t, short+" error codes", errs, api, KindError)...)
	if warns != "" {
		for _, d := range codeRows(t, short+" warnings", warns, api, KindWarning) {
			// 625's row goes on to say when: "If the config
			// CONF_ALLOW_NOT_EXISTING_BILL_RETURN is enabled, the
			// transaction is saved with a warning."
			if i := strings.Index(d.message, " If the config "); i >= 0 {
				d.message = d.message[:i]
			}
			out = append(out, d)
		}
	}
	return out
}

func parse004(t *testing.T) []docCode {
	return responseCodes(t, "004_v11-transaction.md", "004", V11, "")
}

func parse005(t *testing.T) []docCode {
	return responseCodes(t, "005_v11-points.md", "005", V11, "")
}

func parse006(t *testing.T) []docCode {
	return responseCodes(t, "006_v11-coupon.md", "006", V11, "")
}

// parse007 reads 007's code tables. Where 007 gives a number the same
// message as 004 (sameText), the code is 004's, and the catalogue holds it
// once, for Both.
func parse007(t *testing.T) []docCode {
	out := responseCodes(t, "007_v2-transaction.md", "007", V2, "# Earning")
	v11 := parse004(t)
	for i, d := range out {
		if s, ok := shared004(d, v11); ok {
			out[i].message = s
		}
	}
	return out
}

// shared004 returns the message of the 004 code that d (a code of 007) is.
func shared004(d docCode, v11 []docCode) (string, bool) {
	for _, e := range v11 {
		if e.number == d.number && e.kind == d.kind && sameText(e.message, d.message) {
			return e.message, true
		}
	}
	return "", false
}

// sameText reports whether two documents give one message: 007 ends some of
// 004's messages with a period and writes "customer’s" for "customer's".
func sameText(a, b string) bool {
	norm := func(s string) string {
		return strings.TrimSuffix(strings.ReplaceAll(cleanMessage(s), "’", "'"), ".")
	}
	return norm(a) == norm(b)
}

// sampleWording maps a sample's message to the catalogue's where the sample
// fills in a placeholder.
var sampleWording = map[string]string{
	"Extended field name gender is invalid.": "Extended field name {x} is invalid.", // 007 bulk add
}

// itemSamples reads the code and message pairs of a document's JSON samples
// (v1.1 statuses and item_status, v2 errors and warnings).
func itemSamples(t *testing.T, name string, api API) []docCode {
	text := strings.Join(strings.Fields(readReference(t, name)), " ")
	pair := regexp.MustCompile(`"code": ?"?(\d+)"?, ?"message": ?"([^"]+)"`)
	var out []docCode
	for _, m := range pair.FindAllStringSubmatch(text, -1) {
		msg := m[2]
		if msg == "SUCCESS" {
			// The status of CodeSuccess in capitals, as some samples
			// write it; capsim answers 000's and 009's "Success".
			continue
		}
		if s, ok := sampleWording[msg]; ok {
			msg = s
		}
		out = append(out, docCode{where: name[:3] + " sample", number: atoi(t, m[1]), api: api, message: msg})
	}
	return out
}

// TestCatalogueSharesTransactionCodes checks that a code 004 and 007 both
// give is one entry for Both, not one per version.
func TestCatalogueSharesTransactionCodes(t *testing.T) {
	v11 := parse004(t)
	n := 0
	for _, d := range responseCodes(t, "007_v2-transaction.md", "007", V2, "# Earning") {
		msg, ok := shared004(d, v11)
		if !ok {
			continue
		}
		n++
		found := false
		for _, c := range Codes() {
			e := c.Info()
			if e.Number == d.number && e.Kind == d.kind && e.Message == msg {
				found = true
				if e.APIs != Both {
					t.Errorf("%d %q (004 and 007): %s is for %v, want Both", d.number, msg, e.Name, e.APIs)
				}
			}
		}
		if !found {
			t.Errorf("%d %q (004 and 007): no entry", d.number, msg)
		}
	}
	if n < 120 {
		t.Fatalf("only %d codes of 007 are 004's; the parsers are broken", n)
	}
}
