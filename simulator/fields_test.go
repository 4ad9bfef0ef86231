package simulator_test

import (
	"testing"

	"github.com/capsim/capsim/simulator"
)

func TestConfiguredName(t *testing.T) {
	names := []string{"Favorite Color", "gender", "Gender", "city"}
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"Favorite Color", "Favorite Color", true},
		{"favorite color", "Favorite Color", true},
		{" city ", "city", true},
		{"CITY", "city", true},
		{"Gender", "Gender", true}, // exact beats case-insensitive
		{"gender", "gender", true},
		{"GENDER", "gender", true}, // else the first case-insensitive match
		{"shoe_size", "", false},
		{"", "", false},
	} {
		got, ok := simulator.ConfiguredName(names, tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("ConfiguredName(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}
