// Package v11 serves the Capillary v1.1 customer API on capsim's store and
// writes its envelope (status, per-item item_status) in XML or JSON from one
// value tree, so both formats carry the same values.
package v11
