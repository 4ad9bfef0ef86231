package simulator

import "time"

// AwardRegistration credits c, a loyalty customer who has just registered,
// with the points org awards for registration (RegistrationPoints) in its
// default program, and returns them with the program's new balance; zero
// when the org awards nothing or c is not a loyalty customer.
func (c *Customer) AwardRegistration(org *Org, at time.Time) (awarded, total float64) {
	prog := org.DefaultProgram()
	if org.RegistrationPoints <= 0 || c.LoyaltyType != LoyaltyLoyalty || prog == nil {
		return 0, 0
	}
	pl := c.Enrol(prog, at)
	pl.LoyaltyPoints += org.RegistrationPoints
	pl.LifetimePoints += org.RegistrationPoints
	return org.RegistrationPoints, pl.LoyaltyPoints
}
