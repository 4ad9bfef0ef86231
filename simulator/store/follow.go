package store

import (
	"fmt"
	"slices"

	"github.com/capsim/capsim/simulator"
)

// Survivor returns customer id or, when it was merged away, the customer it
// was merged into, following a chain of merges to its end; merged reports
// whether it followed any. A missing customer on the way is ErrNotFound; a
// chain that comes back to a customer it passed (no merge writes one) is an
// error. In a View transaction the result is shared and must not be changed.
func (t *Tx) Survivor(id int64) (c *simulator.Customer, merged bool, err error) {
	var passed []int64
	for {
		c, err := t.Customer(id)
		if err != nil {
			return nil, merged, err
		}
		if c.MergedInto == 0 {
			return c, merged, nil
		}
		if slices.Contains(passed, id) {
			return nil, merged, fmt.Errorf("customer %d: merges form a cycle", id)
		}
		passed = append(passed, id)
		merged = true
		id = c.MergedInto
	}
}
