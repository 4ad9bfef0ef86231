package simulator

import (
	"regexp"
	"strings"
	"time"
)

// Ticket values the v1.1 API documents (customer/tickets). Statuses are not
// listed in the reference; these are the ones its samples and Capillary's
// ticketing UI use.
var (
	TicketStatuses       = []string{"OPEN", "IN_PROGRESS", "PENDING", "REOPENED", "RESOLVED", "CLOSED"}
	TicketPriorities     = []string{"LOW", "MEDIUM", "HIGH"}
	TicketReportedFrom   = []string{"EMAIL", "INTOUCH", "CALLCENTER", "CLIENT", "MICROSITE", "SOCIAL"}
	TicketTypes          = []string{"STORE", "CUSTOMER"}
	ticketClosedStatuses = []string{"RESOLVED", "CLOSED"}
)

// OneOf returns the list's spelling of v (case-insensitive) and whether it is there.
func OneOf(list []string, v string) (string, bool) {
	v = strings.TrimSpace(v)
	for _, x := range list {
		if strings.EqualFold(x, v) {
			return x, true
		}
	}
	return "", false
}

// NewTicket checks a ticket a client asks to create and returns it with its
// values in their canonical spelling (status OPEN and priority MEDIUM when
// not given). existing are the customer's tickets: a subject equal
// (case-insensitive, trimmed) to that of a ticket not yet resolved or closed
// is a duplicate. Codes: 1303 empty subject, 1301 duplicate subject, 1302 a
// value the org does not know (status, priority, department, reported_from,
// type), with a detail naming it. Code, dates and till are the caller's.
func NewTicket(t Ticket, existing []Ticket, org *Org) (Ticket, *Error) {
	t.Subject = strings.TrimSpace(t.Subject)
	if t.Subject == "" {
		return t, Errorf(CodeTicketSubjectEmpty)
	}
	for _, e := range existing {
		if _, closed := OneOf(ticketClosedStatuses, e.Status); !closed && strings.EqualFold(strings.TrimSpace(e.Subject), t.Subject) {
			return t, Errorf(CodeTicketExists)
		}
	}
	bad := func(field, v string, list []string) *Error {
		return Errorf(CodeTicketRegistrationFailed).WithDetail("%s %q is not one of %s", field, v, strings.Join(list, ", "))
	}
	canon := func(field string, v *string, list []string, def string) *Error {
		if *v == "" {
			*v = def
			return nil
		}
		c, ok := OneOf(list, *v)
		if !ok {
			return bad(field, *v, list)
		}
		*v = c
		return nil
	}
	for _, e := range []*Error{
		canon("status", &t.Status, TicketStatuses, "OPEN"),
		canon("priority", &t.Priority, TicketPriorities, "MEDIUM"),
		canon("department", &t.Department, org.Departments, ""),
		canon("reported_from", &t.ReportedFrom, TicketReportedFrom, ""),
		canon("type", &t.Type, TicketTypes, ""),
	} {
		if e != nil {
			return t, e
		}
	}
	return t, nil
}

// NewNote checks one note of a customer/notes POST made on date: the
// description must not be empty (1037). It returns the note (AddedOn and ID
// are the caller's).
func NewNote(date time.Time, description, associate string) (Note, *Error) {
	description = strings.TrimSpace(description)
	if description == "" {
		return Note{}, Errorf(CodeNotesUpdateFailed).WithDetail("note description is empty")
	}
	return Note{Date: date, Description: description, AssociateID: strings.TrimSpace(associate)}, nil
}

// CheckReferralCampaign returns the campaign a customer/referrals request
// names (the default one for an empty token) if customer c may refer in it
// at now. Codes: 1202 no such campaign, 1203 the campaign is inactive, has
// ended or names no existing incentive series, 1204 c may not refer in it
// (a non-loyalty customer in a loyalty-only campaign, or a customer who is
// not interested in any programme).
func CheckReferralCampaign(org *Org, token string, c *Customer, now time.Time) (*ReferralCampaign, *Error) {
	camp := org.ReferralCampaign(token)
	if camp == nil {
		return nil, Errorf(CodeInvalidCampaignToken)
	}
	switch {
	case !camp.Active:
		return nil, Errorf(CodeInvalidCampaignConfigured).WithDetail("campaign %s is not active", camp.Token)
	case !camp.Ends.IsZero() && camp.Ends.Before(now):
		return nil, Errorf(CodeInvalidCampaignConfigured).WithDetail("campaign %s ended on %s", camp.Token, camp.Ends.Format("2006-01-02"))
	case org.Series(camp.IncentiveSeries) == nil:
		return nil, Errorf(CodeInvalidCampaignConfigured).WithDetail("campaign %s has no incentive coupon series", camp.Token)
	}
	if c != nil && (c.LoyaltyType == LoyaltyNotInterested || (camp.LoyaltyOnly && c.LoyaltyType != LoyaltyLoyalty)) {
		return nil, Errorf(CodeNotEligibleForReferral)
	}
	return camp, nil
}

// CheckReferralType returns the canonical referral type (EMAIL or MOBILE) if
// the campaign accepts t, else 1206.
func CheckReferralType(camp *ReferralCampaign, t string) (string, *Error) {
	u, ok := OneOf([]string{ReferralEmail, ReferralMobile}, t)
	if !ok || !camp.Accepts(u) {
		return "", Errorf(CodeReferralTypeNotSupported).WithDetail("referral type %q; campaign %s takes %s", t, camp.Token, strings.Join(camp.Types, ", "))
	}
	return u, nil
}

var (
	inviteEmailRE  = regexp.MustCompile(`^[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}$`)
	inviteMobileRE = regexp.MustCompile(`^[0-9]{10,15}$`)
)

// ValidInviteeIdentifier reports whether identifier suits a referral of type
// t (EMAIL: an email address; MOBILE: 10-15 digits with the country code).
func ValidInviteeIdentifier(t, identifier string) bool {
	if t == ReferralEmail {
		return inviteEmailRE.MatchString(identifier)
	}
	return inviteMobileRE.MatchString(identifier)
}
