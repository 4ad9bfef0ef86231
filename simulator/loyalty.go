package simulator

import "time"

// Allows reports whether p can be issued to c at now: p must be active and
// running, c a loyalty customer who has had it fewer times than its
// per-customer limit. The real API answers a refusal with warning 8890.
func (p *Promotion) Allows(c *Customer, now time.Time) bool {
	if !p.Active || (!p.Ends.IsZero() && now.After(p.Ends)) {
		return false
	}
	if c.LoyaltyType != LoyaltyLoyalty {
		return false
	}
	n := 0
	for _, iss := range c.Promotions {
		if iss.PromotionID == p.ID {
			n++
		}
	}
	return n < p.PerCustomerLimit()
}

// AwardPoints credits points in program to c, enrolling c (from at) if needed.
func (c *Customer) AwardPoints(program *Program, points float64, at time.Time) {
	pl := c.Enrol(program, at)
	pl.LoyaltyPoints += points
	pl.LifetimePoints += points
}

// Standing is a customer's standing in one program: either may be nil (no
// such program; not enrolled).
type Standing struct {
	Program *Program
	Loyalty *ProgramLoyalty
	// At is the time the standing is read at: points whose lot expired by
	// then are not counted (zero: none have expired).
	At time.Time
}

// StandingIn returns c's standing in prog (nil for none), expiring nothing.
func (c *Customer) StandingIn(prog *Program) Standing {
	st := Standing{Program: prog}
	if prog != nil {
		st.Loyalty = c.ProgramLoyalty(prog.ID)
	}
	return st
}

// StandingAt returns c's standing in prog as the clock reads at now: points
// expired by then are gone from it.
func (c *Customer) StandingAt(prog *Program, now time.Time) Standing {
	st := c.StandingIn(prog)
	st.At = now
	return st
}

// Points returns the points c can spend (0 when not enrolled).
func (st Standing) Points() float64 {
	if st.Loyalty == nil {
		return 0
	}
	return st.Loyalty.LoyaltyPoints - st.Loyalty.expiringBy(st.At)
}

// Expired returns the points that have expired (0 when not enrolled).
func (st Standing) Expired() float64 {
	if st.Loyalty == nil {
		return 0
	}
	return st.Loyalty.Expired + st.Loyalty.expiringBy(st.At)
}

// LifetimePoints returns every point c has earned (0 when not enrolled).
func (st Standing) LifetimePoints() float64 {
	if st.Loyalty == nil {
		return 0
	}
	return st.Loyalty.LifetimePoints
}

// Slab returns the current slab (tier), if enrolled in a known program.
func (st Standing) Slab() (Slab, bool) {
	if st.Loyalty == nil || st.Program == nil {
		return Slab{}, false
	}
	return st.Program.SlabBySerial(st.Loyalty.SlabSerial)
}

// NextSlab returns the slab above the current one, if there is one.
func (st Standing) NextSlab() (Slab, bool) {
	if st.Loyalty == nil || st.Program == nil {
		return Slab{}, false
	}
	return st.Program.SlabBySerial(st.Loyalty.SlabSerial + 1)
}

// UpgradeWarning returns warning 91012 "Customer is already in the highest
// slab." when st is enrolled in the highest slab of its program: there is no
// tier to move up to. nil otherwise.
func (st Standing) UpgradeWarning() *Error {
	if _, ok := st.Slab(); !ok {
		return nil
	}
	if _, ok := st.NextSlab(); ok {
		return nil
	}
	return Errorf(CodeAlreadyHighestSlab)
}

// RetentionWarning returns the warning a request for the criteria to keep
// (renew) the current tier carries: 91011 "Customer is already in the
// lowest slab." in the first slab, where there is no tier to fall to, and
// 91010 "Downgrade strategy is not configured." above it, since capsim's
// programs configure no downgrade strategy. nil when not enrolled.
func (st Standing) RetentionWarning() *Error {
	if _, ok := st.Slab(); !ok {
		return nil
	}
	if _, ok := st.Program.SlabBySerial(st.Loyalty.SlabSerial - 1); !ok {
		return Errorf(CodeAlreadyLowestSlab)
	}
	return Errorf(CodeDowngradeStrategyNotConfigured)
}
