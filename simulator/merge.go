package simulator

import "time"

// Absorb merges victim into c, its survivor: the victim's profiles move to c
// (a profile in a source and account c has already is combined with it:
// identifiers and channels are united, c's names and fields win), as do
// subscriptions c has no state for, loyalty (points are added per program,
// the higher slab is kept), extended fields c lacks, points transfers, retro
// requests and promotions. The victim keeps its id and answers as merged
// (MergedInto) from then on, holding nothing that moved, so nothing is
// counted twice; loyalty never turns non-loyalty. at and till stamp the
// change on both.
func (c *Customer) Absorb(victim *Customer, at time.Time, till string) {
	for _, vp := range victim.Profiles {
		vp.Attribution.ModifiedDate, vp.Attribution.ModifiedBy = at, till
		sp := c.Profile(vp.Source, vp.AccountID)
		if sp == nil {
			c.Profiles = append(c.Profiles, vp)
			continue
		}
		sp.unite(&vp)
		sp.Attribution.ModifiedDate, sp.Attribution.ModifiedBy = at, till
	}
	for _, sub := range victim.Subscriptions {
		if !c.HasSubscription(sub.Channel, sub.Priority) {
			c.Subscriptions = append(c.Subscriptions, sub)
		}
	}
	for _, vl := range victim.Loyalty {
		sl := c.ProgramLoyalty(vl.ProgramID)
		if sl == nil {
			vl.LoyaltyID = c.ID
			c.Loyalty = append(c.Loyalty, vl)
			continue
		}
		sl.add(&vl)
	}
	if victim.LoyaltyType == LoyaltyLoyalty {
		c.LoyaltyType = LoyaltyLoyalty
	}
	c.LifetimePurchases += victim.LifetimePurchases
	for k, v := range victim.ExtendedFields {
		if _, ok := c.ExtendedFields[k]; !ok {
			c.ExtendedFields = MergeFields(c.ExtendedFields, map[string]string{k: v})
		}
	}
	c.PointsTransfers = append(c.PointsTransfers, victim.PointsTransfers...)
	c.RetroRequests = append(c.RetroRequests, victim.RetroRequests...)
	c.Promotions = append(c.Promotions, victim.Promotions...)
	c.LoyaltyAttribution.ModifiedDate, c.LoyaltyAttribution.ModifiedBy = at, till

	victim.MergedInto = c.ID
	victim.Profiles = nil
	victim.Loyalty = nil
	victim.Subscriptions = nil
	victim.LoyaltyAttribution.ModifiedDate, victim.LoyaltyAttribution.ModifiedBy = at, till
}

// unite adds to p what o (a profile in the same source and account) has and
// p lacks: identifiers, channels, names when p has none, fields p has not set.
func (p *Profile) unite(o *Profile) {
	for _, id := range o.Identifiers {
		if !p.HasIdentifier(id.Type, id.Value) {
			p.Identifiers = append(p.Identifiers, id)
		}
	}
	for _, ch := range o.CommChannels {
		if !p.HasCommChannel(ch) {
			p.CommChannels = append(p.CommChannels, ch)
		}
	}
	if p.FirstName == "" && p.LastName == "" {
		p.FirstName, p.LastName = o.FirstName, o.LastName
	}
	for k, v := range o.Fields {
		if _, ok := p.Fields[k]; !ok {
			p.Fields = MergeFields(p.Fields, map[string]string{k: v})
		}
	}
}

// HasCommChannel reports whether p has a channel of ch's type and value
// (values compared as identifiers of that type are).
func (p *Profile) HasCommChannel(ch CommChannel) bool {
	for _, have := range p.CommChannels {
		if have.Type == ch.Type && NormalizeIdentifierValue(have.Type, have.Value) == NormalizeIdentifierValue(ch.Type, ch.Value) {
			return true
		}
	}
	return false
}

// add adds o's points and purchases to pl and keeps the higher slab.
func (pl *ProgramLoyalty) add(o *ProgramLoyalty) {
	pl.LoyaltyPoints += o.LoyaltyPoints
	pl.LifetimePoints += o.LifetimePoints
	pl.Redeemed += o.Redeemed
	pl.Expired += o.Expired
	pl.Returned += o.Returned
	pl.Adjusted += o.Adjusted
	pl.CumulativePurchases += o.CumulativePurchases
	pl.Lots = append(pl.Lots, o.Lots...)
	if o.SlabSerial > pl.SlabSerial {
		pl.SlabSerial, pl.SlabExpiry = o.SlabSerial, o.SlabExpiry
	}
}

// MergeFields copies src into dst (allocating dst if needed) and returns it.
func MergeFields(dst, src map[string]string) map[string]string {
	if len(src) == 0 {
		return dst
	}
	if dst == nil {
		dst = make(map[string]string, len(src))
	}
	for k, v := range src {
		dst[k] = v
	}
	return dst
}
