package v11

import (
	"strings"

	"github.com/capsim/capsim/simulator"
)

// v1.1 subscription values. The POST writes SMS and EMAIL (MOBILE is SMS);
// the GET filter also takes the other channels a customer can hold.
var (
	v11WriteChannels = []string{"SMS", "EMAIL", "MOBILE"}
	v11ReadChannels  = []string{"SMS", "EMAIL", "MOBILE", "WECHAT", "ANDROID", "IOS", "LINE",
		"SOCIAL", "REMINDER_TEXT", "RE_ISSUAL_TEXT", "CLIENT"}
	// subscriptionScopeAll is the one scope capsim keeps: subscriptions
	// hold per channel and priority, for every module.
	subscriptionScopeAll = "ALL"
)

// parseSubscriptionChannel returns the canonical channel (SMS for MOBILE) of
// a v1.1 subscription write (forWrite) or read filter, or 1101.
func parseSubscriptionChannel(ch string, forWrite bool) (string, *simulator.Error) {
	list := v11ReadChannels
	if forWrite {
		list = v11WriteChannels
	}
	u, ok := simulator.OneOf(list, ch)
	if !ok {
		return "", simulator.Errorf(simulator.CodeInvalidChannelType).WithDetail("channel %q is not one of %s", ch, strings.Join(list, ", "))
	}
	return simulator.CanonicalChannel(u), nil
}

// parseSubscriptionPriority returns TRANS or BULK for p (case-insensitive), or 1102.
func parseSubscriptionPriority(p string) (string, *simulator.Error) {
	u, ok := simulator.OneOf([]string{simulator.PriorityTrans, simulator.PriorityBulk}, p)
	if !ok {
		return "", simulator.Errorf(simulator.CodeInvalidPriorityType).WithDetail("priority %q is not TRANS or BULK", p)
	}
	return u, nil
}

// parseSubscriptionScope returns ALL for an empty scope or "all". Several
// comma-separated scopes answer 1105 and any other scope 1103: capsim keeps
// subscriptions per channel and priority only, so ALL is the one scope whose
// write reads back as written.
func parseSubscriptionScope(s string) (string, *simulator.Error) {
	var parts []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	switch {
	case len(parts) == 0:
		return subscriptionScopeAll, nil
	case len(parts) > 1:
		return "", simulator.Errorf(simulator.CodeMultipleScopesNotAllowed).WithDetail("scope %q", s)
	case !strings.EqualFold(parts[0], subscriptionScopeAll):
		return "", simulator.Errorf(simulator.CodeInvalidScope).WithDetail("scope %q is not ALL", s)
	}
	return subscriptionScopeAll, nil
}

// parseSubscriptionStatus maps is_subscribed 1 to OPTIN and 0 to OPTOUT, or 1106.
func parseSubscriptionStatus(v string) (string, *simulator.Error) {
	switch strings.TrimSpace(v) {
	case "1":
		return simulator.OptIn, nil
	case "0":
		return simulator.OptOut, nil
	}
	return "", simulator.Errorf(simulator.CodeInvalidSubscriptionStatus).WithDetail("is_subscribed %q is not 0 or 1", v)
}
